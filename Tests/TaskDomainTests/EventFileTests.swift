import DynamoAPI
import DynamoModel
import Foundation
import LakeETL
import LambdaEvents
import SluiceJSON
import TaskDomain
import Testing

/// The committed events (events/api from `scripts/generate-api-events`, the stream batch) run through the
/// handlers in process.
@Suite struct EventFileTests {
    static let apiDirectory = repositoryRoot + "/events/api"

    /// The seed data the event statuses assume (see scripts/generate-api-events).
    static func seed(_ api: TaskAPI) async throws {
        let at = "2026-01-01T00:00:00.000Z"
        try await api.users.create(User(id: "u1", email: "alice@example.com", name: "Alice", roles: [.user], createdAt: at, updatedAt: at, version: 1))
        try await api.users.create(User(id: "u2", email: "bob@example.com", name: "Bob", roles: [.user], createdAt: at, updatedAt: at, version: 1))
        try await api.tasks.create(TaskItem(
            id: "t1", userId: "u1", title: "Water plants", dueDate: "2026-03-01", tags: ["home"], createdAt: at, updatedAt: at, version: 1))
        try await api.tasks.create(TaskItem(id: "t2", userId: "u1", title: "File taxes", status: .done, createdAt: at, updatedAt: at, version: 1))
    }

    /// The statuses events/api/expected.json promises, checked against the files in events/api.
    static func expectedStatuses() throws -> [String: Int] {
        let expectedData = try Data(contentsOf: URL(fileURLWithPath: apiDirectory + "/expected.json"))
        let expected = try JSONDecoder().decode([String: Int].self, from: expectedData)
        #expect(expected.count >= 40)
        let files = try FileManager.default.contentsOfDirectory(atPath: apiDirectory).filter { $0 != "expected.json" }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(expected.keys))
        return expected
    }

    @Test func everyAPIEventAnswersItsStatus() async throws {
        let expected = try Self.expectedStatuses()
        for (name, status) in expected.sorted(by: { $0.key < $1.key }) {
            let h = try await Harness()
            try await Self.seed(h.api)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: "\(Self.apiDirectory)/\(name).json")))
            let event = try SluiceJSONDecoder().decode(APIGatewayV2Request.self, from: bytes)
            let reply = await h.send(event)
            #expect(reply.status == status, "\(name): \(reply.body)")
            if status >= 400 { #expect(reply.errorCode != nil, "\(name): \(reply.body)") }
            #expect(reply.status < 500)
        }
    }

    /// The committed stream batch (real records of this table) goes into the lake without failures.
    @Test func streamBatchFile() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/events/dynamodb-stream-app.json")))
        let event = try SluiceJSONDecoder().decode(DynamoDBEvent.self, from: bytes)
        #expect(event.records.count >= 5)
        try Self.expectLakeIngests(event)
    }

    /// API writes → the engine's stream → the ETL handler → `users` and `tasks` datasets. With
    /// `SLUICE_WRITE_EVENTS=1` the batch is also saved as events/dynamodb-stream-app.json.
    @Test func liveStreamToLake() async throws {
        let h = try await Harness()
        await h.register("u1", email: "alice@example.com", name: "Alice")
        let tid = await h.addTask("u1", #""title":"Water plants","dueDate":"2026-03-01","tags":["home"],"metadata":{"room":"kitchen"}"#)
        #expect(await h.call("PATCH", "/users/u1/tasks/\(tid)", body: #"{"status":"in_progress"}"#).status == 200)
        let other = await h.addTask("u1", #""title":"Throwaway""#)
        #expect(await h.call("DELETE", "/users/u1/tasks/\(other)").status == 204)
        var records: [StreamRecord] = []
        for shard in try h.engine.streamShards(table: h.tableName) {
            records += try h.engine.readStream(table: h.tableName, shard: shard.index)
        }
        records.sort { ($0.dynamodb.sequenceNumber.count, $0.dynamodb.sequenceNumber) < ($1.dynamodb.sequenceNumber.count, $1.dynamodb.sequenceNumber) }
        let event = DynamoDBEvent(records: records)
        #expect(records.count == 6)  // profile + email guard, task, its update, another task, its delete
        try Self.expectLakeIngests(event)
        if ProcessInfo.processInfo.environment["SLUICE_WRITE_EVENTS"] == "1" {
            var encoder = SluiceJSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try Data(try encoder.encode(event)).write(to: URL(fileURLWithPath: repositoryRoot + "/events/dynamodb-stream-app.json"))
        }
    }

    static func expectLakeIngests(_ event: DynamoDBEvent, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let lake = NSTemporaryDirectory() + "sluice-tasks-lake-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: lake) }
        let failures = try ETLHandler(lake: lake).process(event)
        #expect(failures.batchItemFailures.isEmpty, "\(failures)", sourceLocation: sourceLocation)
        let datasets = try FileManager.default.contentsOfDirectory(atPath: lake)
        #expect(Set(["users", "tasks"]).isSubset(of: Set(datasets)), "\(datasets)", sourceLocation: sourceLocation)
    }
}
