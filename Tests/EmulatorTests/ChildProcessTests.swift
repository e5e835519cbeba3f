@testable import Emulator
import Foundation
import Synchronization
import Testing

/// What a spawned bootstrap inherits from the process that spawns it.
@Suite(.timeLimit(.minutes(2))) struct ChildProcessTests {
    /// Regression: SwiftNIO's sockets are not close-on-exec, so bootstraps inherited `sluice dev`'s listening
    /// sockets and its Runtime API connections. After `sluice dev` was killed they kept its ports bound (a restart
    /// failed with "port in use") and never saw their Runtime API connection close, so they never exited.
    @Test func childInheritsOnlyStandardDescriptors() async throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)  // no SOCK_CLOEXEC, as NIO's
        #expect(listener > 2)
        defer { close(listener) }
        let lines = Mutex<[String]>([])
        let exited = Mutex<ProcessExit?>(nil)
        _ = try ChildProcess(
            arguments: ["/bin/sh", "-c", "ls /proc/$$/fd"], environment: ["PATH": "/usr/bin:/bin"], workingDirectory: nil,
            logs: .lines { line in lines.withLock { $0.append(line) } }
        ) { exit in exited.withLock { $0 = exit } }
        let deadline = ContinuousClock.now + .seconds(60)
        while exited.withLock({ $0 }) == nil && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(exited.withLock { $0 } == .exited(0))
        let descriptors = Set(lines.withLock { $0 }.compactMap { Int32($0) })
        #expect(descriptors.contains(1) && descriptors.contains(2), "\(descriptors)")
        #expect(!descriptors.contains(listener), "the child holds our socket: \(descriptors)")
        #expect(descriptors.isSubset(of: [0, 1, 2]), "the child inherited \(descriptors)")
    }
}
