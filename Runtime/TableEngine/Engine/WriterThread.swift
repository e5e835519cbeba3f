#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DynamoModel

/// One queued write request: runs on the writer thread inside its own SAVEPOINT and reports
/// whether it succeeded and how to answer its caller once the group has committed.
struct WriteJob: @unchecked Sendable {
    struct Outcome {
        var succeeded: Bool
        /// Called after the group's COMMIT (with the commit's error, if it failed).
        var finish: (DynamoError?) -> Void
    }
    var run: (WriteContext) -> Outcome
}

/// The single writer: a thread that takes every queued request, runs each in a SAVEPOINT inside one
/// transaction, commits once (one fsync for the group) and then answers the callers.
///
/// With ``EngineConfiguration/commitsOnCallerThread`` on, a request that finds the writer idle, nothing
/// queued and the last group a lone request runs at once on its caller's thread instead: a lone writer
/// then pays no hand-off to the writer thread and back (two thread wake-ups, about a third of the
/// engine's overhead over a plain SQLite commit). Requests arriving meanwhile queue for the thread, which
/// never runs a group while the caller's is running. Once groups hold more than one request (concurrent
/// writers), requests queue again so that they share commits.
final class WriterThread: @unchecked Sendable {
    private let condition = ConditionLock()
    private var queue: [WriteJob] = []
    private var closed = false
    /// A group is running (on the writer thread or inline on a caller's thread); `context` is taken.
    private var busy = false
    /// How many requests the last group held: inline runs only while writers come one at a time.
    private var lastGroupSize = 1
    private var thread: pthread_t?
    let context: WriteContext
    private let maxGroupSize: Int
    private let commitsOnCallerThread: Bool

    init(context: WriteContext, maxGroupSize: Int, commitsOnCallerThread: Bool) {
        self.context = context
        self.maxGroupSize = max(1, maxGroupSize)
        self.commitsOnCallerThread = commitsOnCallerThread
        thread = startEngineThread { self.loop() }
    }

    /// Queues `job`; `false` once the writer is closed.
    func enqueue(_ job: WriteJob) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        queue.append(job)
        condition.signal()
        return true
    }

    /// Runs `body` as one write request and returns its result once its group has committed.
    func submit<R: Sendable>(_ body: @escaping @Sendable (WriteContext) throws(DynamoError) -> R) async throws(DynamoError) -> R {
        if commitsOnCallerThread, let inline = runInlineIfIdle(body) { return try inline.get() }
        let result: Result<R, DynamoError> = await withCheckedContinuation { continuation in
            queue(body) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    /// Runs `body` as one write request and hands its result to `completion` once its group has committed:
    /// on the writer thread, or on the calling thread when it ran there (see the type's notes) or the writer
    /// is closed.
    func submit<R: Sendable>(
        _ body: @escaping @Sendable (WriteContext) throws(DynamoError) -> R,
        completion: @escaping @Sendable (Result<R, DynamoError>) -> Void
    ) {
        if commitsOnCallerThread, let inline = runInlineIfIdle(body) { return completion(inline) }
        queue(body, completion: completion)
    }

    private func queue<R: Sendable>(
        _ body: @escaping @Sendable (WriteContext) throws(DynamoError) -> R,
        completion: @escaping @Sendable (Result<R, DynamoError>) -> Void
    ) {
        if !enqueue(Self.job(body, finish: completion)) {
            completion(.failure(.internalServerError("The table engine is closed")))
        }
    }

    /// Runs `body` as a group of its own on the calling thread when no group is running or queued;
    /// nil (nothing run) otherwise.
    private func runInlineIfIdle<R: Sendable>(
        _ body: @escaping @Sendable (WriteContext) throws(DynamoError) -> R
    ) -> Result<R, DynamoError>? {
        condition.lock()
        guard !busy, queue.isEmpty, !closed, lastGroupSize == 1 else {
            condition.unlock()
            return nil
        }
        busy = true
        condition.unlock()
        var result: Result<R, DynamoError>?
        context.runGroup([Self.job(body, finish: { result = $0 })])
        condition.lock()
        busy = false
        if !queue.isEmpty || closed { condition.signal() }
        condition.unlock()
        return result ?? .failure(.internalServerError("The write was not answered"))
    }

    /// A queued job for `body` whose result goes to `finish` once its group has committed.
    private static func job<R: Sendable>(
        _ body: @escaping @Sendable (WriteContext) throws(DynamoError) -> R, finish: @escaping (Result<R, DynamoError>) -> Void
    ) -> WriteJob {
        WriteJob { context in
            do throws(DynamoError) {
                let value = try body(context)
                return .init(succeeded: true) { error in finish(error.map { .failure($0) } ?? .success(value)) }
            } catch {
                return .init(succeeded: false) { _ in finish(.failure(error)) }
            }
        }
    }

    /// Finishes the queued work, stops the thread and waits for it.
    func close() {
        stopEngineThread(&thread, condition) { closed = true }
    }

    private func loop() {
        while true {
            condition.lock()
            while (queue.isEmpty || busy) && !(closed && !busy) { condition.wait() }
            if queue.isEmpty && closed {
                condition.unlock()
                return
            }
            let batch: [WriteJob]
            if queue.count <= maxGroupSize {
                batch = queue
                queue.removeAll(keepingCapacity: true)
            } else {
                batch = Array(queue.prefix(maxGroupSize))
                queue.removeFirst(maxGroupSize)
            }
            busy = true
            lastGroupSize = batch.count
            condition.unlock()
            context.runGroup(batch)
            condition.lock()
            busy = false
            condition.unlock()
        }
    }
}
