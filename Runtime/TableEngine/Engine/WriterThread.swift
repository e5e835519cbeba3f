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
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue: [WriteJob] = []
    private var closed = false
    /// A group is running (on the writer thread or inline on a caller's thread); `context` is taken.
    private var busy = false
    /// How many requests the last group held: inline runs only while writers come one at a time.
    private var lastGroupSize = 1
    private var thread: pthread_t?
    private let context: WriteContext
    private let maxGroupSize: Int
    private let commitsOnCallerThread: Bool

    init(context: WriteContext, maxGroupSize: Int, commitsOnCallerThread: Bool) {
        self.context = context
        self.maxGroupSize = max(1, maxGroupSize)
        self.commitsOnCallerThread = commitsOnCallerThread
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        let box = Unmanaged.passRetained(self).toOpaque()
        var tid = pthread_t()
        pthread_create(&tid, nil, { raw in
            let writer = Unmanaged<WriterThread>.fromOpaque(raw!).takeRetainedValue()
            writer.loop()
            return nil
        }, box)
        thread = tid
    }

    deinit {
        pthread_mutex_destroy(mutex)
        pthread_cond_destroy(condition)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Queues `job`; `false` once the writer is closed.
    func enqueue(_ job: WriteJob) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard !closed else { return false }
        queue.append(job)
        pthread_cond_signal(condition)
        return true
    }

    /// Runs `body` as one write request and returns its result once its group has committed.
    func submit<R: Sendable>(_ body: @escaping @Sendable (WriteContext) throws(DynamoError) -> R) async throws(DynamoError) -> R {
        if commitsOnCallerThread, let inline = runInlineIfIdle(body) { return try inline.get() }
        let result: Result<R, DynamoError> = await withCheckedContinuation { continuation in
            if !enqueue(Self.job(body, finish: { continuation.resume(returning: $0) })) {
                continuation.resume(returning: .failure(.internalServerError("The table engine is closed")))
            }
        }
        return try result.get()
    }

    /// Runs `body` as a group of its own on the calling thread when no group is running or queued;
    /// nil (nothing run) otherwise.
    private func runInlineIfIdle<R: Sendable>(
        _ body: @escaping @Sendable (WriteContext) throws(DynamoError) -> R
    ) -> Result<R, DynamoError>? {
        pthread_mutex_lock(mutex)
        guard !busy, queue.isEmpty, !closed, lastGroupSize == 1 else {
            pthread_mutex_unlock(mutex)
            return nil
        }
        busy = true
        pthread_mutex_unlock(mutex)
        var result: Result<R, DynamoError>?
        context.runGroup([Self.job(body, finish: { result = $0 })])
        pthread_mutex_lock(mutex)
        busy = false
        if !queue.isEmpty || closed { pthread_cond_signal(condition) }
        pthread_mutex_unlock(mutex)
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
        pthread_mutex_lock(mutex)
        closed = true
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
    }

    private func loop() {
        while true {
            pthread_mutex_lock(mutex)
            while (queue.isEmpty || busy) && !(closed && !busy) { pthread_cond_wait(condition, mutex) }
            if queue.isEmpty && closed {
                pthread_mutex_unlock(mutex)
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
            pthread_mutex_unlock(mutex)
            context.runGroup(batch)
            pthread_mutex_lock(mutex)
            busy = false
            pthread_mutex_unlock(mutex)
        }
    }
}
