import NIOCore
import Synchronization

/// An invocation the emulator has accepted and not yet answered; resolved exactly once.
final class PendingInvocation: Sendable {
    let request: InvocationRequest
    private let continuation: Mutex<CheckedContinuation<InvocationResult, Never>?>
    private let timer = Mutex<Scheduled<Void>?>(nil)
    /// Deadline in epoch milliseconds, fixed when the runtime takes the invocation.
    let deadline = Mutex<Int64>(0)
    let startedAt = Mutex<ContinuousClock.Instant?>(nil)

    init(request: InvocationRequest, continuation: CheckedContinuation<InvocationResult, Never>) {
        self.request = request
        self.continuation = Mutex(continuation)
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
        guard let waiting = continuation.withLock({ value in defer { value = nil }; return value }) else { return nil }
        timer.withLock { $0?.cancel(); $0 = nil }
        return { waiting.resume(returning: $0) }
    }

    var isResolved: Bool { continuation.withLock { $0 == nil } }

    func setTimer(_ task: Scheduled<Void>) {
        timer.withLock { $0 = task }
    }
}
