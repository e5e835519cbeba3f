import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM (Ctrl-C, `kill`), so servers can stop their functions before exiting.
enum ShutdownSignal {
    static func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = Once()
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { if once.claim() { continuation.resume() } }
                source.resume()
                Sources.keep(source)
            }
        }
    }

    /// Signal sources live as long as the process.
    private enum Sources {
        nonisolated(unsafe) static var all: [any DispatchSourceSignal] = []
        static func keep(_ source: any DispatchSourceSignal) { all.append(source) }
    }

    private final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        func claim() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if done { return false }
            done = true
            return true
        }
    }
}
