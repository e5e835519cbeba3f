import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import SluiceJSON
import Synchronization

/// One execution environment of a function: a bootstrap process and the Runtime API it talks to.
///
/// It serves one invocation at a time (a `FunctionPool` keeps several for concurrency). The process
/// starts on the first invocation and is reused; when it crashes or times out it is killed and the
/// next invocation starts a fresh one. Each process gets its own Runtime API listener, so a dying
/// process can never take an invocation meant for its successor.
public final class FunctionInstance: Sendable {
    public let configuration: FunctionConfiguration
    /// The event loop that serves this instance's Runtime API; a caller running on it
    /// (see `EventLoop.executor`) gets its results without a thread hop.
    public let eventLoop: any EventLoop
    private let state = Mutex(State())

    struct State {
        var generation = 0
        var process: ChildProcess?
        var server: LoopbackHTTPServer?
        var waitingNext: EventLoopPromise<PendingInvocation?>?
        /// The connection (its close future) the waiting `/next` came on.
        var waitingConnection: ObjectIdentifier?
        /// Connections whose closing is watched (once each, however many `/next` calls they carry).
        var watchedConnections: Set<ObjectIdentifier> = []
        var queued: PendingInvocation?
        var current: PendingInvocation?
        var spawnedAt: ContinuousClock.Instant?
        var coldStart: Duration?
        var reportInitDuration = false
    }

    public init(configuration: FunctionConfiguration, eventLoop: (any EventLoop)? = nil) {
        self.configuration = configuration
        self.eventLoop = eventLoop ?? MultiThreadedEventLoopGroup.singleton.next()
    }

    /// Time from spawning the current process to its first `GET /next`.
    public var lastColdStart: Duration? { state.withLock { $0.coldStart } }

    /// Whether a process is running.
    public var isRunning: Bool { state.withLock { $0.process != nil } }

    /// Runs one invocation and returns its result; never throws: every failure is an `InvocationResult.failure`.
    nonisolated(nonsending) public func invoke(_ request: InvocationRequest) async -> InvocationResult {
        do {
            try await startIfNeeded()
        } catch {
            return .failure(FunctionFailure(
                kind: .initialization, errorType: "Runtime.InvalidEntrypoint",
                errorMessage: "RequestId: \(request.requestID) Error: \(error)"))
        }
        return await withCheckedContinuation { continuation in
            submit(request) { continuation.resume(returning: $0) }
        }
    }

    /// Runs one invocation and answers on this instance's event loop, without any task or thread hop
    /// when the process is already running: for callers that live on the event loop (the local API
    /// gateway's hot path, the runtime benchmark's driver).
    public func startInvocation(_ request: InvocationRequest) -> EventLoopFuture<InvocationResult> {
        let promise = eventLoop.makePromise(of: InvocationResult.self)
        if isRunning {
            submit(request) { promise.succeed($0) }
        } else {
            promise.completeWithTask { await self.invoke(request) }
        }
        return promise.futureResult
    }

    /// Hands the invocation to the runtime's waiting `GET /next`, or queues it for the next one.
    private func submit(_ request: InvocationRequest, completion: @escaping @Sendable (InvocationResult) -> Void) {
        let pending = PendingInvocation(request: request, completion: completion)
        enum Delivery { case now(EventLoopPromise<PendingInvocation?>), queued, processGone }
        let delivery: Delivery = state.withLock { state in
            // The process exited between its start and now: nothing would ever take the invocation.
            guard state.process != nil else { return .processGone }
            if let waiter = state.waitingNext {
                state.waitingNext = nil
                state.current = pending
                return .now(waiter)
            }
            state.queued = pending
            return .queued
        }
        switch delivery {
        case .now(let waiter):
            begin(pending)
            waiter.succeed(pending)
        case .queued:
            break
        case .processGone:
            let message = "RequestId: \(pending.id) Error: Runtime exited before taking the invocation"
            pending.resolve(.failure(FunctionFailure(kind: .crash, errorType: "Runtime.ExitError", errorMessage: message)))
        }
    }

