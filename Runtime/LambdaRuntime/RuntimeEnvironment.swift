#if canImport(Glibc)
import Glibc
#endif

/// The Lambda execution environment, as the runtime reads it from the process environment at start.
public struct RuntimeEnvironment: Sendable {
    /// `host:port` of the Runtime API (`AWS_LAMBDA_RUNTIME_API`).
    public var runtimeAPI: String
    /// The configured handler string (`_HANDLER`); custom runtimes may use it to pick a handler.
    public var handler: String
    /// `LAMBDA_TASK_ROOT`, the folder the function's code was unpacked into.
    public var taskRoot: String
    public var functionName: String
    public var functionVersion: String
    public var memorySizeMB: Int
    public var logGroupName: String
    public var logStreamName: String
    public var logFormat: LogFormat
    public var logLevel: LambdaLogLevel

    /// Lambda's two log formats (`AWS_LAMBDA_LOG_FORMAT`).
    public enum LogFormat: String, Sendable {
        case text = "Text"
        case json = "JSON"
    }

    /// Reads the environment; fails only when `AWS_LAMBDA_RUNTIME_API` is missing.
    public static func fromProcess() throws(RuntimeError) -> RuntimeEnvironment {
        func value(_ name: String) -> String? {
            guard let raw = getenv(name) else { return nil }
            return String(cString: raw)
        }
        guard let api = value("AWS_LAMBDA_RUNTIME_API"), !api.isEmpty else {
            throw .missingEnvironment("AWS_LAMBDA_RUNTIME_API")
        }
        let format: LogFormat = value("AWS_LAMBDA_LOG_FORMAT")?.uppercased() == "JSON" ? .json : .text
        return RuntimeEnvironment(
            runtimeAPI: api,
            handler: value("_HANDLER") ?? "",
            taskRoot: value("LAMBDA_TASK_ROOT") ?? "",
            functionName: value("AWS_LAMBDA_FUNCTION_NAME") ?? "",
            functionVersion: value("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST",
            memorySizeMB: value("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").flatMap { Int($0) } ?? 128,
            logGroupName: value("AWS_LAMBDA_LOG_GROUP_NAME") ?? "",
            logStreamName: value("AWS_LAMBDA_LOG_STREAM_NAME") ?? "",
            logFormat: format,
            logLevel: value("AWS_LAMBDA_LOG_LEVEL").flatMap(LambdaLogLevel.init(name:)) ?? .info)
    }
}

/// Errors of the runtime itself (not of the handler).
public enum RuntimeError: Error, CustomStringConvertible, Sendable {
    case missingEnvironment(String)
    case transport(String)
    case unexpectedStatus(path: String, status: Int, body: String)
    case missingHeader(String)

    public var description: String {
        switch self {
        case .missingEnvironment(let name):
            "\(name) is not set: this program is a Lambda bootstrap and must be started by Lambda or an emulator (try `sluice invoke` or `sluice rie`)"
        case .transport(let message): "Runtime API request failed: \(message)"
        case .unexpectedStatus(let path, let status, let body): "Runtime API answered \(status) to \(path): \(body)"
        case .missingHeader(let name): "Runtime API response lacks the \(name) header"
        }
    }
}
