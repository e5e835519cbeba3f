import NIOCore
import Synchronization

/// Up to `maximumConcurrency` warm instances of one function, like Lambda's concurrency:
/// an invocation takes an idle instance, starts a new one while under the limit, or waits for one.
///
/// The pool is a lock, not an actor: ``startInvocation(_:on:)`` takes an instance and hands it the
/// invocation on the caller's thread, and the answer comes back on the instance's event loop, so the
/// local API gateway serves a request without creating a task or hopping to Swift's global executor.
public final class FunctionPool: Sendable {
    public let configuration: FunctionConfiguration
    public let maximumConcurrency: Int
    private let state = Mutex(State())

    private struct State {
        var idle: [FunctionInstance] = []
        var all: [FunctionInstance] = []
        /// Invocations waiting for an instance, first come first served.
        var waiters: [Waiter] = []
        var nextWaiter = 0
        var stats = Statistics()
    }

    private typealias Waiter = @Sendable (FunctionInstance) -> Void

    /// Counters for status displays.
    public struct Statistics: Sendable {
        public var invocations = 0
        public var errors = 0
        public var inFlight = 0
        public var coldStarts = 0
    }

    public init(configuration: FunctionConfiguration, maximumConcurrency: Int = 1) {
        self.configuration = configuration
        self.maximumConcurrency = max(1, maximumConcurrency)
    }

    public var statistics: Statistics { state.withLock { $0.stats } }

    /// Runs one invocation on a free instance.
    public func invoke(_ request: InvocationRequest) async -> InvocationResult {
        await withCheckedContinuation { continuation in
            start(request) { continuation.resume(returning: $0) }
        }
    }

    /// Runs one invocation on a free instance and answers on `eventLoop`. An idle instance on that same
    /// loop is preferred (and a new instance runs there): then the request, the instance's Runtime API
    /// exchange and the answer stay on one thread, with no hop either way.
    public func startInvocation(_ request: InvocationRequest, on eventLoop: any EventLoop) -> EventLoopFuture<InvocationResult> {
        let promise = eventLoop.makePromise(of: InvocationResult.self)
        start(request, preferring: eventLoop) { promise.succeed($0) }
        return promise.futureResult
    }

    /// Stops every process.
    public func shutdown() async {
        for instance in state.withLock({ $0.all }) { await instance.shutdown() }
    }

    private func start(
        _ request: InvocationRequest, preferring eventLoop: (any EventLoop)? = nil,
        completion: @escaping @Sendable (InvocationResult) -> Void
    ) {
        acquire(preferring: eventLoop) { [self] instance in
            instance.startInvocation(request).whenComplete { [self] outcome in
                let result: InvocationResult
                switch outcome {
                case .success(let value): result = value
                case .failure(let error):  // not expected: an instance's invocation future never fails
                    result = .failure(FunctionFailure(kind: .crash, errorType: "Runtime.Unknown", errorMessage: "\(error)"))
                }
                release(instance, result: result)
                completion(result)
            }
        }
    }

    /// Calls `use` with an instance now (an idle one, on `eventLoop` if there is one, or a new one on
    /// `eventLoop`), or when one is released.
    private func acquire(preferring eventLoop: (any EventLoop)?, _ use: @escaping Waiter) {
        let instance: FunctionInstance? = state.withLock { state in
            let instance: FunctionInstance
            if !state.idle.isEmpty {
                // The most recently idle instance on the loop (warmest), else the most recently idle one.
                let index = eventLoop.flatMap { loop in state.idle.lastIndex { $0.eventLoop === loop } } ?? state.idle.count - 1
                instance = state.idle.remove(at: index)
            } else if state.all.count < maximumConcurrency {
                instance = FunctionInstance(configuration: configuration, eventLoop: eventLoop)
                state.all.append(instance)
            } else {
                state.waiters.append(use)
                return nil
            }
            Self.begin(instance, &state.stats)
            return instance
        }
        if let instance { use(instance) }
    }

    private static func begin(_ instance: FunctionInstance, _ stats: inout Statistics) {
        stats.inFlight += 1
        if !instance.isRunning { stats.coldStarts += 1 }
    }

    /// Counts the finished invocation and hands the instance to the first waiter, or makes it idle.
    private func release(_ instance: FunctionInstance, result: InvocationResult) {
        let waiter: Waiter? = state.withLock { state in
            state.stats.inFlight -= 1
            state.stats.invocations += 1
            if case .failure = result { state.stats.errors += 1 }
            guard state.nextWaiter < state.waiters.count else {
                state.idle.append(instance)
                return nil
            }
            let waiter = state.waiters[state.nextWaiter]
            state.nextWaiter += 1
            if state.nextWaiter == state.waiters.count {  // all served: reuse the storage
                state.waiters.removeAll(keepingCapacity: true)
                state.nextWaiter = 0
            } else if state.nextWaiter >= 64 && state.nextWaiter * 2 >= state.waiters.count {
                state.waiters.removeFirst(state.nextWaiter)
                state.nextWaiter = 0
            }
            Self.begin(instance, &state.stats)
            return waiter
        }
        if let waiter { waiter(instance) }
    }
}
