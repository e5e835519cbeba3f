/// Up to `maximumConcurrency` warm instances of one function, like Lambda's concurrency:
/// an invocation takes an idle instance, starts a new one while under the limit, or waits for one.
public actor FunctionPool {
    public nonisolated let configuration: FunctionConfiguration
    public nonisolated let maximumConcurrency: Int
    private var idle: [FunctionInstance] = []
    private var all: [FunctionInstance] = []
    private var waiters: [CheckedContinuation<FunctionInstance, Never>] = []
    private var stats = Statistics()

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

    public var statistics: Statistics { stats }

    /// Runs one invocation on a free instance.
    public func invoke(_ request: InvocationRequest) async -> InvocationResult {
        let instance = await acquire()
        stats.inFlight += 1
        if !instance.isRunning { stats.coldStarts += 1 }
        let result = await instance.invoke(request)
        stats.inFlight -= 1
        stats.invocations += 1
        if case .failure = result { stats.errors += 1 }
        release(instance)
        return result
    }

    /// Stops every process.
    public func shutdown() async {
        for instance in all { await instance.shutdown() }
    }

    private func acquire() async -> FunctionInstance {
        if let instance = idle.popLast() { return instance }
        if all.count < maximumConcurrency {
            let instance = FunctionInstance(configuration: configuration)
            all.append(instance)
            return instance
        }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func release(_ instance: FunctionInstance) {
        if waiters.isEmpty {
            idle.append(instance)
        } else {
            waiters.removeFirst().resume(returning: instance)
        }
    }
}
