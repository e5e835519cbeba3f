import DynamoModel
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif
import LocalHTTP
import SluiceJSON
import Synchronization

/// An error as DynamoDB puts it on the wire: `{"__type": "<namespace>#<Code>", "message": "…"}` and a status.
enum WireError: Error {
    /// An error of the service (`com.amazonaws.dynamodb.v20120810#…`).
    case service(DynamoError)
    /// A protocol-level error (`com.amazon.coral.service#…`): unknown operation, bad JSON, authentication.
    case protocolError(String, String, status: HTTPResponseStatus)

    /// Malformed JSON and wrong types are SerializationException; invalid values are ValidationException.
    init(decoding error: any Error) {
        switch error {
        case let parse as JSONParseError:
            self = .protocolError("SerializationException", "Malformed JSON: \(parse)", status: .badRequest)
        case DecodingError.dataCorrupted(let context) where context.underlyingError is JSONParseError:
            self = .protocolError("SerializationException", "Malformed JSON: \(context.underlyingError!)", status: .badRequest)
        case DecodingError.typeMismatch(let type, let context):
            self = .protocolError(
                "SerializationException", "Unexpected value at \(Self.path(context)): expected \(Self.typeName(type))", status: .badRequest)
        case DecodingError.valueNotFound(_, let context):
            self = .service(.validationException("1 validation error detected: Value null at '\(Self.path(context))' failed to satisfy constraint: Member must not be null"))
        case DecodingError.keyNotFound(let key, let context):
            let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).map(Self.lowerFirst).joined(separator: ".")
            self = .service(.validationException("1 validation error detected: Value null at '\(path)' failed to satisfy constraint: Member must not be null"))
        case DecodingError.dataCorrupted(let context):
            self = .service(.validationException(context.debugDescription))
        default:
            self = .protocolError("SerializationException", "\(error)", status: .badRequest)
        }
    }

    var status: HTTPResponseStatus {
        switch self {
        case .service(let error): HTTPResponseStatus(statusCode: error.httpStatus)
        case .protocolError(_, _, let status): status
        }
    }

    var body: [UInt8] {
        var object = JSONObject()
        switch self {
        case .service(let error):
            object["__type"] = .string(error.wireType)
            object["message"] = .string(error.message)
            if case .conditionalCheckFailedException(_, let item?) = error, let value = try? SluiceJSONEncoder().encodeToValue(item) {
                object["Item"] = value
            }
            if case .transactionCanceledException(_, let reasons) = error {
                // One entry per action, in order: {"Code": …, "Message"?: …, "Item"?: …}.
                object["CancellationReasons"] = .array(reasons.map { reason in
                    var entry = JSONObject()
                    entry["Code"] = .string(reason.code)
                    if let message = reason.message { entry["Message"] = .string(message) }
                    if let item = reason.item, let value = try? SluiceJSONEncoder().encodeToValue(item) { entry["Item"] = value }
                    return .object(entry)
                })
            }
        case .protocolError(let code, let message, _):
            object["__type"] = .string("com.amazon.coral.service#\(code)")
            object["message"] = .string(message)
        }
        return JSONSerializer.serialize(.object(object), formatting: [])
    }

    static func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map(\.stringValue)
        return keys.isEmpty ? "the top level" : keys.joined(separator: ".")
    }

    static func lowerFirst(_ text: String) -> String { text.prefix(1).lowercased() + text.dropFirst() }

    static func typeName(_ type: Any.Type) -> String {
        switch "\(type)" {
        case "String": "a string"
        case "Bool": "a boolean"
        case let name where name.hasPrefix("Int") || name == "Double": "a number"
        case let name where name.hasPrefix("Array"): "a list"
        case let name where name.hasPrefix("Dictionary"): "a map"
        default: "a structure"
        }
    }
}

/// Request ids shaped like DynamoDB's (52 upper-case alphanumerics).
enum WireRequestID {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    /// Five 64-bit draws (12 base-36 digits each) from a seeded xoshiro256**: a `getrandom` system call
    /// per draw (52 per request at first, then 5) was a visible part of the server's CPU under load.
    private static let generator = Mutex(Xoshiro256StarStar())

    static func make() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(60)
        while bytes.count < 52 {
            var value = generator.withLock { $0.next() }
            for _ in 0..<12 {
                bytes.append(alphabet[Int(value % 36)])
                value /= 36
            }
        }
        return String(decoding: bytes.prefix(52), as: UTF8.self)
    }
}

/// Seconds since the epoch, for signature freshness.
enum WireClock {
    static func epochSeconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec)
    }
}
