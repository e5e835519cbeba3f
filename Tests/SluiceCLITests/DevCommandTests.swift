import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `sluice dev`: the stack from template.yaml in one process, its status endpoint, its errors and its shutdown.
@Suite struct DevCommandTests {
    @Test func servesTheStackAndStopsGracefully() async throws {
        let data = try temporaryDirectory()
        let dev = try CLIProcess(
            ["dev", "--skip-build", "--data", data, "--table-port", "0", "--api-port", "0"], directory: InvokeCommandTests.root)
        let apiPort = try await dev.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+) \\(HTTP API\\)")
        let tablePort = try await dev.awaitStderr("and 127\\.0\\.0\\.1:(\\d+) \\(DynamoDB\\)")
        let (hello, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(apiPort)/hello?name=Dev")!)
        #expect(json(String(decoding: hello, as: UTF8.self))["message"] as? String == "Hello, Dev!")
        let (statusData, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(apiPort)/_sluice/status")!)
        let status = json(String(decoding: statusData, as: UTF8.self))
        let hello1 = (status["functions"] as? [String: Any])?["HelloFunction"] as? [String: Any]
        #expect(hello1?["invocations"] as? Int == 1)
        #expect((status["endpoints"] as? [String: Any])?["dynamodb"] as? String == "http://127.0.0.1:\(tablePort)")
        let tables = try runProgram(
            ["aws", "dynamodb", "list-tables", "--endpoint-url", "http://127.0.0.1:\(tablePort)", "--output", "json"],
            environment: StartLambdaCommandTests.credentials)
        #expect(tables.status == 0, "\(tables.stderr)")
        dev.process.interrupt()
        let exit = await dev.wait()
        #expect(exit == 0, "\(dev.stderr)")
        #expect(dev.stderr.contains("stopping"))
        #expect(FileManager.default.fileExists(atPath: data + "/table.db"))
    }

    @Test func startErrorsAreOneLineWithExitTwo() async throws {
        let broken = try temporaryDirectory()
        try "Resources:\n  X: !Nope 1\n".write(toFile: broken + "/template.yaml", atomically: true, encoding: .utf8)
        let template = try await runSluice(["dev", "--skip-build", "--data", broken + "/d", "--table-port", "0", "--api-port", "0"], directory: broken)
        #expect(template.status == 2)
        #expect(template.stderr.contains("!Nope"))

        let readOnly = try temporaryDirectory()
        try "x".write(toFile: readOnly + "/file", atomically: true, encoding: .utf8)
        let data = try await runSluice(
            ["dev", "--skip-build", "--data", readOnly + "/file/sub", "--table-port", "0", "--api-port", "0"], directory: InvokeCommandTests.root)
        #expect(data.status == 2)
        #expect(data.stderr.hasPrefix("sluice: cannot use data folder"))
        #expect(data.stderr.split(separator: "\n").count == 1)
    }
}
