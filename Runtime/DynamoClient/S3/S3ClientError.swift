/// What can go wrong in ``S3Client``.
public enum S3ClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bucket does not exist (`NoSuchBucket`): create it, or check the lake location's bucket name.
    case noSuchBucket(String)
    /// The object does not exist (`NoSuchKey`, or 404 on HEAD).
    case noSuchKey(bucket: String, key: String)
    /// A conditional write lost (`PreconditionFailed`, HTTP 412): the object changed since it was read.
    case preconditionFailed(bucket: String, key: String)
    /// Any other S3 error response (`AccessDenied`, `SlowDown`, `InvalidRange`, …).
    case service(code: String, message: String, status: Int)
    /// No HTTP response: connection refused or reset, DNS, TLS, timeout (libcurl's result code).
    case transport(curlCode: Int, message: String)
    /// libcurl could not be loaded (install libcurl4).
    case libcurlUnavailable(String)
    /// A response that is neither the operation's output nor an S3 error document.
    case invalidResponse(status: Int, message: String)
    /// The configuration cannot be used (bad endpoint URL, bad bucket name, unreadable profile…).
    case configuration(String)

    public var description: String {
        switch self {
        case .noSuchBucket(let bucket): "NoSuchBucket: the bucket '\(bucket)' does not exist (create it, or check the bucket name and AWS_ENDPOINT_URL_S3)"
        case .noSuchKey(let bucket, let key): "NoSuchKey: s3://\(bucket)/\(key) does not exist"
        case .preconditionFailed(let bucket, let key): "PreconditionFailed: s3://\(bucket)/\(key) changed since it was read"
        case .service(let code, let message, let status): "\(code): \(message) (HTTP \(status))"
        case .transport(let code, let message): "transport error (curl \(code)): \(message)"
        case .libcurlUnavailable(let reason): "libcurl is unavailable (install libcurl4): \(reason)"
        case .invalidResponse(let status, let message): "invalid S3 response (HTTP \(status)): \(message)"
        case .configuration(let message): "configuration: \(message)"
        }
    }

    /// The transport's errors in S3's terms.
    init(_ error: DynamoClientError) {
        switch error {
        case .transport(let code, let message): self = .transport(curlCode: code, message: message)
        case .libcurlUnavailable(let reason): self = .libcurlUnavailable(reason)
        case .configuration(let message): self = .configuration(message)
        case .invalidResponse(let status, let message): self = .invalidResponse(status: status, message: message)
        default: self = .invalidResponse(status: 0, message: error.description)
        }
    }

    /// The standard retry mode's rule: throttling, 5xx and transport failures are retried, other 4xx never.
    public var isRetryable: Bool {
        switch self {
        case .service(let code, _, let status): status >= 500 || Self.retryableCodes.contains(code)
        case .transport(let code, _): DynamoClientError.retryableCurlCodes.contains(code)
        case .invalidResponse(let status, _): status >= 500
        default: false
        }
    }

    static let retryableCodes: Set<String> = [
        "SlowDown", "InternalError", "RequestTimeout", "ServiceUnavailable", "Throttling", "ThrottlingException",
        "RequestTimeTooSkewed",
    ]
}
