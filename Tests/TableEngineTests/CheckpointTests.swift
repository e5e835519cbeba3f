import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import TableEngine

/// Checkpoints run off the commit path: a background thread copies the WAL back into the database file
/// while writes go on, and the WAL starts over instead of growing with every write.
@Suite struct CheckpointTests {
    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    @Test func theWALIsCopiedBackAndStartsOverWhileWritesGoOn() async throws {
        let pages = 50
        let t = try TestEngine { $0.checkpointPages = pages }
        try await t.createSimpleTable()
        let database = t.directory + "/table.db"
        let before = Self.size(database)
        let payload = String(repeating: "x", count: 3000)  // one leaf page or more per item
        for i in 0..<600 {
            _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": .s("k\(i)"), "payload": .s(payload)]))
        }
        // The background checkpoint is asynchronous: give it a moment.
        var copied = false
        for _ in 0..<250 where !copied {
            copied = Self.size(database) > before + 300 * 4096
            if !copied { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(copied, "table.db stayed at \(Self.size(database)) bytes (\(before) before the writes)")
        // 600 items of 3 KB are over 600 pages; the WAL never held more than the hard limit and a group.
        let walLimit = (5 * pages + 50) * (4096 + 24) + 32
        #expect(Self.size(database + "-wal") < walLimit)
        #expect(try await Self.count(t.engine) == 600)
        // Everything is still there after a reopen.
        try t.reopen()
        #expect(try await Self.count(t.engine) == 600)
    }

    /// Items in `simple`, over every 1 MB page.
    static func count(_ engine: EmbeddedDynamoDB) async throws -> Int {
        var total = 0
        var start: Item?
        repeat {
            let page = try await engine.scan(ScanInput(tableName: "simple", select: .count, exclusiveStartKey: start))
            total += page.count
            start = page.lastEvaluatedKey
        } while start != nil
        return total
    }
}
