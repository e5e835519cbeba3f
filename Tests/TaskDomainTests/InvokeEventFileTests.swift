import DynamoAPI
import DynamoClient
import Foundation
import TaskDomain
import Testing

/// Every event file under events/ run through the real `sluice invoke <LogicalId> -e <file>`: the built
/// `sluice` binary, the template's function bootstraps, and a `sluice table serve` started here on a
/// free port, which the functions reach through `AWS_ENDPOINT_URL_DYNAMODB` (the host environment
/// reaches bootstraps, as for `sluice dev`).
///
/// Each API event gets a fresh table seeded like ``EventFileTests/seed(_:)`` (the data
/// events/api/expected.json assumes); `--env-vars` points the functions' `TABLE_NAME` at it.
@Suite(.timeLimit(.minutes(10))) struct InvokeEventFileTests {
    static let eventsDirectory = repositoryRoot + "/events"

    @Test func everyEventFileThroughSluiceInvoke() async throws {
        let sluice = SluiceBinary.path
        try #require(FileManager.default.isExecutableFile(atPath: sluice), "build the sluice product first (\(sluice))")
        let work = NSTemporaryDirectory() + "sluice-invoke-events-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let table = try await TableServeProcess(data: work + "/data", logFile: work + "/table.log")
        defer { table.stop() }
        let environment = [
            "AWS_ENDPOINT_URL_DYNAMODB": table.endpoint, "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
            "AWS_REGION": "us-east-1",
        ]
        // The seeding client is configured from the same environment the functions get.
        var configuration = try DynamoClientConfiguration.fromEnvironment(environment)
        configuration.ioMode = .ioThreads(2)  // keep blocking libcurl calls off the cooperative pool
        let client = try DynamoDBClient(configuration: configuration)

        let expected = try EventFileTests.expectedStatuses()
        var ran = Set<String>()
        for (index, (name, status)) in expected.sorted(by: { $0.key < $1.key }).enumerated() {
            let file = "api/\(name).json"
            let tableName = "AppTable-\(index)"
            _ = try await client.createTable(TableDesign.createTableInput(name: tableName))
            try await EventFileTests.seed(TaskAPI(service: client, tableName: tableName, cursorSecret: cursorSecret))
            let envVars = try Self.writeEnvVars(
                work + "/env-\(index).json", ["UsersFunction": ["TABLE_NAME": tableName], "TasksFunction": ["TABLE_NAME": tableName]])
            let function = Self.function(forAPIEvent: file)
            let result = try await SluiceBinary.run(
                ["invoke", function, "-e", Self.eventsDirectory + "/" + file, "--env-vars", envVars, "--skip-build"],
                environment: environment)
            ran.insert(file)
            #expect(result.status == 0, "\(file): \(result.stderr)")
            let response = InvokedResponse(result.stdout)
            #expect(response.statusCode == status, "\(file) via \(function): \(result.stdout)")
            if status >= 400 { #expect(response.errorCode != nil, "\(file): \(result.stdout)") }
            for (path, value) in Self.bodyExpectations[name] ?? [:] {
                #expect(response.value(at: path) == value, "\(file): \(path) in \(result.stdout)")
            }
            if status == 201 { #expect(response.header("location")?.isEmpty == false, "\(file): \(result.stdout)") }
        }

        // Hello and the stream batches.
        for (file, message) in [("hello-get.json", "Hello, Ada!"), ("hello-no-name.json", "Hello, world!")] {
            let result = try await SluiceBinary.run(
                ["invoke", "HelloFunction", "-e", Self.eventsDirectory + "/" + file, "--skip-build"], environment: environment)
            ran.insert(file)
            let response = InvokedResponse(result.stdout)
            #expect(result.status == 0 && response.statusCode == 200, "\(file): \(result.stdout) \(result.stderr)")
            #expect(response.value(at: "message") == message, "\(file): \(result.stdout)")
        }
        for file in ["dynamodb-stream.json", "dynamodb-stream-app.json"] {
            let lake = work + "/lake-\(file)"
            // The template gives the ETL `LAKE_BUCKET` (a bucket on AWS); `--env-vars` only overrides declared
            // variables, as SAM's does, so the lake folder comes through the host environment instead.
            let result = try await SluiceBinary.run(
                ["invoke", "LakeETLFunction", "-e", Self.eventsDirectory + "/" + file, "--skip-build"],
                environment: environment.merging(["LAKE_DIR": lake]) { _, new in new })
            ran.insert(file)
            #expect(result.status == 0, "\(file): \(result.stdout) \(result.stderr)")
            let reply = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
            #expect((reply?["batchItemFailures"] as? [Any])?.isEmpty == true, "\(file): \(result.stdout)")
            let datasets = Set((try? FileManager.default.contentsOfDirectory(atPath: lake)) ?? [])
            let wanted: Set<String> = file == "dynamodb-stream-app.json" ? ["users", "tasks"] : ["items"]
            #expect(wanted.isSubset(of: datasets), "\(file): datasets \(datasets)")
        }

        // Nothing under events/ was left out.
        let all = try Self.eventFiles()
        #expect(ran == all, "not run through invoke: \(all.subtracting(ran).sorted())")
    }

    /// The function that serves an API event's path (the template's routes): `/tasks` and
    /// `/users/{id}/tasks…` go to TasksFunction, the rest to UsersFunction (which answers 404 for routes it lacks).
    static func function(forAPIEvent file: String) -> String {
        let path = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: eventsDirectory + "/" + file))))
            .flatMap { ($0 as? [String: Any])?["rawPath"] as? String } ?? ""
        let parts = path.split(separator: "/")
        return parts.first == "tasks" || (parts.count >= 3 && parts[0] == "users" && parts[2] == "tasks") ? "TasksFunction" : "UsersFunction"
    }

    /// Every .json file under events/ (relative paths), except the expectations file.
    static func eventFiles() throws -> Set<String> {
        var files = Set<String>()
        guard let walker = FileManager.default.enumerator(atPath: eventsDirectory) else { return files }
        for case let path as String in walker where path.hasSuffix(".json") && path != "api/expected.json" {
            files.insert(path)
        }
        return files
    }

    static func writeEnvVars(_ path: String, _ values: [String: [String: String]]) throws -> String {
        try JSONSerialization.data(withJSONObject: values).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Body fields (dot paths into the response body) that show the right data came back.
    static let bodyExpectations: [String: [String: String]] = [
        "users-create": ["id": "u3", "email": "carol@example.com"],
        "users-create-by-admin": ["email": "dave@example.com"],
        "users-create-duplicate-email": ["error.code": "email_taken"],
        "users-create-bad-json": ["error.code": "invalid_json"],
        "users-create-unknown-field": ["error.code": "unknown_field"],
        "users-get": ["id": "u1", "email": "alice@example.com", "name": "Alice"],
        "users-list": ["items.count": "2"],
        "users-patch": ["name": "Alice B.", "version": "2"],
        "users-patch-stale": ["error.code": "precondition_failed"],
        "tasks-create": ["title": "Ship it", "userId": "u1", "status": "pending", "priority": "high"],
        "tasks-get": ["id": "t1", "title": "Water plants", "dueDate": "2026-03-01"],
        "tasks-list": ["items.count": "1", "items.0.id": "t1"],
        "tasks-list-by-tag": ["items.count": "1", "items.0.id": "t1"],
        "tasks-list-admin": ["items.count": "2"],
        "tasks-list-bad-cursor": ["error.code": "invalid_cursor"],
        "tasks-patch": ["status": "in_progress", "version": "2"],
        "tasks-patch-illegal": ["error.code": "illegal_transition"],
        "tasks-patch-stale": ["error.code": "precondition_failed"],
        "tasks-by-status": ["items.count": "1", "items.0.id": "t1"],
    ]
}

