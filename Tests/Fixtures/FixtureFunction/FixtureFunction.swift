import LambdaRuntime
import Logging

import SluiceJSON
#if canImport(Glibc)
import Glibc
#endif

/// A test function whose behaviour `_HANDLER` chooses, so emulator tests run a real bootstrap.
@main
enum FixtureFunction {
    static func main() {
        let handler = getenv("_HANDLER").map { String(cString: $0) } ?? "echo"
        switch handler {
        case "init-error":
            Lambda.run { () async throws -> Echo in throw FixtureError.cannotStart("missing configuration") }
        case "typed":
            Lambda.run { Greeter() }
        case "stream", "stream-fail":
            Lambda.run(contentType: "text/plain") { Streamer(failMidway: handler == "stream-fail") }
        case "counter":
            Lambda.run { Counter() }
        case let mode where mode.hasPrefix("stream-"):
            Lambda.run { StreamConsumer(mode: mode) }
        default:
            Lambda.run { Echo(mode: handler) }
        }
    }
}

enum FixtureError: Error { case cannotStart(String), boom(String) }

/// Behaviours chosen by `_HANDLER`: echo, noop, throw, sleep (event = milliseconds), crash,
/// crash-once (crashes on the first invocation of a process when the event is "crash"), context, big, log, env,
/// instance (event = milliseconds to sleep; answers the process's log stream name, unique per instance).
struct Echo: ByteHandler {
    var mode = "echo"

    func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
        let text = String(decoding: event, as: UTF8.self)
        switch mode {
        case "noop": return Array("null".utf8)
        case "throw": throw FixtureError.boom("handler failed on \(text)")
        case "sleep":
            try await Task.sleep(for: .milliseconds(Int(text) ?? 1000))
            return Array("\"slept\"".utf8)
        case "crash":
            if text.contains("crash") { exit(3) }
            return event
        case "context":
            let remaining = context.remainingTime.components.seconds * 1000
                + context.remainingTime.components.attoseconds / 1_000_000_000_000_000
            let trace = getenv("_X_AMZN_TRACE_ID").map { String(cString: $0) } ?? ""
            let object: [String: String] = [
                "requestId": context.requestID, "arn": context.invokedFunctionARN,
                "remainingMs": String(remaining), "deadline": String(context.deadlineMilliseconds),
                "traceId": context.traceID ?? "", "envTrace": trace, "clientContext": context.clientContext ?? "",
                "functionName": context.environment.functionName, "memory": String(context.environment.memorySizeMB),
                "version": context.environment.functionVersion, "logGroup": context.environment.logGroupName,
            ]
            return try SluiceJSONEncoder().encode(object)
        case "http-echo":
            // Answers with the request's body as the whole payload: tests post the response document they want.
            let request = try JSONValue(parsing: event)
            return Array((request["body"]?.stringValue ?? "null").utf8)
        case "big": return [UInt8](repeating: UInt8(ascii: "x"), count: 7_000_000)
        case "log":
            context.logger.debug("debug line")
            context.logger.info("info line", metadata: ["user": "alice"])
            context.logger.warning("warn line")
            context.logger.error("error line")
            return Array("\"logged\"".utf8)
        case "instance":
            try await Task.sleep(for: .milliseconds(Int(text) ?? 0))
            let stream: String = getenv("AWS_LAMBDA_LOG_STREAM_NAME").map { String(cString: $0) } ?? ""
            return try SluiceJSONEncoder().encode(stream)
        case "env":
            let name = text.filter { $0 != "\"" }
            let value: String = getenv(name).map { String(cString: $0) } ?? ""
            return try SluiceJSONEncoder().encode([name: value])
        default: return event
        }
    }
}

/// A typed handler: `{"name": "…"}` → `{"greeting": "Hello, …"}`.
struct Greeter: LambdaHandler {
    struct Request: Decodable, Sendable { var name: String }
    struct Response: Encodable, Sendable { var greeting: String }
    func handle(_ event: Request, context: LambdaContext) async throws -> Response {
        Response(greeting: "Hello, \(event.name)")
    }
}

/// Streams five chunks; with `failMidway`, throws after the second.
struct Streamer: StreamingHandler {
    var failMidway: Bool
    func handle(_ event: [UInt8], response: ResponseStream, context: LambdaContext) async throws {
        for index in 0..<5 {
            if failMidway && index == 2 { throw FixtureError.boom("stream broke after 2 chunks") }
            await response.write("chunk \(index)\n")
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Counts invocations in this process: shows the handler is created once and reused.
actor Counter: ByteHandler {
    var count = 0
    func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
        count += 1
        return Array(String(count).utf8)
    }
}
