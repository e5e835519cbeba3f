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
/// A request that finds the writer idle and nothing queued runs at once on its caller's thread, as a
/// group of one: a lone writer then pays no hand-off to the writer thread and back (two thread wake-ups
/// per write). Requests arriving meanwhile queue up and the writer thread commits them as one group;
/// while its groups hold more than one request, every request queues, so concurrent writers keep
/// sharing commits.
/// Either way only one group runs at a time (`busy`), and a request returns after its COMMIT.
final class WriterThread: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue: [WriteJob] = []
    private var closed = false
    /// A group is running, on the writer thread or on a caller's thread.
    private var busy = false
    /// How many requests the writer thread's last group held: under concurrent writers (groups > 1)
    /// requests keep queueing for the writer thread so that they share one commit.
    private var lastGroupSize = 1
    private var thread: pthread_t?
    private let context: WriteContext
    private let maxGroupSize: Int

    init(context: WriteContext, maxGroupSize: Int) {
        self.context = context
        self.maxGroupSize = max(1, maxGroupSize)
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
        if let result = runIfIdle(body) { return try result.get() }
        let result: Result<R, DynamoError> = await withCheckedContinuation { continuation in
            let job = WriteJob { context in
                do throws(DynamoError) {
                    let value = try body(context)
                    return .init(succeeded: true) { error in
                        continuation.resume(returning: error.map { .failure($0) } ?? .success(value))
                    }
                } catch {
                    return .init(succeeded: false) { _ in continuation.resume(returning: .failure(error)) }
                }
            }
            if !enqueue(job) {
                continuation.resume(returning: .failure(.internalServerError("The table engine is closed")))
            }
        }
        return try result.get()
    }

    /// Runs `body` as a group of one on this thread when no group is running and nothing is queued;
    /// nil (nothing run) otherwise.
    private func runIfIdle<R>(_ body: @escaping (WriteContext) throws(DynamoError) -> R) -> Result<R, DynamoError>? {
        pthread_mutex_lock(mutex)
        guard !busy, !closed, queue.isEmpty, lastGroupSize <= 1 else {
            pthread_mutex_unlock(mutex)
            return nil
        }
        busy = true
        pthread_mutex_unlock(mutex)
        var result: Result<R, DynamoError> = .failure(.internalServerError("The write did not run"))
        let job = WriteJob { context in
            do throws(DynamoError) {
                let value = try body(context)
                return .init(succeeded: true) { error in result = error.map { .failure($0) } ?? .success(value) }
            } catch {
                return .init(succeeded: false) { _ in result = .failure(error) }
            }
        }
        context.runGroup([job])
        pthread_mutex_lock(mutex)
        busy = false
        if !queue.isEmpty || closed { pthread_cond_broadcast(condition) }
        pthread_mutex_unlock(mutex)
        return result
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
            while (queue.isEmpty && !closed) || busy { pthread_cond_wait(condition, mutex) }
            if queue.isEmpty && closed {
                pthread_mutex_unlock(mutex)
                return
            }
            busy = true
            lastGroupSize = min(queue.count, maxGroupSize)
            let batch: [WriteJob]
            if queue.count <= maxGroupSize {
                batch = queue
                queue.removeAll(keepingCapacity: true)
            } else {
                batch = Array(queue.prefix(maxGroupSize))
                queue.removeFirst(maxGroupSize)
            }
            pthread_mutex_unlock(mutex)
            context.runGroup(batch)
            pthread_mutex_lock(mutex)
            busy = false
            pthread_mutex_unlock(mutex)
        }
    }
}
