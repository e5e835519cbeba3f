import DynamoAPI
import DynamoClient
import DynamoModel
import Foundation
import Synchronization
import TableEngine
import TestSupport

/// The three places the parity suite runs: the engine in process, `sluice table serve` through
/// ``DynamoDBClient``, and moto's server (the Python peer) through ``DynamoDBClient``.
enum Peer: String, CaseIterable, Sendable, CustomStringConvertible {
    case embedded, wire, moto
    var description: String { rawValue }
}

/// Builds products beside the test bundle (`sluice`).
enum BuiltProducts {
    static var directory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }
    static var sluice: String { directory.appendingPathComponent("sluice").path }
}

/// A server process for the whole test run. It runs under a small `sh` watchdog that kills it when
/// the test process is gone (however it ends) or when ``stop()`` is called.
final class ServerProcess: Sendable {
    let process: Process
    let stopFile: String
    private let output = Mutex("")

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Children of a Swift process start with SIGTERM blocked (the spawning thread's mask), so the
        // watchdog uses SIGKILL. It stops when the test process is gone or the stop file appears.
        let stopFile = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-stop-\(UUID().uuidString)").path
        let watchdog = """
            parent=$1; stop=$2; shift 2
            "$@" </dev/null & child=$!
            while kill -0 "$parent" 2>/dev/null && kill -0 $child 2>/dev/null && [ ! -e "$stop" ]; do sleep 0.2; done
            kill -9 $child 2>/dev/null; rm -f "$stop"
            """
        self.stopFile = stopFile
        process.arguments = ["-c", watchdog, "sh", String(ProcessInfo.processInfo.processIdentifier), stopFile] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        self.process = process
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil; return }
            self?.output.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    var text: String { output.withLock { $0 } }

    /// Waits until the output matches `pattern` (one capture group) and returns the capture.
    func await(_ pattern: String, timeout: Duration = .seconds(60)) async throws -> String {
        let regex = try Regex(pattern)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let match = text.firstMatch(of: regex), let capture = match.output[1].substring { return String(capture) }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw PeerError.notStarted(pattern, text)
    }

    func stop() {
        _ = FileManager.default.createFile(atPath: stopFile, contents: nil)
    }
}

enum PeerError: Error { case notStarted(String, String) }

/// Peers started once per test run and shared by every test (each test uses its own tables).
actor PeerServices {
    static let shared = PeerServices()
    private var services: [Peer: Task<any DynamoDBService, any Error>] = [:]

    /// The peer's service, started on first use (concurrent callers share one start).
    func service(_ peer: Peer) async throws -> any DynamoDBService {
        if let task = services[peer] { return try await task.value }
        let task = Task { try await Self.start(peer) }
        services[peer] = task
        return try await task.value
    }

    /// The servers, kept so their output keeps being drained.
    static let servers = Mutex<[ServerProcess]>([])

    static func start(_ peer: Peer) async throws -> any DynamoDBService {
        switch peer {
        case .embedded:
            var configuration = EngineConfiguration()
            configuration.sweepInterval = nil
            return try EmbeddedDynamoDB(directory: try temporaryFolder("sluice-client"), configuration: configuration)
        case .wire:
            let data = try temporaryFolder("sluice-client")
            let server = try ServerProcess([BuiltProducts.sluice, "table", "serve", "--port", "0", "--data", data, "--template", data + "/none.yaml"])
            servers.withLock { $0.append(server) }
            let port = try await server.await("listening on 127\\.0\\.0\\.1:(\\d+)")
            // Both remote peers run requests on the client's I/O threads: blocking HTTP calls on the
            // 2-thread cooperative pool starved the other suites when the whole test run goes in parallel.
            var configuration = Self.local("http://127.0.0.1:\(port)")
            configuration.ioMode = .ioThreads(4)
            return try DynamoDBClient(configuration: configuration)
        case .moto:
            let server = try ServerProcess(["python3", "-m", "moto.server", "-p", "0"])
            servers.withLock { $0.append(server) }
            let port = try await server.await("Running on http://127\\.0\\.0\\.1:(\\d+)")
            var configuration = Self.local("http://127.0.0.1:\(port)")
            configuration.ioMode = .ioThreads(4)
            return try DynamoDBClient(configuration: configuration)
        }
    }

    /// A client configuration for a local endpoint with dummy credentials (moto routes by the signature's scope).
    static func local(_ endpoint: String) -> DynamoClientConfiguration {
        var configuration = DynamoClientConfiguration(
            endpoint: endpoint, region: "us-east-1",
            credentials: AWSCredentialsForTests.dummy)
        configuration.maxAttempts = 2
        configuration.baseDelayMilliseconds = 10
        // Plain http goes through SluiceHTTP, never libcurl: a libcurl that cannot load proves the parity
        // suites run on that path (any libcurl use would fail with `libcurlUnavailable`).
        configuration.libcurlPath = "libcurl-unused-for-plain-http.so.4"
        return configuration
    }
}

import SluiceCrypto
enum AWSCredentialsForTests {
    static let dummy = AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: "testing")
}
