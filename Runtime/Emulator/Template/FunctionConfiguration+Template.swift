import SluiceTemplate

extension FunctionConfiguration {
    /// The emulator configuration of a template function: its name, limits, logging and environment.
    public init(
        function: FunctionDefinition, command: [String], environment: [String: String], codeDirectory: String?,
        region: String, logs: LogSink
    ) {
        let logging = function.properties["LoggingConfig"]
        self.init(
            name: function.functionName ?? function.logicalId, command: command, environment: environment,
            handler: function.handler ?? "bootstrap", codeDirectory: codeDirectory,
            timeout: .seconds(function.timeout), memorySizeMB: function.memorySize, region: region,
            logFormat: logging?["LogFormat"]?.stringValue, logLevel: logging?["ApplicationLogLevel"]?.stringValue,
            logs: logs)
    }
}
