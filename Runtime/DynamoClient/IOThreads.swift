#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Threads for blocking libcurl calls, so many concurrent requests do not hold Swift's cooperative
/// threads (one per core) while they wait on the network. Threads start on demand, up to `maximum`,
/// and then stay parked for the next request.
final class IOThreads: @unchecked Sendable {
    // Allocated, so their addresses never change (pthread objects must not move).
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var jobs: [() -> Void] = []
    private var threads = 0
    private var idle = 0
    let maximum: Int

    init(maximum: Int) {
        self.maximum = max(1, maximum)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    // Started threads keep the pool alive and stay parked for the life of the process: make one
    // client per process (as with any SDK client), not one per request.

    /// Runs `body` on an I/O thread and returns its result to the awaiting task.
    func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            submit {
                do throws(E) { continuation.resume(returning: .success(try body())) } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    private func submit(_ job: @escaping () -> Void) {
        pthread_mutex_lock(mutex)
        jobs.append(job)
        // A new thread when the queue outgrows the parked threads (and there is room for one).
        let start = jobs.count > idle && threads < maximum
        if start { threads += 1 }
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
        if start { startThread() }
    }

    private func startThread() {
        let box = Unmanaged.passRetained(self)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let created = pthread_create(&thread, &attributes, { raw in
            let threads = Unmanaged<IOThreads>.fromOpaque(raw!).takeRetainedValue()
            threads.loop()
            return nil
        }, box.toOpaque())
        pthread_attr_destroy(&attributes)
        if created != 0 {
            box.release()
            // No thread: run the queued work here rather than never.
            pthread_mutex_lock(mutex)
            threads -= 1
            let pending = jobs
            jobs = []
            pthread_mutex_unlock(mutex)
            for job in pending { job() }
        }
    }

    private func loop() {
        pthread_mutex_lock(mutex)
        while true {
            while jobs.isEmpty {
                idle += 1
                pthread_cond_wait(condition, mutex)
                idle -= 1
            }
            let job = jobs.removeFirst()
            pthread_mutex_unlock(mutex)
            job()
            pthread_mutex_lock(mutex)
        }
    }
}
