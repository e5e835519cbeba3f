import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Entry points of the custom runtime: call one of them from a function's `main`.
///
/// ```swift
/// @main struct Hello {
///     static func main() { Lambda.run { GreetingHandler() } }
/// }
/// ```
/// The handler factory runs once, in the init phase; a thrown error there is posted to
/// `/runtime/init/error` and the process exits. Then the loop serves invocations until the process is stopped.
public enum Lambda {
    /// The largest buffered response Lambda returns to a synchronous caller.
    public static let maximumResponseBytes = 6_291_556

    /// Runs a `ByteHandler`.
    public static func run<Handler: ByteHandler>(_ makeHandler: @escaping @Sendable () async throws -> Handler) -> Never {
        RuntimeLoop.start { .buffered(try await makeHandler()) }
    }

    /// Runs a `Codable` handler.
    public static func run<Handler: LambdaHandler>(_ makeHandler: @escaping @Sendable () async throws -> Handler) -> Never {
        RuntimeLoop.start { .buffered(CodableAdapter(wrapped: try await makeHandler())) }
    }

    /// Runs a handler that streams its response.
    public static func run<Handler: StreamingHandler>(
        contentType: String = "application/octet-stream",
        _ makeHandler: @escaping @Sendable () async throws -> Handler
    ) -> Never {
        RuntimeLoop.start { .streaming(try await makeHandler(), contentType: contentType) }
    }

    /// Runs a closure over the event's bytes.
    public static func run(_ body: @escaping @Sendable ([UInt8], LambdaContext) async throws -> [UInt8]) -> Never {
        RuntimeLoop.start { .buffered(ClosureHandler(body)) }
    }
}

/// The handler the loop drives.
enum AnyHandler: Sendable {
    case buffered(any ByteHandler)
    case streaming(any StreamingHandler, contentType: String)
}

/// The loop: the calling thread does all Runtime API I/O (blocking libcurl calls);
/// handlers run as tasks on the cooperative pool, so a slow connection never starves them.
enum RuntimeLoop {
    static func start(_ makeHandler: @escaping @Sendable () async throws -> AnyHandler) -> Never {
        let environment: RuntimeEnvironment
        do {
            environment = try RuntimeEnvironment.fromProcess()
        } catch {
            StandardError.write("bootstrap: \(error)\n")
            exit(1)
        }
        LoggingSystem.bootstrap { label in
            LambdaLogHandler(label: label, format: environment.logFormat, level: environment.logLevel)
        }
        let baseLogger = Logger(label: environment.functionName.isEmpty ? "lambda" : environment.functionName)
        let client = RuntimeAPIClient(runtimeAPI: environment.runtimeAPI)

        // One task on the runtime's own thread runs the init phase and then every invocation: the handler
        // is awaited in place, so an invocation costs no task creation and no hand-off between threads.
        let executor = InlineExecutor()
        let stopped: RuntimeError = executor.run {
            let handler: AnyHandler
            do {
                handler = try await makeHandler()
            } catch {
                let report = FunctionErrorReport(error)
                baseLogger.critical("init failed: \(report)")
                try? client.reportInitError(report)
                exit(1)
            }
            let traceVariable = TraceIDVariable()
            do throws(RuntimeError) {
                var invocation = try client.next()
                while true {
                    invocation = try await serve(
                        invocation, with: handler, client: client, environment: environment, baseLogger: baseLogger,
                        traceVariable: traceVariable)
                }
            } catch {
                return error
            }
        }
        // The Runtime API is gone or broken: Lambda ends the sandbox; there is nothing to retry.
        baseLogger.critical("runtime loop stopped: \(stopped)")
        exit(1)
    }

    static func serve(
        _ invocation: RuntimeAPIClient.Invocation, with handler: AnyHandler, client: RuntimeAPIClient,
        environment: RuntimeEnvironment, baseLogger: Logger, traceVariable: TraceIDVariable
    ) async throws(RuntimeError) -> RuntimeAPIClient.Invocation {
        traceVariable.set(invocation.traceID)
        var logger = baseLogger
        logger[metadataKey: "requestId"] = .string(invocation.requestID)
        let context = LambdaContext(
            requestID: invocation.requestID, deadlineMilliseconds: invocation.deadlineMilliseconds,
            invokedFunctionARN: invocation.invokedFunctionARN, traceID: invocation.traceID,
            clientContext: invocation.clientContext, cognitoIdentity: invocation.cognitoIdentity,
            tenantID: invocation.tenantID, environment: environment, logger: logger)
        let event = invocation.event

        switch handler {
        case .buffered(let handler):
            let result: Result<[UInt8], FunctionErrorReport>
            do { result = .success(try await handler.handle(event, context: context)) } catch {
                result = .failure(FunctionErrorReport(error))
            }
            switch result {
            case .success(let body) where body.count > Lambda.maximumResponseBytes:
                let report = FunctionErrorReport(
                    errorType: "Function.ResponseSizeTooLarge",
                    errorMessage: "Response payload size (\(body.count) bytes) exceeded maximum allowed payload size (\(Lambda.maximumResponseBytes) bytes).")
                logger.error("\(report.errorMessage)")
                return try client.reportError(requestID: invocation.requestID, report)
            case .success(let body):
                return try client.respond(requestID: invocation.requestID, body: body)
            case .failure(let report):
                logger.error("invocation failed: \(report)")
                return try client.reportError(requestID: invocation.requestID, report)
            }

        case .streaming(let handler, let contentType):
            let stream = ResponseStream()
            Task.detached {
                do {
                    try await handler.handle(event, response: stream, context: context)
                    stream.finish(with: nil)
                } catch {
                    let report = FunctionErrorReport(error)
                    logger.error("invocation failed: \(report)")
                    stream.finish(with: report)
                }
            }
            if stream.waitForStart() {
                do {
                    try client.respond(requestID: invocation.requestID, stream: stream, contentType: contentType)
                } catch .unexpectedStatus(let path, let status, let body) where status < 500 {
                    logger.error("Runtime API refused \(path) with \(status): \(body)")
                }
                return try client.next()
            } else if let report = stream.trailerError {
                return try client.reportError(requestID: invocation.requestID, report)
            } else {
                return try client.respond(requestID: invocation.requestID, body: [])
            }
        }
    }
}
