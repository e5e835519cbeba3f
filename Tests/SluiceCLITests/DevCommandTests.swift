import Foundation
import TestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `sluice dev`: the stack from template.yaml in one process, its status endpoint, its errors and its shutdown.
@Suite struct DevCommandTests {
    @Test func servesTheStackAndStopsGracefully() async throws {
        let data = try temporaryFolder()
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

    static func startDev(data: String) async throws -> (CLIProcess, String) {
        let dev = try CLIProcess(
            ["dev", "--skip-build", "--data", data, "--table-port", "0", "--api-port", "0"], directory: InvokeCommandTests.root)
        let apiPort = try await dev.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+) \\(HTTP API\\)")
        return (dev, "http://127.0.0.1:\(apiPort)")
    }

    static func send(_ method: String, _ url: String, token: String, body: String) async throws -> (Int, [String: Any]) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = Data(body.utf8)
        request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, json(String(decoding: data, as: UTF8.self)))
    }

    /// Waits until the status reports every mapping drained and at least `records` rows in the lake.
    static func waitForLake(_ api: String, records: Int) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + .seconds(60)
        var status: [String: Any] = [:]
        while ContinuousClock.now < deadline {
            let (data, _) = try await URLSession.shared.data(from: URL(string: api + "/_sluice/status")!)
            status = json(String(decoding: data, as: UTF8.self))
            let lag = (status["mappings"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["lag"] as? Int ?? 0) }
            let written = (status["lake"] as? [String: Any])?["recordsWritten"] as? Int ?? 0
            if lag == 0 && written >= records { return status }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("the lake did not catch up: \(status)")
        return status
    }

    /// HTTP API → function → DynamoDB endpoint → engine → stream → mapping → ETL → Parquet → SQL,
    /// across a restart: nothing lost, nothing delivered twice.
    @Test func changesFlowFromTheAPIToTheLakeExactlyOnceAcrossARestart() async throws {
        let data = try temporaryFolder()
        let token = try await runSluice(["token", "--sub", "u1", "--data", data], directory: InvokeCommandTests.root)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let (dev, api) = try await Self.startDev(data: data)
        let (created, user) = try await Self.send("POST", api + "/users", token: token, body: #"{"email":"ada@example.com","name":"Ada"}"#)
        #expect(created == 201, "\(user)")
        let (taskStatus, task) = try await Self.send("POST", api + "/users/u1/tasks", token: token, body: #"{"title":"First","priority":"high"}"#)
        #expect(taskStatus == 201, "\(task)")
        _ = try await Self.waitForLake(api, records: 3)  // profile, email guard, task
        dev.process.interrupt()
        #expect(await dev.wait() == 0)

        let (restarted, restartedAPI) = try await Self.startDev(data: data)
        defer { Task { _ = await restarted.stop() } }
        let (second, _) = try await Self.send("POST", restartedAPI + "/users/u1/tasks", token: token, body: #"{"title":"Second"}"#)
        #expect(second == 201)
        let status = try await Self.waitForLake(restartedAPI, records: 4)
        let mapping = (status["mappings"] as? [[String: Any]])?.first
        #expect(mapping?["recordsFailed"] as? Int == 0)

        let lake = data + "/lake"
        let tasks = try await runSluice(["lake", "query", "SELECT title, count(DISTINCT _seq) AS n FROM tasks GROUP BY title ORDER BY title", "--lake", lake, "--format", "csv"])
        #expect(tasks.stdout == "title,n\r\nFirst,1\r\nSecond,1\r\n", "\(tasks.stderr)")
        let rows = try await runSluice(["lake", "query", "SELECT count(*) AS n FROM tasks", "--lake", lake, "--format", "csv"])
        #expect(rows.stdout == "n\r\n2\r\n")
        let users = try await runSluice(["lake", "query", "SELECT email FROM users_current", "--lake", lake, "--format", "csv"])
        #expect(users.stdout == "email\r\nada@example.com\r\n")
    }

    @Test func startErrorsAreOneLineWithExitTwo() async throws {
        let broken = try temporaryFolder()
        try "Resources:\n  X: !Nope 1\n".write(toFile: broken + "/template.yaml", atomically: true, encoding: .utf8)
        let template = try await runSluice(["dev", "--skip-build", "--data", broken + "/d", "--table-port", "0", "--api-port", "0"], directory: broken)
        #expect(template.status == 2)
        #expect(template.stderr.contains("!Nope"))

        let readOnly = try temporaryFolder()
        try "x".write(toFile: readOnly + "/file", atomically: true, encoding: .utf8)
        let data = try await runSluice(
            ["dev", "--skip-build", "--data", readOnly + "/file/sub", "--table-port", "0", "--api-port", "0"], directory: InvokeCommandTests.root)
        #expect(data.status == 2)
        #expect(data.stderr.hasPrefix("sluice: cannot use data folder"))
        #expect(data.stderr.split(separator: "\n").count == 1)
    }
}
