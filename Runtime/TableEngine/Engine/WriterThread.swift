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
final class WriterThread: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue: [WriteJob] = []
    private var closed = false
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
            while queue.isEmpty && !closed { pthread_cond_wait(condition, mutex) }
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
            pthread_mutex_unlock(mutex)
            context.runGroup(batch)
        }
    }
}
