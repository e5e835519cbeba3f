import SluiceJSON

/// The writable side of a streamed response: bytes written here are sent to the Runtime API
/// as chunks while the handler is still running.
public final class ResponseStream: @unchecked Sendable {
    private let lock = ConditionLock()
    private var chunks: [[UInt8]] = []
    private var pending = 0
    private var finished = false
    private var failure: FunctionErrorReport?
    private var started = false
    /// Writers wait while this many bytes are queued and not yet sent.
    private let highWaterMark = 1 << 20

    init() {}

    /// Sends bytes to the caller. Waits (without blocking a thread) while the connection is slower than the handler.
    public func write(_ bytes: [UInt8]) async {
        guard !bytes.isEmpty else { return }
        while lock.withLock({ pending >= highWaterMark }) {
            try? await Task.sleep(for: .microseconds(200))
        }
        lock.withLock {
            chunks.append(bytes)
            pending += bytes.count
            started = true
            lock.broadcast()
        }
    }

    /// Sends UTF-8 text.
    public func write(_ text: String) async { await write(Array(text.utf8)) }

    // MARK: The runtime's side

    func finish(with error: FunctionErrorReport?) {
        lock.withLock {
            finished = true
            failure = error
            lock.broadcast()
        }
    }

    /// Blocks until the handler wrote its first bytes or finished; true when it wrote something.
    func waitForStart() -> Bool {
        lock.withLock {
            lock.wait { started || finished }
            return started
        }
    }

    /// Blocks until bytes are available; copies up to `capacity` of them, or returns 0 at the end.
    func read(into destination: UnsafeMutableRawPointer, capacity: Int) -> Int {
        lock.withLock {
            lock.wait { !chunks.isEmpty || finished }
            guard !chunks.isEmpty else { return 0 }
            let count = min(capacity, chunks[0].count)
            chunks[0].withUnsafeBytes { destination.copyMemory(from: $0.baseAddress!, byteCount: count) }
            if count == chunks[0].count { chunks.removeFirst() } else { chunks[0].removeFirst(count) }
            pending -= count
            return count
        }
    }

    /// The trailer lines for the end of the stream: the error type and its base64 document, when it failed.
    func trailerLines() -> [String] {
        guard let report = trailerError else { return [] }
        return [
            "Lambda-Runtime-Function-Error-Type: \(report.errorType)",
            "Lambda-Runtime-Function-Error-Body: \(Base64.encode(report.json))",
        ]
    }

    /// The error to report in the trailers, once the stream has ended.
    var trailerError: FunctionErrorReport? { lock.withLock { failure } }
}
