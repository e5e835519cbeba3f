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

/// A value produced once by an async task and awaited by a blocking thread.
final class BlockingResult<Value: Sendable>: @unchecked Sendable {
    private let lock = ConditionLock()
    private var value: Value?

    func set(_ newValue: Value) {
        lock.withLock {
            value = newValue
            lock.broadcast()
        }
    }

    func wait() -> Value {
        lock.withLock {
            lock.wait { value != nil }
            return value!
        }
    }

    /// Runs `operation` on the cooperative pool and blocks the calling (non-pool) thread for its result.
    static func run(_ operation: @escaping @Sendable () async -> Value) -> Value {
        let box = BlockingResult<Value>()
        Task.detached { box.set(await operation()) }
        return box.wait()
    }
}
