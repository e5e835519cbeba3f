import Logging
import SluiceJSON

#if canImport(Glibc)
import Glibc
#endif

/// Lambda's log levels (`AWS_LAMBDA_LOG_LEVEL`), lowest first.
public enum LambdaLogLevel: Int, Sendable, Comparable {
    case trace, debug, info, warn, error, fatal

    /// Parses Lambda's level names, case-insensitively.
    public init?(name: String) {
        switch name.uppercased() {
        case "TRACE": self = .trace
        case "DEBUG": self = .debug
        case "INFO": self = .info
        case "WARN", "WARNING": self = .warn
        case "ERROR": self = .error
        case "FATAL", "CRITICAL": self = .fatal
        default: return nil
        }
    }

    init(_ level: Logger.Level) {
        switch level {
        case .trace: self = .trace
        case .debug: self = .debug
        case .info, .notice: self = .info
        case .warning: self = .warn
        case .error: self = .error
        case .critical: self = .fatal
        }
    }

    var name: String {
        switch self {
        case .trace: "TRACE"
        case .debug: "DEBUG"
        case .info: "INFO"
        case .warn: "WARN"
        case .error: "ERROR"
        case .fatal: "FATAL"
        }
    }

    var swiftLogLevel: Logger.Level {
        switch self {
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .warn: .warning
        case .error: .error
        case .fatal: .critical
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A swift-log handler that writes Lambda's text or JSON log lines to standard error.
///
/// Text: `<timestamp>\t<requestId>\t<LEVEL>\t<message> key=value…`.
/// JSON: `{"timestamp":…,"level":…,"message":…,"requestId":…}` plus one field per metadata key.
public struct LambdaLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let format: RuntimeEnvironment.LogFormat
    let label: String

    public init(label: String, format: RuntimeEnvironment.LogFormat, level: LambdaLogLevel) {
        self.label = label
        self.format = format
        self.logLevel = level.swiftLogLevel
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let requestID = merged.removeValue(forKey: "requestId").map { "\($0)" }
        let level = LambdaLogLevel(event.level).name
        let timestamp = WallClock.iso8601Now()
        var line: String
        switch format {
        case .text:
            line = "\(timestamp)\t\(requestID ?? "")\t\(level)\t\(event.message)"
            for key in merged.keys.sorted() { line += " \(key)=\(merged[key]!)" }
        case .json:
            var bytes: [UInt8] = Array("{\"timestamp\":\"\(timestamp)\",\"level\":\"\(level)\",\"message\":".utf8)
            JSONSerializer.appendString("\(event.message)", to: &bytes)
            if let requestID {
                bytes += Array(",\"requestId\":".utf8)
                JSONSerializer.appendString(requestID, to: &bytes)
            }
            for key in merged.keys.sorted() where !["timestamp", "level", "message"].contains(key) {
                bytes.append(UInt8(ascii: ","))
                JSONSerializer.appendString(key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                JSONSerializer.appendString("\(merged[key]!)", to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
            line = String(decoding: bytes, as: UTF8.self)
        }
        StandardError.write(line + "\n")
    }
}

/// Unbuffered writes to file descriptor 2, one `write` per line so lines never interleave.
enum StandardError {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
