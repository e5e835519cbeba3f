import NIOCore

/// A task executor that runs a task's jobs on one NIO event loop.
///
/// A route's task started with this preference runs on the connection's own event loop: the request
/// needs no hand-off to Swift's global pool and back (two thread wake-ups), and the response is
/// written from the thread that owns the channel. Awaiting an actor or a continuation resumed on
/// another thread still works: the task comes back to the event loop afterwards.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // Always queued, never run in place: the caller may be in the middle of another job on this loop.
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

extension EventLoop {
    /// Like NIO's `makeFutureWithTask`, but the task prefers this event loop as its executor, so it starts
    /// and finishes on the loop's thread instead of hopping to Swift's global pool and back.
    public func makeFutureWithLoopTask<Value: Sendable>(
        _ body: @escaping @Sendable () async -> Value
    ) -> EventLoopFuture<Value> {
        let promise = makePromise(of: Value.self)
        Task(executorPreference: EventLoopTaskExecutor(self)) { promise.succeed(await body()) }
        return promise.futureResult
    }
}