/// The response `sluice invoke` printed: an API Gateway 2.0 response with a JSON body.
struct InvokedResponse {
    let response: [String: Any]
    let body: Any?

    init(_ stdout: String) {
        response = ((try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]) ?? [:]
        body = (response["body"] as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
    }

    var statusCode: Int? { response["statusCode"] as? Int }
    var errorCode: String? { value(at: "error.code") }
    func header(_ name: String) -> String? { (response["headers"] as? [String: Any])?[name] as? String }

    /// The body value at a dot path (`items.0.id`, `items.count`) as text.
    func value(at path: String) -> String? {
        var current: Any? = body
        for key in path.split(separator: ".") {
            if key == "count", let array = current as? [Any] { return String(array.count) }
            if let array = current as? [Any], let index = Int(key) {
                current = index < array.count ? array[index] : nil
            } else {
                current = (current as? [String: Any])?[String(key)]
            }
        }
        switch current {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }
}

/// The `sluice` executable SwiftPM built beside the test bundle.
enum SluiceBinary {
    static var path: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("sluice").path
    }

    /// Runs `sluice` in the repository root to completion, off the cooperative pool; output goes through files
    /// so a chatty process never blocks on a full pipe.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let base = NSTemporaryDirectory() + "sluice-run-\(UUID().uuidString)"
                    FileManager.default.createFile(atPath: base + ".out", contents: nil)
                    FileManager.default.createFile(atPath: base + ".err", contents: nil)
                    defer {
                        try? FileManager.default.removeItem(atPath: base + ".out")
                        try? FileManager.default.removeItem(atPath: base + ".err")
                    }
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: path)
                    process.arguments = arguments
                    process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
                    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
                    process.standardInput = FileHandle.nullDevice
                    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
                    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
                    try process.run()
                    process.waitUntilExit()
                    let out = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
                    let err = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
                    continuation.resume(returning: (process.terminationStatus, out, err))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

/// A `sluice table serve` on a free port, creating template.yaml's tables in `data`.
final class TableServeProcess: Sendable {
    let process: Process
    let endpoint: String

    init(data: String, logFile: String) async throws {
        FileManager.default.createFile(atPath: logFile, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SluiceBinary.path)
        process.arguments = ["table", "serve", "--port", "0", "--data", data, "--template", repositoryRoot + "/template.yaml"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        try process.run()
        self.process = process
        let pattern = try Regex("listening on 127\\.0\\.0\\.1:(\\d+)")
        let deadline = ContinuousClock.now + .seconds(60)
        var port: String?
        while port == nil && ContinuousClock.now < deadline && process.isRunning {
            let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
            port = log.firstMatch(of: pattern).flatMap { $0.output[1].substring.map(String.init) }
            if port == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        guard let port else {
            if process.isRunning { process.terminate() }
            throw TableServeError.didNotStart((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "")
        }
        endpoint = "http://127.0.0.1:\(port)"
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    enum TableServeError: Error { case didNotStart(String) }
}
