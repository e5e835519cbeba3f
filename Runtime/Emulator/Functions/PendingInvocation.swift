import NIOCore
import Synchronization

/// An invocation the emulator has accepted and not yet answered; resolved exactly once.
final class PendingInvocation: Sendable {
    let request: InvocationRequest
    /// Whoever waits for the result: a task's continuation or an event-loop promise; nil once answered.
    private let completion: Mutex<(@Sendable (InvocationResult) -> Void)?>
    private let timer = Mutex<Scheduled<Void>?>(nil)
    /// Deadline in epoch milliseconds, fixed when the runtime takes the invocation.
    let deadline = Mutex<Int64>(0)
    let startedAt = Mutex<ContinuousClock.Instant?>(nil)

    init(request: InvocationRequest, completion: @escaping @Sendable (InvocationResult) -> Void) {
        self.request = request
        self.completion = Mutex(completion)
    }

    var id: String { request.requestID }

    /// Answers the caller; false when the invocation was already answered (a late response after a timeout).
    @discardableResult
    func resolve(_ result: InvocationResult) -> Bool {
        guard let answer = claim() else { return false }
        answer(result)
        return true
    }

    /// Takes the right to answer (once): returns the function that answers, or nil when already taken.
    /// Lets the emulator finish its own bookkeeping (END/REPORT lines) before the caller wakes up.
    func claim() -> (@Sendable (InvocationResult) -> Void)? {
        guard let waiting = completion.withLock({ value in defer { value = nil }; return value }) else { return nil }
        timer.withLock { $0?.cancel(); $0 = nil }
        return waiting
    }

    var isResolved: Bool { completion.withLock { $0 == nil } }

    func setTimer(_ task: Scheduled<Void>) {
        timer.withLock { $0 = task }
    }
}
