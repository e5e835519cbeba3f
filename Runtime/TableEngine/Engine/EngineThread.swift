#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex with one condition variable, for the engine's own threads (the writer and the
/// checkpointer): they block in SQLite and in fsync, so they must not hold one of Swift's cooperative
/// threads, and they wait for work on a condition.
final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        pthread_cond_destroy(condition)
        mutex.deallocate()
        condition.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    /// Waits for a signal; call with the lock held (it is held again on return).
    func wait() { pthread_cond_wait(condition, mutex) }
    func signal() { pthread_cond_signal(condition) }
}

/// Starts a thread running `body`; join it with `pthread_join`.
func startEngineThread(_ body: @escaping () -> Void) -> pthread_t {
    final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
    var thread = pthread_t()
    pthread_create(&thread, nil, { raw in
        Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
        return nil
    }, Unmanaged.passRetained(Body(body)).toOpaque())
    return thread
}

/// Stops a thread started with ``startEngineThread(_:)``: runs `markClosed` under `condition`'s lock (the
/// thread's loop sees it on waking), wakes the thread and waits for it to end. Does nothing the second time.
func stopEngineThread(_ thread: inout pthread_t?, _ condition: ConditionLock, markClosed: () -> Void) {
    condition.lock()
    markClosed()
    condition.signal()
    condition.unlock()
    if let running = thread {
        pthread_join(running, nil)
        thread = nil
    }
}
