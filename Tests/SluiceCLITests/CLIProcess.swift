import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Executables SwiftPM built beside the test bundle.
enum BuiltProducts {
    static var directory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }
    static var sluice: String { directory.appendingPathComponent("sluice").path }
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

/// A `sluice` process started by a test, with its output collected.
final class CLIProcess: Sendable {
    let process: Process
    private let stdoutText = Mutex("")
    private let stderrText = Mutex("")
    private let openStreams = Mutex(2)

    init(_ arguments: [String], directory: String? = nil, environment: [String: String] = [:], stdin: Data? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProducts.sluice)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        self.process = process
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil; self?.openStreams.withLock { $0 -= 1 }; return }
            self?.stdoutText.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil; self?.openStreams.withLock { $0 -= 1 }; return }
            self?.stderrText.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
    }

    var stdout: String { stdoutText.withLock { $0 } }
    var stderr: String { stderrText.withLock { $0 } }

    /// Waits for the process to exit and its output to be read to the end; returns its status.
    func wait() async -> Int32 {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        let deadline = ContinuousClock.now + .seconds(5)
        while openStreams.withLock({ $0 > 0 }) && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return process.terminationStatus
    }

    /// Waits until standard error matches `pattern` (a regex with one capture group) and returns the capture.
    func awaitStderr(_ pattern: String, timeout: Duration = .seconds(30)) async throws -> String {
        let regex = try Regex(pattern)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let match = stderr.firstMatch(of: regex), let capture = match.output[1].substring {
                return String(capture)
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        // A starved task may wake after the deadline with the line already there: look once more.
        if let match = stderr.firstMatch(of: regex), let capture = match.output[1].substring { return String(capture) }
        throw CLIProcessError.patternNotSeen(pattern, stderr)
    }

    func stop() async -> Int32 {
        if process.isRunning { process.terminate() }
        return await wait()
    }
}

enum CLIProcessError: Error { case patternNotSeen(String, String) }

/// Runs `sluice` to completion.
func runSluice(_ arguments: [String], directory: String? = nil, stdin: Data? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
    let process = try CLIProcess(arguments, directory: directory, stdin: stdin)
    let status = await process.wait()
    return (status, process.stdout, process.stderr)
}

/// A POST over loopback with URLSession (tests only).
func post(_ url: String, body: String, headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: String) {
    var request = URLRequest(url: URL(string: url)!)
    request.httpMethod = "POST"
    request.httpBody = Data(body.utf8)
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as! HTTPURLResponse
    var fields: [String: String] = [:]
    for (key, value) in http.allHeaderFields { fields["\(key)".lowercased()] = "\(value)" }
    return (http.statusCode, fields, String(decoding: data, as: UTF8.self))
}

func json(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}

