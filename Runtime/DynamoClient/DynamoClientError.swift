import DynamoModel

/// What can go wrong in ``DynamoDBClient`` besides DynamoDB's own errors.
///
/// ``DynamoDBClient/send(_:_:as:)`` throws it; the `DynamoDBService` methods (which can only throw
/// `DynamoError`) turn every case but `.service` into an `InternalServerError` whose message starts
/// with `DynamoClient:` and names the case (see ``asDynamoError``).
public enum DynamoClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// DynamoDB answered with an error the model knows.
    case service(DynamoError)
    /// DynamoDB (or a peer) answered with an error type `DynamoError` has no case for
    /// (`UnrecognizedClientException`, `InvalidSignatureException`, `RequestLimitExceeded`, …).
    case unmodeledService(code: String, message: String, status: Int)
    /// libcurl could not be loaded (`libcurl.so.4` missing, or a symbol missing); install libcurl4.
    case libcurlUnavailable(String)
    /// No HTTP response: connection refused or reset, DNS failure, TLS failure, timeout.
    /// `curlCode` is libcurl's result code (7 connect, 28 timeout, 52/55/56 reset…); plain `http://`
    /// endpoints, served without libcurl, report the same codes for the same failures.
    case transport(curlCode: Int, message: String)
    /// The response's `x-amz-crc32` does not match its body.
    case checksumMismatch(expected: UInt32, actual: UInt32)
    /// A response that is neither the operation's output nor an AWS error body.
    case invalidResponse(status: Int, message: String)
    /// The configuration cannot be used (bad endpoint URL, unreadable profile…).
    case configuration(String)

    public var description: String {
        switch self {
        case .service(let error): error.description
        case .unmodeledService(let code, let message, let status): "\(code): \(message) (HTTP \(status))"
        case .libcurlUnavailable(let reason): "libcurl is unavailable (install libcurl4): \(reason)"
        case .transport(let code, let message): "transport error (curl \(code)): \(message)"
        case .checksumMismatch(let expected, let actual): "x-amz-crc32 mismatch: header \(expected), body \(actual)"
        case .invalidResponse(let status, let message): "invalid response (HTTP \(status)): \(message)"
        case .configuration(let message): "configuration: \(message)"
        }
    }

    /// The error as a `DynamoError`: service errors unchanged; an error type the model has no case for
    /// as `.service(type:message:statusCode:)` with the service's own type, message and status; anything
    /// else (transport, checksum, configuration) as `InternalServerError` with a message starting `DynamoClient:`.
    public var asDynamoError: DynamoError {
        switch self {
        case .service(let error):
            return error
        case .unmodeledService(let code, let message, let status):
            return .service(type: code, message: message, statusCode: status)
        default:
            return .internalServerError("DynamoClient: \(description)")
        }
    }

    /// Whether the standard retry policy tries again: throttling, 5xx, transport failures
    /// (not DNS), checksum mismatches. Never ConditionalCheckFailed or other 4xx.
    public var isRetryable: Bool {
        switch self {
        case .service(let error):
            return error.isRetryable
        case .unmodeledService(let code, let message, let status):
            return DynamoError.service(type: code, message: message, statusCode: status).isRetryable
        case .transport(let code, _):
            return Self.retryableCurlCodes.contains(code)
        case .checksumMismatch:
            return true
        case .invalidResponse(let status, _):
            return status >= 500
        case .libcurlUnavailable, .configuration:
            return false
        }
    }

    /// libcurl results that mean "no response, try again": couldn't connect (7), partial file (18),
    /// timeout (28), TLS connect (35), empty reply (52), send (55) and receive (56) errors.
    static let retryableCurlCodes: Set<Int> = [7, 18, 28, 35, 52, 55, 56]
}
