import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import TableEngine

/// The writer's VFS (`CBatchedWAL`): each commit's WAL frames reach the file in few writes, commits of any
/// size survive a reopen, and other connections see every commit at once, also when SQLite does not sync.
@Suite struct BatchedWALTests {
    let directory = NSTemporaryDirectory() + "sluice-wal-\(UUID().uuidString)"

    init() { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }

    func open(_ name: String, batched: Bool, synchronous: String = "FULL") throws -> Database {
        let db = try Database(path: directory + "/" + name, vfs: batched ? BatchedWAL.vfsName : nil)
        try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=\(synchronous); PRAGMA wal_autocheckpoint=0;")
        return db
    }

    @Test func theWriterUsesIt() throws {
        #expect(BatchedWAL.vfsName == "sluice-batched-wal")
        let t = try TestEngine()
        #expect(BatchedWAL.counts(t.engine.writer.context.db) != nil)
        let other = try open("plain.db", batched: false)
        #expect(BatchedWAL.counts(other) == nil)
    }

    /// One commit of 100 rows of 1 KB on 4 KB pages: dozens of frames, two writes each, reach the file in
    /// one write per 124 KB; a commit of 300 KB (past SQLite's 128 KB write mask) too.
    @Test func framesReachTheFileTogether() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let db = try open("t.db", batched: true)
        try db.execute("CREATE TABLE t(k INTEGER PRIMARY KEY, v BLOB)")
        let before = try #require(BatchedWAL.counts(db))
        try db.execute("BEGIN")
        for k in 0..<100 { try db.run("INSERT INTO t VALUES(?, ?)", [.int(Int64(k)), .blob([UInt8](repeating: UInt8(k), count: 1000))]) }
        try db.execute("COMMIT")
        let after = try #require(BatchedWAL.counts(db))
        let writes = after.writes - before.writes, flushes = after.flushes - before.flushes
        #expect(writes >= 50, "\(writes) writes")
        #expect(flushes >= 1 && flushes <= 2, "\(flushes) flushes for \(writes) writes")
        try db.run("INSERT INTO t VALUES(1000, ?)", [.blob([UInt8](repeating: 7, count: 300_000))])
        let reopened = try open("t.db", batched: false)
        #expect(try reopened.scalarInt("SELECT count(*) FROM t") == 101)
        #expect(try reopened.scalarInt("SELECT sum(length(v)) FROM t") == 400_000)
        #expect(try reopened.scalarInt("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") == 1)
    }

    /// With `synchronous=OFF` SQLite never syncs the WAL: the frames must still be in the file before the
    /// commit is published to other connections, which read them from the file.
    @Test func otherConnectionsSeeUnsyncedCommits() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try open("v.db", batched: true, synchronous: "OFF")
        try writer.execute("CREATE TABLE t(k INTEGER PRIMARY KEY, v BLOB)")
        let reader = try open("v.db", batched: false)
        for round in 0..<50 {
            try writer.execute("BEGIN")
            for k in 0..<20 {
                try writer.run("INSERT INTO t VALUES(?, ?)", [.int(Int64(round * 20 + k)), .blob([UInt8](repeating: UInt8(k), count: 700))])
            }
            try writer.execute("COMMIT")
            #expect(try reader.scalarInt("SELECT count(*) FROM t") == Int64(round * 20 + 20))
            #expect(try reader.scalarInt("SELECT sum(length(v)) FROM t WHERE k >= ?", [.int(Int64(round * 20))]) == 14_000)
        }
        #expect(try reader.scalarInt("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") == 1)
    }

    /// Items near the 400 KB limit, 25 to a batch (10 MB in one commit), read back after a reopen.
    @Test func largeCommitsSurviveAReopen() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        let items: [Item] = (0..<25).map { ["pk": s("big\($0)"), "v": .b([UInt8](repeating: UInt8($0), count: 399_000))] }
        let out = try await t.engine.batchWriteItem(BatchWriteItemInput(requestItems: ["simple": items.map { .put($0) }]))
        #expect(out.unprocessedItems.isEmpty)
        try t.reopen()
        for item in items {
            let got = try await t.engine.getItem(GetItemInput(tableName: "simple", key: ["pk": item["pk"]!], consistentRead: true))
            #expect(got.item == item)
        }
    }
}
