import DynamoModel
import Foundation
import Parquet
import TestSupport
import Testing

@testable import Lake

struct Crash: Error {}

@Suite struct CompactionTests {
    /// Five ETL files in one partition, then one in another partition.
    static func smallFiles() throws -> LakeStore {
        let lake = try Support.lake()
        for b in 0..<5 {
            let batch = (1...20).map { i in Records.task(task: b * 20 + i, seq: b * 20 + i, extra: b == 3 ? ["late": .s("x")] : [:]) }
            _ = lake.ingest(batch)
        }
        _ = lake.ingest([Records.task(task: 999, seq: 999, time: Records.day2)])
        return lake
    }

    static func liveRows(_ lake: LakeStore) throws -> [Int128] { Support.seqs(try Support.rows(lake, "tasks")) }

    @Test func compactsAndSwapsTheManifest() throws {
        let lake = try Self.smallFiles()
        let before = try Self.liveRows(lake)
        #expect(try lake.catalog.files(dataset: "tasks", dtRange: "2024-05-01"..."2024-05-01").count == 5)
        var steps: [CompactionProgress.Step] = []
        var fractions: [Double] = []
        let result = try lake.compact(dataset: "tasks", partition: "2024-05-01", targetBytes: 1 << 20) {
            steps.append($0.step)
            fractions.append($0.fraction)
        }
        #expect(result.removed.count == 5 && result.added.count == 1)
        #expect(steps.filter { if case .reading = $0 { true } else { false } }.count == 5)
        #expect(Array(steps.suffix(3)) == [.wroteNewFiles, .swappedManifest, .deletedOldFiles])
        #expect(fractions == fractions.sorted() && fractions.last == 1)
        let files = try lake.catalog.files(dataset: "tasks")
        #expect(files.count == 2)
        #expect(files[0].path == "dt=2024-05-01/part-\(Records.seq(1))-\(Records.seq(100))-c\(result.generation).parquet")
        #expect(try Self.liveRows(lake) == before)
        // Union of schemas by name: the column only batch 3 had is there, null elsewhere.
        let rows = try Support.rows(lake.catalog.path(dataset: "tasks", file: files[0]))
        #expect(rows.count == 100)
        #expect(rows.filter { $0["late"] == .string("x") }.count == 20)
        #expect(rows.filter { $0["late"] == .some(nil) }.count == 80)
        // Old files are gone from disk; only live files remain.
        let onDisk = Support.allFiles(lake.root + "/tasks").filter { $0.hasSuffix(".parquet") }
        #expect(onDisk == files.map(\.path))
        // Small target: several files, each within the partition, rows intact.
        let lake2 = try Self.smallFiles()
        let r2 = try lake2.compact(dataset: "tasks", partition: "2024-05-01", targetBytes: 9_000)
        #expect(r2.added.count > 1)
        #expect(try Self.liveRows(lake2) == before)
        // Nothing to do for a single file.
        #expect(try lake.compact(dataset: "tasks", partition: "2024-05-02").added.isEmpty)
    }

    @Test func crashBeforeTheSwapLeavesTheOldSet() throws {
        let lake = try Self.smallFiles()
        let before = try lake.catalog.files(dataset: "tasks")
        let rows = try Self.liveRows(lake)
        #expect(throws: Crash.self) {
            try lake.compact(dataset: "tasks", partition: "2024-05-01") { if $0.step == .wroteNewFiles { throw Crash() } }
        }
        #expect(try lake.catalog.files(dataset: "tasks") == before)
        #expect(try Self.liveRows(lake) == rows)
        // The new file is an unlisted orphan until vacuum.
        let orphans = try lake.vacuum(dataset: "tasks")
        #expect(orphans.count == 1 && orphans[0].contains("-c"))
        #expect(try Self.liveRows(lake) == rows)
        // Crash while writing: same.
        #expect(throws: Crash.self) {
            try lake.compact(dataset: "tasks", partition: "2024-05-01") { if case .writing = $0.step { throw Crash() } }
        }
        #expect(try lake.catalog.files(dataset: "tasks") == before)
    }

    @Test func crashAfterTheSwapLeavesTheNewSet() throws {
        let lake = try Self.smallFiles()
        let rows = try Self.liveRows(lake)
        #expect(throws: Crash.self) {
            try lake.compact(dataset: "tasks", partition: "2024-05-01") { if $0.step == .swappedManifest { throw Crash() } }
        }
        let files = try lake.catalog.files(dataset: "tasks")
        #expect(files.count == 2 && files[0].path.contains("-c"))
        #expect(try Self.liveRows(lake) == rows)
        // Old files linger on disk, unlisted; the next compaction (or vacuum) removes them.
        #expect(Support.allFiles(lake.root + "/tasks").filter { $0.hasSuffix(".parquet") }.count == 7)
        _ = try lake.compact(dataset: "tasks", partition: "2024-05-01")
        #expect(Support.allFiles(lake.root + "/tasks").filter { $0.hasSuffix(".parquet") }.count == 2)
        #expect(try Self.liveRows(lake) == rows)
        // The ETL keeps working after compaction, deduplicating against compacted files.
        let again = lake.ingest((95...105).map { Records.task(task: $0, seq: $0) })
        #expect(again.duplicatesSkipped == 6 && again.rowsWritten == 5)
        #expect(try Self.liveRows(lake) == (rows + (101...105).map(Records.seqValue)).sorted())
    }
}

