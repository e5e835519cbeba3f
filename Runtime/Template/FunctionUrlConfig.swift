/// A function's `FunctionUrlConfig`.
public struct FunctionUrlConfig: Sendable, Hashable {
    /// How the URL returns responses.
    public enum InvokeMode: String, Sendable, Hashable {
        /// `BUFFERED` (the default): the whole response is returned at once.
        case buffered = "BUFFERED"
        /// `RESPONSE_STREAM`: the function streams its response.
        case responseStream = "RESPONSE_STREAM"
    }

    /// `AuthType` (`NONE` or `AWS_IAM`).
    public var authType: String
    /// `InvokeMode`, `BUFFERED` when absent.
    public var invokeMode: InvokeMode
    /// `Cors`, as written (resolved where possible).
    public var cors: TemplateValue?

    /// Creates a configuration.
    public init(authType: String, invokeMode: InvokeMode = .buffered, cors: TemplateValue? = nil) {
        self.authType = authType
        self.invokeMode = invokeMode
        self.cors = cors
    }
}
