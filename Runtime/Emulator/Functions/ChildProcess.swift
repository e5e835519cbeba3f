import CSpawn
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where a function process's standard output and error go.
public enum LogSink: Sendable {
    /// Straight to our own standard error (what `sluice invoke` shows).
    case standardError
    /// Line by line to a closure (tests, `sluice dev`'s prefixed logs).
    case lines(@Sendable (String) -> Void)
    /// Dropped.
    case discard

    var isDiscarded: Bool {
        if case .discard = self { return true }
        return false
    }

    /// Writes `text` to standard error with `write(2)` (`FileHandle` and `Data` cost more than the write for
    /// the START/END/REPORT lines of every invocation).
    static func writeToStandardError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Writes one log line; a discarded line is never built.
    func emit(_ line: @autoclosure () -> String) {
        switch self {
        case .standardError: Self.writeToStandardError(line() + "\n")
        case .lines(let sink): sink(line())
        case .discard: break
        }
    }

    /// Writes several log lines, on standard error with one `write` (END and REPORT after every invocation).
    func emit(lines: [String]) {
        switch self {
        case .standardError: Self.writeToStandardError(lines.map { $0 + "\n" }.joined())
        case .lines(let sink): for line in lines { sink(line) }
        case .discard: break
        }
    }
}

/// How a child process ended.
public enum ProcessExit: Sendable, Equatable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)

    /// Lambda's wording: `exit status 1`, `signal: killed`.
    public var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signalled(let signal): "signal: \(ProcessExit.signalName(signal))"
        }
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: "killed"
        case SIGSEGV: "segmentation fault"
        case SIGABRT: "aborted"
        case SIGTERM: "terminated"
        case SIGILL: "illegal instruction"
        case SIGBUS: "bus error"
        case SIGTRAP: "trace/breakpoint trap"
        default: "signal \(signal)"
        }
    }
}

/// A spawned process (posix_spawn), its output forwarded to a `LogSink`, its exit reported once.
final class ChildProcess: Sendable {
    let pid: pid_t
    private let exited = ExitFlag()
    /// The last `VmHWM` read and when (see ``peakMemoryMB(maximumAge:)``).
    private let lastPeak = Mutex<(megabytes: Int, at: ContinuousClock.Instant)?>(nil)

    /// Whether the process has exited and been reaped.
    var hasExited: Bool { exited.isSet }