    /// Stops the process (graceful shutdown of the emulator): SIGTERM, then SIGKILL after 500 ms as Lambda does.
    public func shutdown() async {
        let (process, server, waiter) = detach(answeringWaiter: false)
        if let process {
            process.kill(SIGTERM)
            let deadline = ContinuousClock.now + .milliseconds(500)
            while !process.hasExited && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(2)) }
            if !process.hasExited { process.kill(SIGKILL) }
        }
        await server?.close()
        waiter?.succeed(nil)
    }

    // MARK: Process life cycle

    nonisolated(nonsending) private func startIfNeeded() async throws {
        if state.withLock({ $0.process != nil }) { return }
        let generation = state.withLock { state in
            state.generation += 1
            return state.generation
        }
        let server = try await LoopbackHTTPServer.start(
            maximumBodyBytes: 256 << 20, requestTimeout: nil, group: eventLoop, overlappingPipelinedRequests: true
        ) { [self] request, loop in
            self.route(request, generation: generation, loop: loop)
        }
        let environment = processEnvironment(runtimeAPI: "127.0.0.1:\(server.port)")
        // Set before the spawn: the runtime may ask for its first event before `posix_spawn` returns here.
        state.withLock { state in
            state.spawnedAt = .now
            state.coldStart = nil
            state.reportInitDuration = true
        }
        let process: ChildProcess
        do {
            process = try ChildProcess(
                arguments: configuration.command,
                environment: environment, workingDirectory: configuration.codeDirectory, logs: configuration.logs
            ) { [self] exit in
                self.processExited(generation: generation, exit)
            }
        } catch {
            await server.close()
            throw error
        }
        let current = state.withLock { state in
            guard state.generation == generation else { return false }  // it already exited
            state.process = process
            state.server = server
            return true
        }
        if !current { await server.close() }
    }

    func processEnvironment(runtimeAPI: String) -> [String: String] {
        var environment: [String: String] = [:]
        if configuration.inheritHostEnvironment {
            for (key, value) in ProcessInfo.processInfo.environment where !key.hasPrefix("AWS_LAMBDA_") {
                environment[key] = value
            }
        }
        let name = configuration.name
        let day = Date.now.formatted(.iso8601.year().month().day().dateSeparator(.dash)).replacingOccurrences(of: "-", with: "/")
        let lambda: [String: String] = [
            "AWS_LAMBDA_RUNTIME_API": runtimeAPI,
            "_HANDLER": configuration.handler,
            "LAMBDA_TASK_ROOT": configuration.codeDirectory ?? FileManager.default.currentDirectoryPath,
            "LAMBDA_RUNTIME_DIR": configuration.codeDirectory ?? FileManager.default.currentDirectoryPath,
            "AWS_LAMBDA_FUNCTION_NAME": name,
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(configuration.memorySizeMB),
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/\(name)",
            "AWS_LAMBDA_LOG_STREAM_NAME": "\(day)/[$LATEST]\(RequestID.make().replacingOccurrences(of: "-", with: ""))",
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_REGION": configuration.region,
            "AWS_DEFAULT_REGION": configuration.region,
            "TZ": ":UTC",
        ]
        environment.merge(lambda) { _, new in new }
        if let format = configuration.logFormat { environment["AWS_LAMBDA_LOG_FORMAT"] = format }
        if let level = configuration.logLevel { environment["AWS_LAMBDA_LOG_LEVEL"] = level }
        environment.merge(configuration.environment) { _, new in new }
        return environment
    }

    /// Forgets the current process (it is being killed or has exited); returns it and its listener.
    private func detach() -> (ChildProcess?, LoopbackHTTPServer?) {
        let (process, server, _) = detach(answeringWaiter: true)
        return (process, server)
    }

    /// Forgets the current process; the runtime's pending `/next` is answered now or handed back.
    private func detach(answeringWaiter: Bool) -> (ChildProcess?, LoopbackHTTPServer?, EventLoopPromise<PendingInvocation?>?) {
        let (process, server, waiter) = state.withLock { state in
            defer {
                state.process = nil
                state.server = nil
                state.waitingNext = nil
                state.generation += 1
            }
            return (state.process, state.server, state.waitingNext)
        }
        if answeringWaiter { waiter?.succeed(nil) }
        return (process, server, answeringWaiter ? nil : waiter)
    }

    private func processExited(generation: Int, _ exit: ProcessExit) {
        let stillCurrent = state.withLock { $0.generation == generation }
        guard stillCurrent else { return }  // already detached (timeout, shutdown)
        let (current, queued) = state.withLock { state in
            defer { state.current = nil; state.queued = nil }
            return (state.current, state.queued)
        }
        let (_, server) = detach()
        Task { await server?.close() }
        for pending in [current, queued].compactMap({ $0 }) {
            let message = "RequestId: \(pending.id) Error: Runtime exited with error: \(exit)"
            configuration.logs.emit("\(message)\nRuntime.ExitError")
            finish(pending, .failure(FunctionFailure(kind: .crash, errorType: "Runtime.ExitError", errorMessage: message)))
        }
    }

    // MARK: Invocation life cycle

    /// The runtime took the invocation: start its clock.
    private func begin(_ pending: PendingInvocation) {
        let timeout = configuration.timeout
        pending.deadline.withLock { $0 = Int64(Date.now.timeIntervalSince1970 * 1000) + Int64(timeout.components.seconds * 1000) + timeout.components.attoseconds / 1_000_000_000_000_000 }
        pending.startedAt.withLock { $0 = .now }
        configuration.logs.emit("START RequestId: \(pending.id) Version: $LATEST")
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        pending.setTimer(eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) { [self] in
            self.timedOut(pending)
        })
    }

    private func timedOut(_ pending: PendingInvocation) {
        // Claim the answer first: a response racing the timer either wins (no kill) or loses (ignored).
        guard let answer = pending.claim() else { return }
        let message = "RequestId: \(pending.id) Error: Task timed out after \(configuration.timeoutText) seconds"
        let (process, server) = detach()
        state.withLock { $0.current = nil }
        process?.kill(SIGKILL)
        Task { await server?.close() }
        configuration.logs.emit("\(Self.timestamp()) \(pending.id) Task timed out after \(configuration.timeoutText) seconds")
        report(pending)
        answer(.failure(FunctionFailure(kind: .timeout, errorType: "Sandbox.Timedout", errorMessage: message)))
    }

    /// Logs END/REPORT, then answers the caller (once).
    private func finish(_ pending: PendingInvocation, _ result: InvocationResult) {
        guard let answer = pending.claim() else { return }
        report(pending)
        answer(result)
    }

    /// The END and REPORT lines of an invocation.
    private func report(_ pending: PendingInvocation) {
        let (peak, initDuration): (Int?, Duration?) = state.withLock { state in
            let initDuration = state.reportInitDuration ? state.coldStart : nil
            if initDuration != nil { state.reportInitDuration = false }
            return (configuration.logs.isDiscarded ? nil : state.process?.peakMemoryMB(maximumAge: .milliseconds(100)), initDuration)
        }
        guard !configuration.logs.isDiscarded else { return }
        let elapsed = pending.startedAt.withLock { $0 }.map { ContinuousClock.now - $0 } ?? .zero
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var report = "REPORT RequestId: \(pending.id)\tDuration: \(Self.format(ms)) ms\tBilled Duration: \(Int(ms.rounded(.up))) ms\tMemory Size: \(configuration.memorySizeMB) MB"
        if let peak { report += "\tMax Memory Used: \(peak) MB" }
        if let initDuration {
            let initMs = Double(initDuration.components.seconds) * 1000 + Double(initDuration.components.attoseconds) / 1e15
            report += "\tInit Duration: \(Self.format(initMs)) ms"
        }
        configuration.logs.emit(lines: ["END RequestId: \(pending.id)", report])
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    static func timestamp() -> String {
        Date.now.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }

    // MARK: The Runtime API

    private func route(_ request: HTTPServerRequest, generation: Int, loop: any EventLoop) -> EventLoopFuture<HTTPServerResponse> {
        if request.method == .GET, request.path.utf8.reversed().starts(with: Self.nextSuffix) {
            return next(request, generation: generation, loop: loop)
        }
        return loop.makeSucceededFuture(answer(request, generation: generation))
    }

    private func answer(_ request: HTTPServerRequest, generation: Int) -> HTTPServerResponse {
        guard state.withLock({ $0.generation == generation }) else {
            return .json(.internalServerError, JSONDocument.error(type: "Runtime.Stale", message: "This runtime's environment was shut down"))
        }
        let parts = request.path.utf8.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }
        // ["2018-06-01", "runtime", "invocation", "next"] and friends
        guard parts.count >= 3, parts[0] == "2018-06-01", parts[1] == "runtime" else {
            return .json(.notFound, JSONDocument.error(type: "InvalidRequest", message: "Unknown Runtime API path \(request.path)"))
        }
        let call = Array(parts.dropFirst(2))
        if request.method == .POST, call.count == 3, call[0] == "invocation", call[2] == "response" {
            return respond(id: call[1], request)
        }
        if request.method == .POST, call.count == 3, call[0] == "invocation", call[2] == "error" {
            return reportError(id: call[1], request)
        }
        if request.method == .POST, call == ["init", "error"] {
            return reportInitError(request)
        }
        return .json(.notFound, JSONDocument.error(type: "InvalidRequest", message: "Unknown Runtime API call \(request.method) \(request.path)"))
    }

    private func next(_ request: HTTPServerRequest, generation: Int, loop: any EventLoop) -> EventLoopFuture<HTTPServerResponse> {
        let promise = loop.makePromise(of: PendingInvocation?.self)
        let closed = request.connectionClosed
        let connection = ObjectIdentifier(closed)
        let (ready, watch): (PendingInvocation??, Bool) = state.withLock { state in
            guard state.generation == generation else { return (.some(nil), false) }
            if state.coldStart == nil, let spawnedAt = state.spawnedAt { state.coldStart = .now - spawnedAt }
            if let queued = state.queued {
                state.queued = nil
                state.current = queued
                return (.some(queued), false)
            }
            state.waitingNext = promise
            state.waitingConnection = connection
            return (.none, state.watchedConnections.insert(connection).inserted)
        }
        if case .some(let value) = ready {
            if let value { begin(value) }
            promise.succeed(value)
        } else if watch {
            // A runtime that hangs up while waiting gives up its place. One callback per connection: a callback per
            // `/next` would pile up on a warm runtime's keep-alive connection, each holding its invocation's payload.
            closed.whenComplete { [weak self] _ in self?.connectionClosed(connection) }
        }
        return promise.futureResult.map { [self] pending in self.nextResponse(pending) }
    }

    /// A Runtime API connection closed: a `/next` waiting on it is answered (nobody is there to take an event).
    private func connectionClosed(_ connection: ObjectIdentifier) {
        let waiter: EventLoopPromise<PendingInvocation?>? = state.withLock { state in
            state.watchedConnections.remove(connection)
            guard state.waitingConnection == connection, let waiter = state.waitingNext else { return nil }
            state.waitingNext = nil
            state.waitingConnection = nil
            return waiter
        }
        waiter?.succeed(nil)
    }

    private func nextResponse(_ pending: PendingInvocation?) -> HTTPServerResponse {
        guard let pending else {
            return .json(.internalServerError, JSONDocument.error(type: "Runtime.Stale", message: "No more invocations for this environment"))
        }
        var headers: HTTPHeaders = [
            "Content-Type": "application/json",
            "Lambda-Runtime-Aws-Request-Id": pending.id,
            "Lambda-Runtime-Deadline-Ms": String(pending.deadline.withLock { $0 }),
            "Lambda-Runtime-Invoked-Function-Arn": configuration.functionARN,
            "Lambda-Runtime-Trace-Id": pending.request.traceID ?? RequestID.traceHeader(now: Int(Date.now.timeIntervalSince1970)),
        ]
        if let context = pending.request.clientContext { headers.add(name: "Lambda-Runtime-Client-Context", value: context) }
        if let identity = pending.request.cognitoIdentity { headers.add(name: "Lambda-Runtime-Cognito-Identity", value: identity) }
        if let tenant = pending.request.tenantID { headers.add(name: "Lambda-Runtime-Aws-Tenant-Id", value: tenant) }
        return HTTPServerResponse(status: .ok, headers: headers, bytes: pending.request.payload)
    }

    private func currentInvocation(_ id: String) -> PendingInvocation? {
        state.withLock { state in
            guard let current = state.current, current.id == id else { return nil }
            state.current = nil
            return current
        }
    }

    /// `/runtime/invocation/next`, reversed, for a byte-wise suffix test.
    private static let nextSuffix = Array("/runtime/invocation/next".utf8.reversed())

    private static let accepted = HTTPServerResponse.json(.accepted, "{\"status\":\"OK\"}")

    private func unknownRequest(_ id: String) -> HTTPServerResponse {
        .json(.badRequest, JSONDocument.error(type: "InvalidRequestID", message: "Invalid request ID: \(id)"))
    }

    private func respond(id: String, _ request: HTTPServerRequest) -> HTTPServerResponse {
        guard let pending = currentInvocation(id) else { return unknownRequest(id) }
        let body = request.bodyBytes
        let streamed = request.headers["Lambda-Runtime-Function-Response-Mode"].first?.lowercased() == "streaming"
        if streamed, let trailers = request.trailers, let type = trailers["Lambda-Runtime-Function-Error-Type"].first {
            let encoded = trailers["Lambda-Runtime-Function-Error-Body"].first ?? ""
            let document = Data(base64Encoded: encoded).map { Array($0) } ?? Array(JSONDocument.error(type: type, message: "").utf8)
            let message = ErrorDocument(document)?.message ?? ""
            finish(pending, .failure(FunctionFailure(kind: .midStream, errorType: type, errorMessage: message, payload: document, partialBody: body)))
            return Self.accepted
        }
        if !streamed && body.count > 6_291_556 {
            let message = "Response payload size (\(body.count) bytes) exceeded maximum allowed payload size (6291556 bytes)."
            finish(pending, .failure(FunctionFailure(kind: .function, errorType: "Function.ResponseSizeTooLarge", errorMessage: message)))
            return .json(.payloadTooLarge, JSONDocument.error(type: "RequestEntityTooLarge", message: message))
        }
        finish(pending, .success(payload: body, streamed: streamed))
        return Self.accepted
    }

    private func reportError(id: String, _ request: HTTPServerRequest) -> HTTPServerResponse {
        guard let pending = currentInvocation(id) else { return unknownRequest(id) }
        finish(pending, .failure(failure(from: request, kind: .function)))
        return Self.accepted
    }

    private func reportInitError(_ request: HTTPServerRequest) -> HTTPServerResponse {
        let failure = failure(from: request, kind: .initialization)
        configuration.logs.emit("INIT_REPORT Phase: init Status: error Error Type: \(failure.errorType)")
        let queued = state.withLock { state in
            defer { state.queued = nil }
            return state.queued
        }
        if let queued { finish(queued, .failure(failure)) }
        return Self.accepted
    }

    /// Reads an error document: `errorType` from the header or the body (awslambdaric sends no header).
    private func failure(from request: HTTPServerRequest, kind: FunctionFailure.Kind) -> FunctionFailure {
        let body = request.bodyBytes
        let document = ErrorDocument(body)
        let type = request.headers["Lambda-Runtime-Function-Error-Type"].first ?? document?.type ?? "Runtime.Unknown"
        let message = document?.message ?? String(decoding: body, as: UTF8.self)
        return FunctionFailure(
            kind: kind, errorType: document?.type ?? type, errorMessage: message,
            payload: document != nil ? body : nil)
    }
}

/// The parts of an error document the emulator reads.
struct ErrorDocument {
    var type: String?
    var message: String?

    init?(_ bytes: [UInt8]) {
        guard let document = try? JSONValue(parsing: bytes), document.objectValue != nil else { return nil }
        type = document["errorType"]?.stringValue
        message = document["errorMessage"]?.stringValue
    }
}
