import SluiceJSON

/// A handler that takes the raw event bytes and returns the raw response bytes.
///
/// It is created once, in the init phase, and reused for every invocation of the process.
public protocol ByteHandler: Sendable {
    func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8]
}

/// A handler of JSON events and responses through `Codable`.
///
/// An event that does not decode into `Event` is reported as `Runtime.InvalidEvent` without calling the handler.
public protocol LambdaHandler: Sendable {
    associatedtype Event: Decodable & Sendable
    associatedtype Output: Encodable & Sendable
    func handle(_ event: Event, context: LambdaContext) async throws -> Output
}

/// A handler that streams its response (`Lambda-Runtime-Function-Response-Mode: streaming`).
///
/// Bytes written to `response` reach the caller as they are written. An error thrown after the
/// first write is reported in the stream's trailers; one thrown before it is an ordinary error.
public protocol StreamingHandler: Sendable {
    func handle(_ event: [UInt8], response: ResponseStream, context: LambdaContext) async throws
}

/// Wraps a closure as a `ByteHandler`.
public struct ClosureHandler: ByteHandler {
    let body: @Sendable ([UInt8], LambdaContext) async throws -> [UInt8]
    public init(_ body: @escaping @Sendable ([UInt8], LambdaContext) async throws -> [UInt8]) {
        self.body = body
    }
    public func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
        try await body(event, context)
    }
}

/// Adapts a `Codable` handler to bytes.
struct CodableAdapter<Wrapped: LambdaHandler>: ByteHandler {
    let wrapped: Wrapped

    func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
        let decoded: Wrapped.Event
        do {
            decoded = try SluiceJSONDecoder().decode(Wrapped.Event.self, from: event)
        } catch {
            throw FunctionErrorReport(
                errorType: "Runtime.InvalidEvent",
                errorMessage: "The event does not decode as \(Wrapped.Event.self): \(DecodingErrorText.describe(error))")
        }
        let output = try await wrapped.handle(decoded, context: context)
        return try SluiceJSONEncoder().encode(output)
    }
}

/// Short, readable text for a `DecodingError` (the default description is a wall of context).
enum DecodingErrorText {
    static func describe(_ error: any Error) -> String {
        if let error = error as? JSONParseError { return "\(error)" }
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : keys.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context): return "expected \(type) at \(path(context))"
        case .valueNotFound(let type, let context): return "missing \(type) value at \(path(context))"
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(path(context))"
        case .dataCorrupted(let context): return "\(context.debugDescription) at \(path(context))"
        @unknown default: return "\(error)"
        }
    }
}
