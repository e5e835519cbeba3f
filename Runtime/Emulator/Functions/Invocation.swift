import LocalHTTP
import SluiceJSON
import Synchronization

/// One invocation as the caller hands it to the emulator.
public struct InvocationRequest: Sendable {
    public var payload: [UInt8]
    public var requestID: String
    /// Client context JSON (decoded from `X-Amz-Client-Context`).
    public var clientContext: String?
    public var cognitoIdentity: String?
    public var traceID: String?
    public var tenantID: String?

    public init(
        payload: [UInt8], requestID: String = RequestID.make(), clientContext: String? = nil,
        cognitoIdentity: String? = nil, traceID: String? = nil, tenantID: String? = nil
    ) {
        self.payload = payload
        self.requestID = requestID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.traceID = traceID
        self.tenantID = tenantID
    }
}

/// How an invocation ended.
public enum InvocationResult: Sendable {
    /// The function's response; `streamed` when it came with `Lambda-Runtime-Function-Response-Mode: streaming`.
    case success(payload: [UInt8], streamed: Bool)
    /// The function (or its process) failed; `payload` is what a caller of Lambda's Invoke API receives.
    case failure(FunctionFailure)

    /// The bytes a caller receives either way.
    public var payload: [UInt8] {
        switch self {
        case .success(let payload, _): payload
        case .failure(let failure): failure.payload
        }
    }
}

/// A failed invocation: the error document and why it failed.
public struct FunctionFailure: Sendable, Error, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The function reported an error through `/invocation/{id}/error`.
        case function
        /// The function could not initialise (`/init/error`).
        case initialization
        /// It ran past its `Timeout` and was stopped.
        case timeout
        /// Its process exited or crashed during the invocation.
        case crash
        /// A streamed response that failed after it had started (error trailers).
        case midStream
    }

    public var kind: Kind
    public var errorType: String
    public var errorMessage: String
    /// The error JSON, as the function posted it or as Lambda builds it.
    public var payload: [UInt8]
    /// For `midStream`: what was streamed before the failure.
    public var partialBody: [UInt8]

    public init(kind: Kind, errorType: String, errorMessage: String, payload: [UInt8]? = nil, partialBody: [UInt8] = []) {
        self.kind = kind
        self.errorType = errorType
        self.errorMessage = errorMessage
        self.payload = payload ?? Array(JSONDocument.error(type: errorType, message: errorMessage).utf8)
        self.partialBody = partialBody
    }

    public var description: String { "\(errorType): \(errorMessage)" }
}

/// Request ids shaped like Lambda's (a random UUID v4) and X-Ray trace headers.
public enum RequestID {
    /// 128 random bits from a generator seeded once from the system's: ids must be unique, not secret,
    /// and a `getrandom` call per id was a measurable part of each invocation.
    private static func randomBytes() -> [UInt8] {
        let (high, low) = generator.withLock { ($0.next(), $0.next()) }
        return (0..<8).map { UInt8(truncatingIfNeeded: high >> ($0 * 8)) } + (0..<8).map { UInt8(truncatingIfNeeded: low >> ($0 * 8)) }
    }

    private static let generator = Mutex(Xoshiro256StarStar())

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func make() -> String {
        var bytes = randomBytes()
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        // 8-4-4-4-12 hex digits, written straight into the string's storage.
        return String(unsafeUninitializedCapacity: 36) { out in
            var position = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    out[position] = UInt8(ascii: "-")
                    position += 1
                }
                out[position] = hexDigits[Int(byte >> 4)]
                out[position + 1] = hexDigits[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }

    /// An X-Ray trace header: `Root=1-<time>-<96 random bits>;Parent=<64 bits>;Sampled=0`.
    public static func traceHeader(now: Int) -> String {
        let random = randomBytes()
        let parent = random.reversed()
        return "Root=1-\(String(now, radix: 16))-\(hex(random[0..<12]));Parent=\(hex(parent.prefix(8)));Sampled=0"
    }
}

/// The error documents the emulator writes itself.
enum JSONDocument {
    static func error(type: String, message: String) -> String {
        var bytes: [UInt8] = Array("{\"errorMessage\":".utf8)
        JSONSerializer.appendString(message, to: &bytes)
        bytes += Array(",\"errorType\":".utf8)
        JSONSerializer.appendString(type, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
