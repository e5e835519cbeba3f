import DynamoAPI
import DynamoClient
import DynamoModel
import TaskDomain
import Testing

@Suite struct RepositoryTests {
    /// Two writers read the same version; the second write is refused, not applied over the first.
    @Test func staleWritesAreRefused() async throws {
        let h = try await Harness()
        let at = "2026-01-01T00:00:00.000Z"
        let user = User(id: "u1", email: "a@example.com", name: "A", roles: [.user], createdAt: at, updatedAt: at, version: 1)
        try await h.api.users.create(user)
        let task = TaskItem(id: "t1", userId: "u1", title: "original", createdAt: at, updatedAt: at, version: 1)
        try await h.api.tasks.create(task)

        var first = task, second = task
        first.title = "first"; first.version = 2
        second.title = "second"; second.version = 2
        try await h.api.tasks.replace(first, expectedVersion: 1)
        await #expect(throws: APIError.versionConflict) { try await h.api.tasks.replace(second, expectedVersion: 1) }
        await #expect(throws: APIError.versionConflict) { try await h.api.tasks.delete(userId: "u1", taskId: "t1", expectedVersion: 1) }
        #expect(try await h.api.tasks.get(userId: "u1", taskId: "t1")?.title == "first")
        await #expect(throws: APIError.self) { try await h.api.tasks.create(task) }  // never replaces

        var renamed = user, moved = user
        renamed.name = "B"; renamed.version = 2
        moved.email = "z@example.com"; moved.version = 2
        try await h.api.users.replace(user, with: renamed)
        await #expect(throws: APIError.versionConflict) { try await h.api.users.replace(user, with: moved) }
        // The losing email move left no guard behind.
        let guardItem = try await h.engine.getItem(GetItemInput(tableName: h.tableName, key: TableDesign.emailKey("z@example.com")))
        #expect(guardItem.item == nil)
        let kept = try await h.engine.getItem(GetItemInput(tableName: h.tableName, key: TableDesign.emailKey("a@example.com")))
        #expect(kept.item?["userId"] == .s("u1"))
    }

    @Test func functionConfiguration() throws {
        func make(_ env: [String: String], service: @escaping @Sendable () throws -> any DynamoDBService) throws -> APIFunction {
            try APIFunction(surface: .users, makeService: service, environment: { env[$0] })
        }
        struct Unavailable: Error {}
        let engine: @Sendable () throws -> any DynamoDBService = { throw Unavailable() }
        #expect(throws: APIFunction.ConfigurationError.self) { try make(["CURSOR_SECRET": "0123456789abcdef"], service: engine) }
        #expect(throws: APIFunction.ConfigurationError.self) { try make(["TABLE_NAME": "t"], service: engine) }
        #expect(throws: APIFunction.ConfigurationError.self) { try make(["TABLE_NAME": "t", "CURSOR_SECRET": "short"], service: engine) }
        // The bootstraps' factory gives the DynamoDB client.
        #expect(try ServiceFactory.make() is DynamoDBClient)
    }
}
