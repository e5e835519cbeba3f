import Logging

#if canImport(Glibc)
import Glibc
#endif

/// What the runtime knows about one invocation, handed to the handler with the event.
public struct LambdaContext: Sendable {
    /// The request id (`Lambda-Runtime-Aws-Request-Id`).
    public let requestID: String
    /// The deadline in milliseconds since the Unix epoch (`Lambda-Runtime-Deadline-Ms`).
    public let deadlineMilliseconds: Int64
    /// The ARN the function was invoked with (`Lambda-Runtime-Invoked-Function-Arn`).
    public let invokedFunctionARN: String
    /// The X-Ray trace header (`Lambda-Runtime-Trace-Id`), also exported as `_X_AMZN_TRACE_ID`.
    public let traceID: String?
    /// The client context JSON of mobile SDK calls (`Lambda-Runtime-Client-Context`).
    public let clientContext: String?
    /// The Cognito identity JSON (`Lambda-Runtime-Cognito-Identity`).
    public let cognitoIdentity: String?
    /// The tenant id (`Lambda-Runtime-Aws-Tenant-Id`), for tenant-isolated functions.
    public let tenantID: String?
    /// The function's environment: name, version, memory, log group and stream.
    public let environment: RuntimeEnvironment
    /// A logger whose every line carries this invocation's request id.
    public let logger: Logger

    public init(
        requestID: String, deadlineMilliseconds: Int64, invokedFunctionARN: String, traceID: String?,
        clientContext: String?, cognitoIdentity: String?, tenantID: String?, environment: RuntimeEnvironment,
        logger: Logger
    ) {
        self.requestID = requestID
        self.deadlineMilliseconds = deadlineMilliseconds
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.tenantID = tenantID
        self.environment = environment
        self.logger = logger
    }

    /// Time left until the deadline (negative once it has passed).
    public var remainingTime: Duration {
        .milliseconds(deadlineMilliseconds - WallClock.nowMilliseconds())
    }
}

/// Wall-clock time without Foundation.
enum WallClock {
    static func nowMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` for now, in UTC.
    static func iso8601Now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var seconds = ts.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
            + "\(pad(Int32(ts.tv_nsec / 1_000_000), 3))Z"
    }
}
