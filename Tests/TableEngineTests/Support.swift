import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import TableEngine

/// A fresh data directory and engine per test; the directory is removed afterwards.
final class TestEngine {
    let directory: String
    let clock: ManualClock
    var engine: EmbeddedDynamoDB

    init(shards: Int = 4, configure: (inout EngineConfiguration) -> Void = { _ in }) throws {
        directory = NSTemporaryDirectory() + "sluice-table-\(UUID().uuidString)"
        clock = ManualClock()
        var configuration = EngineConfiguration()
        configuration.clock = clock
        configuration.sweepInterval = nil
        configuration.shardsPerStream = shards
        configure(&configuration)
        engine = try EmbeddedDynamoDB(directory: directory, configuration: configuration)
    }

    /// Closes and reopens the engine on the same directory.
    func reopen() throws {
        let configuration = engine.configuration
        engine.close()
        engine = try EmbeddedDynamoDB(directory: directory, configuration: configuration)
    }

    deinit {
        engine.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `items`: pk (S) + sk (N), GSI byStatus (status S, sk N; INCLUDE title), GSI byOwner (owner S; KEYS_ONLY),
    /// LSI byTitle (pk, title S; ALL), stream NEW_AND_OLD_IMAGES.
    func createItemsTable(stream: StreamViewType? = .newAndOldImages) async throws {
        _ = try await engine.createTable(CreateTableInput(
            tableName: "items",
            keySchema: [.init(attributeName: "pk", keyType: .hash), .init(attributeName: "sk", keyType: .range)],
            attributeDefinitions: [
                .init(attributeName: "pk", attributeType: .s), .init(attributeName: "sk", attributeType: .n),
                .init(attributeName: "status", attributeType: .s), .init(attributeName: "owner", attributeType: .s),
                .init(attributeName: "title", attributeType: .s),
            ],
            globalSecondaryIndexes: [
                .init(indexName: "byStatus",
                      keySchema: [.init(attributeName: "status", keyType: .hash), .init(attributeName: "sk", keyType: .range)],
                      projection: .init(projectionType: .include, nonKeyAttributes: ["title"])),
                .init(indexName: "byOwner", keySchema: [.init(attributeName: "owner", keyType: .hash)],
                      projection: .init(projectionType: .keysOnly)),
            ],
            localSecondaryIndexes: [
                .init(indexName: "byTitle",
                      keySchema: [.init(attributeName: "pk", keyType: .hash), .init(attributeName: "title", keyType: .range)],
                      projection: .init(projectionType: .all)),
            ],
            streamSpecification: stream.map { .init(streamEnabled: true, streamViewType: $0) }))
    }

    /// `simple`: pk (S) only; stream per `stream`.
    func createSimpleTable(_ name: String = "simple", stream: StreamViewType? = nil) async throws {
        _ = try await engine.createTable(CreateTableInput(
            tableName: name, keySchema: [.init(attributeName: "pk", keyType: .hash)],
            attributeDefinitions: [.init(attributeName: "pk", attributeType: .s)],
            streamSpecification: stream.map { .init(streamEnabled: true, streamViewType: $0) }))
    }

    /// Every record of every shard of `table`'s stream, per shard.
    func allRecords(_ table: String) throws -> [[StreamRecord]] {
        try engine.streamShards(table: table).map { shard in
            var out: [StreamRecord] = []
            var after: String?
            while true {
                let page = try engine.readStream(table: table, shard: shard.index, after: after, limit: 1000)
                if page.isEmpty { break }
                out += page
                after = page.last!.dynamodb.sequenceNumber
            }
            return out
        }
    }
}

/// Expects `body` to throw a `DynamoError` with `code` (and a message containing `message`).
func expectError(
    _ code: String, _ message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected \(code), got success", sourceLocation: sourceLocation)
    } catch let error as DynamoError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let message {
            #expect(error.message.contains(message), "\(error.message)", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

func s(_ v: String) -> AttributeValue { .s(v) }
func n(_ v: Int) -> AttributeValue { .n(String(v)) }
