import Foundation
import Testing

/// The short CI runs of the reliability drivers in `Reliability/` (the full runs and their figures are in
/// RELIABILITY.md). Each driver starts the built `sluice dev` itself, does its own checks and prints a last line
/// `RESULT {json}`; the tests run it and read that line.
@Suite(.serialized, .timeLimit(.minutes(10))) struct ReliabilityTests {
    /// 20 SIGKILLs under write load: nothing acknowledged is lost, the stream is exact, the lake has each change once.
    @Test func crashRecoveryUnderWriteLoad() async throws {
        let run = try await Driver.run("crash.py", ["--kills", "20", "--min-gap", "0.5", "--max-gap", "1.5"])
        let result = run.result
        #expect(run.status == 0, "\(run.output)")
        #expect(result["kills"] as? Int == 20)
        #expect((result["acknowledged"] as? Int ?? 0) > 0, "\(run.output)")
        #expect(result["lost"] as? Int == 0, "\(run.output)")
        #expect(result["duplicatedInLake"] as? Int == 0, "\(run.output)")
        #expect(result["missingFromLake"] as? Int == 0, "\(run.output)")
        #expect(result["streamProblems"] as? Int == 0, "\(run.output)")
        #expect(result["failureRecords"] as? Int == 0, "\(run.output)")
        #expect(result["orphanedSessionsLeft"] as? Int == 0, "\(run.output)")
        #expect((result["problems"] as? [String])?.isEmpty == true, "\(run.output)")
    }

    /// ETL crash, timeout and throw on a chosen record, retries exhausted into the failure file, a full lake disk and
    /// a read-only data folder: each reported, and once gone the lake holds everything exactly once.
    @Test func faultsAreReportedAndRecoveredFromExactlyOnce() async throws {
        let run = try await Driver.run("faults.py", ["--records", "30", "--fault-seconds", "4"])
        #expect(run.status == 0, "\(run.output)")
        let scenarios = run.result["scenarios"] as? [String: [String: Any]] ?? [:]
        #expect(Set(scenarios.keys) == ["crash", "timeout", "throw", "on-failure", "disk-full", "read-only"], "\(run.output)")
        for mode in ["crash", "timeout", "throw"] {
            let scenario = scenarios[mode] ?? [:]
            #expect((scenario["errorsDuringFault"] as? Int ?? 0) > 0, "\(mode): \(scenario)")
            #expect(scenario["duplicated"] as? Int == 0, "\(mode): \(scenario)")
            #expect(scenario["missing"] as? Int == 0, "\(mode): \(scenario)")
            #expect(scenario["streamRecords"] as? Int == scenario["lakeRows"] as? Int, "\(mode): \(scenario)")
        }
        #expect(scenarios["on-failure"]?["failureRecords"] as? Int == 1, "\(run.output)")
        for name in ["disk-full", "read-only"] where scenarios[name]?["skipped"] == nil {
            #expect(scenarios[name]?["duplicated"] as? Int == 0, "\(name): \(run.output)")
        }
        if scenarios["read-only"]?["skipped"] == nil {
            #expect(scenarios["read-only"]?["exitStatus"] as? Int == 2, "\(run.output)")
        }
        #expect((run.result["problems"] as? [String])?.isEmpty == true, "\(run.output)")
    }

    /// A short window of the 64-connection mixed load: no 5xx, every answer right, memory sampled throughout.
    @Test func mixedLoadHasNoServerErrors() async throws {
        // Memory flatness is judged on the full 10-minute run (RELIABILITY.md); 20 s is mostly warm-up, so only runaway
        // growth fails here.
        let run = try await Driver.run("load.py", ["--seconds", "20", "--connections", "64", "--max-growth-percent", "500"])
        let result = run.result
        #expect(run.status == 0, "\(run.output)")
        #expect((result["requests"] as? Int ?? 0) > 0, "\(run.output)")
        #expect(result["serverErrors"] as? Int == 0, "\(run.output)")
        #expect(result["wrongAnswers"] as? Int == 0, "\(run.output)")
        #expect(result["transportErrors"] as? Int == 0, "\(run.output)")
        #expect((result["rssSamples"] as? Int ?? 0) >= 10, "\(run.output)")
    }
}

/// Runs a driver of `Reliability/` with python3 against the `sluice` built beside the test bundle.
enum Driver {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    static var products: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    struct Run: @unchecked Sendable {  // immutable once built; `result` is parsed JSON
        var status: Int32
        var output: String
        /// The JSON of the driver's `RESULT` line (empty when it printed none).
        var result: [String: Any]
    }

    /// Runs a driver to completion on a thread of its own: a minutes-long blocking wait must not hold
    /// one of the cooperative pool's threads (two on a 2-core machine) while other suites run.
    static func run(_ script: String, _ arguments: [String]) async throws -> Run {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runBlocking(script, arguments) }) }.start()
        }
    }

    static func runBlocking(_ script: String, _ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repository.appendingPathComponent("Reliability/\(script)").path]
            + arguments + ["--sluice", products.appendingPathComponent("sluice").path]
        process.currentDirectoryURL = repository
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let bytes = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: bytes, as: UTF8.self)
        let line = output.split(separator: "\n").last { $0.hasPrefix("RESULT ") }
        let object = line.flatMap { try? JSONSerialization.jsonObject(with: Data($0.dropFirst(7).utf8)) } as? [String: Any]
        return Run(status: process.terminationStatus, output: output, result: object ?? [:])
    }
}