@Suite struct SnapshotTests {
    @Test func currentStateIsTheNewestImagePerKey() throws {
        let lake = try Support.lake()
        _ = lake.ingest([
            Records.task(.insert, task: 1, seq: 1),
            Records.task(.insert, task: 2, seq: 2),
            Records.task(.modify, task: 1, seq: 3, extra: ["title": .s("renamed")]),
            Records.task(.insert, task: 3, seq: 4),
            Records.task(.remove, task: 3, seq: 5),  // INSERT then REMOVE in one batch
            Records.task(.remove, task: 2, seq: 6, time: Records.day2),  // in another partition
        ])
        _ = lake.ingest([
            Records.task(.insert, task: 2, seq: 7, time: Records.day2, extra: ["title": .s("back")]),  // re-inserted later
            Records.task(.insert, task: 4, seq: 8),
            Records.task(.remove, task: 4, seq: 9),
            Records.task(.insert, user: 2, task: 1, seq: 10),  // same SK, other PK
        ])
        let result = try lake.snapshot(dataset: "tasks")
        #expect(result.path == lake.root + "/tasks_current/current.parquet")
        #expect(result.keys == ["PK", "SK"] && result.changes == 10 && result.rows == 3)
        let rows = try Support.rows(result.path)
        let state = rows.map { row -> String in
            guard case .string(let pk)?? = row["PK"], case .string(let sk)?? = row["SK"], case .string(let title)?? = row["title"] else { return "?" }
            return "\(pk)|\(sk)|\(title)"
        }
        #expect(state == ["USER#1|TASK#1|renamed", "USER#1|TASK#2|back", "USER#2|TASK#1|task 1"])
        #expect(rows.allSatisfy { $0["_op"] == nil && $0["_shard"] == nil && $0["_seq"] != nil })
        #expect(try lake.catalog.datasets() == ["tasks"])  // the snapshot folder is not a dataset
        #expect(lake.catalog.snapshotPath(dataset: "tasks") == result.path)
        // Compaction does not change the current state.
        _ = try lake.compact(dataset: "tasks", partition: "2024-05-01")
        let again = try lake.snapshot(dataset: "tasks")
        #expect(try Support.rows(again.path) == rows)
    }
}

extension SnapshotTests {
    @Test func everythingRemovedGivesAnEmptySnapshot() throws {
        let lake = try Support.lake()
        _ = lake.ingest([Records.task(.insert, task: 1, seq: 1), Records.task(.remove, task: 1, seq: 2)])
        let result = try lake.snapshot(dataset: "tasks")
        #expect(result.rows == 0 && result.changes == 2)
        #expect(try ParquetReader(path: result.path).rowCount == 0)
        let count = try python("import sys, pyarrow.parquet as pq; print(pq.read_table(sys.argv[1]).num_rows)", [result.path])
        #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}

@Suite struct DDLTests {
    @Test func athenaStatements() throws {
        let lake = try Support.lake()
        _ = lake.ingest([Records.task(task: 1, seq: 1), Records.user(user: 1, seq: 2)])
        _ = try lake.snapshot(dataset: "tasks")
        let ddl = try lake.ddl(bucketURI: "s3://my-bucket/lake/")
        #expect(ddl.count == 3)
        let tasks = try #require(ddl.first { $0.contains("EXISTS `tasks` (") })
        for fragment in [
            "CREATE EXTERNAL TABLE IF NOT EXISTS `tasks` (", "`_op` string,", "`_seq` decimal(38,0),", "`_ts` timestamp,",
            "`_shard` string,", "`PK` string,", "`estimate` bigint,", "`done` boolean,", "`_extra` string\n)",
            "PARTITIONED BY (`dt` string)", "STORED AS PARQUET", "LOCATION 's3://my-bucket/lake/tasks/'",
            "'projection.enabled'='true'", "'projection.dt.type'='date'", "'projection.dt.format'='yyyy-MM-dd'",
            "'projection.dt.range'='2024-01-01,NOW'", "'projection.dt.interval'='1'", "'projection.dt.interval.unit'='DAYS'",
            "'storage.location.template'='s3://my-bucket/lake/tasks/dt=${dt}/'",
        ] {
            #expect(tasks.contains(fragment), "\(fragment)")
        }
        let current = try #require(ddl.first { $0.contains("`tasks_current`") })
        #expect(current.contains("LOCATION 's3://my-bucket/lake/tasks_current/'") && !current.contains("PARTITIONED") && !current.contains("`_op`"))
        #expect(throws: LakeError.self) { try lake.ddl(bucketURI: "s3://x'; DROP TABLE y; --") }
        #expect(throws: LakeError.self) { try lake.ddl(bucketURI: "/local/path") }
    }
}
