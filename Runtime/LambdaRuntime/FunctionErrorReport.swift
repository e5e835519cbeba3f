import SluiceJSON

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

    /// The JSON body.
    public var json: [UInt8] {
        var out: [UInt8] = Array("{\"errorMessage\":".utf8)
        JSONSerializer.appendString(errorMessage, to: &out)
        out += Array(",\"errorType\":".utf8)
        JSONSerializer.appendString(errorType, to: &out)
        out += Array(",\"stackTrace\":[".utf8)
        for (index, frame) in stackTrace.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONSerializer.appendString(frame, to: &out)
        }
        out += Array("]}".utf8)
        return out
    }
}
