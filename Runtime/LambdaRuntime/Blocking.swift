#if canImport(Glibc)
import Glibc
#endif

/// A mutex and condition variable: lets the runtime's I/O thread wait for the handler's task.
final class ConditionLock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()

    init() {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }

    /// Waits (the lock held) until `ready` returns true.
    func wait(until ready: () -> Bool) {
        while !ready() { pthread_cond_wait(&condition, &mutex) }
    }

    func broadcast() { pthread_cond_broadcast(&condition) }
}

/// A task executor driven by the runtime's own I/O thread: a handler task runs on the thread that
/// read its event, with no hop to the cooperative pool unless the handler itself goes elsewhere.
final class InlineExecutor: TaskExecutor, @unchecked Sendable {
    private let lock = ConditionLock()
    private var jobs: [UnownedJob] = []

    func enqueue(_ job: UnownedJob) {
        lock.withLock {
            jobs.append(job)
            lock.broadcast()
        }
    }

    /// Runs `operation` as a task preferring this executor and drives it on the calling thread until it returns.
    func run<Value: Sendable>(_ operation: @escaping @Sendable () async -> Value) -> Value {
        let result = ResultSlot<Value>()
        Task(executorPreference: self) {
            let value = await operation()
            self.lock.withLock {
                result.value = value
                self.lock.broadcast()
            }
        }
        while true {
            let job: UnownedJob? = lock.withLock {
                lock.wait { !jobs.isEmpty || result.value != nil }
                return jobs.isEmpty ? nil : jobs.removeFirst()
            }
            guard let job else { return lock.withLock { result.value! } }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    private final class ResultSlot<Value>: @unchecked Sendable {
        var value: Value?
    }
}
