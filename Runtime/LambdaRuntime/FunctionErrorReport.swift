/// The error document the Runtime API takes on `/invocation/{id}/error` and `/init/error`:
/// `{"errorMessage": …, "errorType": …, "stackTrace": […]}`.
///
/// Throw one from a handler to choose the `errorType` the caller sees; any other error is reported
/// with its Swift type name as `errorType` and its description as `errorMessage`.
public struct FunctionErrorReport: Error, Sendable, CustomStringConvertible {
    public var errorType: String
    public var errorMessage: String
    public var stackTrace: [String]

    public init(errorType: String, errorMessage: String, stackTrace: [String] = []) {
        self.errorType = errorType
        self.errorMessage = errorMessage
        self.stackTrace = stackTrace
    }

    /// The report for any thrown error.
    public init(_ error: any Error) {
        if let report = error as? FunctionErrorReport {
            self = report
        } else {
            self.init(errorType: String(describing: type(of: error)), errorMessage: String(describing: error))
        }
    }

    public var description: String { "\(errorType): \(errorMessage)" }

    /// The JSON body, with the strings escaped by hand (no Foundation in the hot path).
    public var json: [UInt8] {
        var out = "{\"errorMessage\":"
        JSONText.appendQuoted(errorMessage, to: &out)
        out += ",\"errorType\":"
        JSONText.appendQuoted(errorType, to: &out)
        out += ",\"stackTrace\":["
        for (index, frame) in stackTrace.enumerated() {
            if index > 0 { out += "," }
            JSONText.appendQuoted(frame, to: &out)
        }
        out += "]}"
        return Array(out.utf8)
    }
}

/// JSON string escaping.
enum JSONText {
    static func appendQuoted(_ text: String, to out: inout String) {
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }
}