    /// Starts `arguments[0]` (looked up in `PATH` when it has no slash) with exactly `environment`.
    init(
        arguments: [String], environment: [String: String], workingDirectory: String?, logs: LogSink,
        onExit: @escaping @Sendable (ProcessExit) -> Void
    ) throws(EmulatorError) {
        guard let executable = arguments.first else { throw .spawnFailed(command: "", reason: "empty command") }
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        var pipeEnds: [Int32] = [-1, -1]
        switch logs {
        case .standardError:
            posix_spawn_file_actions_adddup2(&fileActions, 2, 1)
        case .discard:
            posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
        case .lines:
            guard pipe(&pipeEnds) == 0 else { throw .spawnFailed(command: executable, reason: "pipe: \(errnoText())") }
            posix_spawn_file_actions_adddup2(&fileActions, pipeEnds[1], 1)
            posix_spawn_file_actions_adddup2(&fileActions, pipeEnds[1], 2)
            posix_spawn_file_actions_addclose(&fileActions, pipeEnds[0])
        }
        if let workingDirectory {
            sluice_spawn_file_actions_addchdir(&fileActions, workingDirectory)
        }
        // Nothing but 0, 1 and 2: SwiftNIO's listening and accepted sockets are not close-on-exec, and a bootstrap
        // holding them would keep our ports bound and its own Runtime API connection open after we die (so it
        // would never see EOF and exit, and `sluice dev` could not start again on the same ports).
        sluice_spawn_file_actions_addclosefrom(&fileActions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so a kill reaches the children it starts too.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let spawn = executable.contains("/") ? posix_spawn : posix_spawnp
        let status = spawn(&child, executable, &fileActions, &attributes, argv, envp)
        if pipeEnds[1] >= 0 { close(pipeEnds[1]) }
        guard status == 0 else {
            if pipeEnds[0] >= 0 { close(pipeEnds[0]) }
            throw .spawnFailed(command: executable, reason: String(cString: strerror(status)))
        }
        pid = child

        let readerDone = DispatchSemaphore(value: 0)
        if case .lines(let sink) = logs {
            let fd = pipeEnds[0]
            Thread.detachNewThread {
                ChildProcess.forwardLines(from: fd, to: sink)
                readerDone.signal()
            }
        } else {
            readerDone.signal()
        }
        let pid = child
        let exitedFlag = exited
        Thread.detachNewThread {
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
            // Give the log reader a moment to drain what the process wrote last.
            _ = readerDone.wait(timeout: .now() + 2)
            let code = raw & 0x7f
            exitedFlag.set()
            onExit(code == 0 ? .exited((raw >> 8) & 0xff) : .signalled(code))
        }
    }

    /// Sends a signal to the process group.
    func kill(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(-pid, signal)
        _ = Glibc.kill(pid, signal)
    }

    /// ``peakMemoryMB()`` as read at most `maximumAge` ago: a warm function's REPORT lines come hundreds per
    /// second, and reading `/proc` for each was the largest single cost of the gateway. The peak only grows, so
    /// a reused value is the peak as it was at most `maximumAge` earlier.
    func peakMemoryMB(maximumAge: Duration) -> Int? {
        let now = ContinuousClock.now
        if let last = lastPeak.withLock({ $0 }), now - last.at < maximumAge { return last.megabytes }
        guard let megabytes = peakMemoryMB() else { return nil }
        lastPeak.withLock { $0 = (megabytes, now) }
        return megabytes
    }

    /// Peak resident memory in MB (`VmHWM`), when the process is still there to ask.
    ///
    /// Read for REPORT lines, so it reads `/proc/PID/status` with plain `open`/`read` into a stack buffer and
    /// scans the bytes (Foundation's file reading and `String` splitting were a tenth of `start-api`'s CPU).
    func peakMemoryMB() -> Int? {
        let fd = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer -> Int? in
            var filled = 0
            while filled < buffer.count {
                let count = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                filled += count
            }
            return Self.peakMemoryMB(status: UnsafeBufferPointer(rebasing: buffer[..<filled]))
        }
    }

    /// `VmHWM` in MB (at least 1) from the text of `/proc/PID/status`.
    static func peakMemoryMB(status: UnsafeBufferPointer<UInt8>) -> Int? {
        let label = Array("VmHWM:".utf8)
        var lineStart = 0
        while lineStart < status.count {
            var lineEnd = lineStart
            while lineEnd < status.count && status[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            if lineEnd - lineStart >= label.count && (0..<label.count).allSatisfy({ status[lineStart + $0] == label[$0] }) {
                var index = lineStart + label.count
                while index < lineEnd && (status[index] == UInt8(ascii: " ") || status[index] == UInt8(ascii: "\t")) { index += 1 }
                var kb = 0
                while index < lineEnd, case let digit = status[index], digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") {
                    kb = kb * 10 + Int(digit - UInt8(ascii: "0"))
                    index += 1
                }
                return max(1, kb / 1024)
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    private static func forwardLines(from fd: Int32, to sink: @Sendable (String) -> Void) {
        var pending = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            pending.append(contentsOf: buffer[0..<count])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                sink(String(decoding: pending[..<newline], as: UTF8.self))
                pending.removeSubrange(...newline)
            }
        }
        if !pending.isEmpty { sink(String(decoding: pending, as: UTF8.self)) }
        close(fd)
    }
}

/// Set once, when the process has been reaped.
private final class ExitFlag: Sendable {
    private let flag = Mutex(false)
    var isSet: Bool { flag.withLock { $0 } }
    func set() { flag.withLock { $0 = true } }
}

func errnoText() -> String { String(cString: strerror(errno)) }
