/// What the emulator needs to run one function: its command, environment and limits.
public struct FunctionConfiguration: Sendable {
    /// The function's name (`AWS_LAMBDA_FUNCTION_NAME`); for template functions, the logical id.
    public var name: String
    /// The bootstrap command: the executable and its arguments.
    public var command: [String]
    /// The function's own environment (the template's `Environment.Variables`, after overrides).
    public var environment: [String: String]
    /// `_HANDLER`.
    public var handler: String
    /// `LAMBDA_TASK_ROOT` and the process's working directory; nil keeps ours.
    public var codeDirectory: String?
    /// The invocation time limit; the process is killed past it.
    public var timeout: Duration
    public var memorySizeMB: Int
    public var region: String
    /// `Text` or `JSON` (`LoggingConfig.LogFormat`).
    public var logFormat: String?
    /// `AWS_LAMBDA_LOG_LEVEL` (`LoggingConfig.ApplicationLogLevel`).
    public var logLevel: String?
    /// Whether the host's environment (PATH, HOME, …) is passed through under the Lambda variables.
    public var inheritHostEnvironment: Bool
    /// Where the process's output goes.
    public var logs: LogSink

    public init(
        name: String, command: [String], environment: [String: String] = [:], handler: String = "bootstrap",
        codeDirectory: String? = nil, timeout: Duration = .seconds(3), memorySizeMB: Int = 128,
        region: String = "us-east-1", logFormat: String? = nil, logLevel: String? = nil,
        inheritHostEnvironment: Bool = true, logs: LogSink = .standardError
    ) {
        self.name = name
        self.command = command
        self.environment = environment
        self.handler = handler
        self.codeDirectory = codeDirectory
        self.timeout = timeout
        self.memorySizeMB = memorySizeMB
        self.region = region
        self.logFormat = logFormat
        self.logLevel = logLevel
        self.inheritHostEnvironment = inheritHostEnvironment
        self.logs = logs
    }

    /// The account id the emulator puts in ARNs (the same as AWS's RIE).
    public static let accountID = "012345678912"

    /// `arn:aws:lambda:<region>:012345678912:function:<name>`.
    public var functionARN: String { "arn:aws:lambda:\(region):\(Self.accountID):function:\(name)" }

    /// Timeout in Lambda's wording: `3.00`.
    var timeoutText: String {
        let hundredths = Int((Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18) * 100)
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
