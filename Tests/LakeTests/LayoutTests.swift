import DynamoModel
import Foundation
import Parquet
import Testing

@testable import Lake

@Suite struct LayoutTests {
    @Test func datesAreUTCDays() {
        #expect(LakeLayout.date(epochSeconds: 0) == "1970-01-01")
        #expect(LakeLayout.date(epochSeconds: Records.day1) == "2024-05-01")
        #expect(LakeLayout.date(epochSeconds: 1_709_164_800) == "2024-02-29")  // leap day
        #expect(LakeLayout.date(epochSeconds: 1_714_607_999.9) == "2024-05-01")  // 23:59:59.9Z
        #expect(LakeLayout.date(epochSeconds: 1_714_608_000) == "2024-05-02")
        #expect(LakeLayout.date(epochSeconds: 253_402_300_799) == "9999-12-31")
        #expect(LakeLayout.date(epochSeconds: -1) == nil)
        #expect(LakeLayout.date(epochSeconds: .nan) == nil)
        #expect(LakeLayout.date(epochSeconds: 1e300) == nil)
        #expect(LakeLayout.isPartitionValue("2024-05-01"))
        #expect(!LakeLayout.isPartitionValue("../../etc"))
        #expect(!LakeLayout.isPartitionValue("2024-05-0/"))
    }

    @Test func sequenceNumbers() {
        #expect(LakeLayout.sequenceNumber("400000000000000000001") == Int128("400000000000000000001"))
        #expect(LakeLayout.sequenceNumber(String(repeating: "9", count: 38)) != nil)
        #expect(LakeLayout.sequenceNumber(String(repeating: "9", count: 39)) == nil)
        #expect(LakeLayout.sequenceNumber("") == nil)
        #expect(LakeLayout.sequenceNumber("12a") == nil)
        #expect(LakeLayout.sequenceNumber("-1") == nil)
    }

    @Test func sanitisedNamesStayOneFolderInsideTheLake() {
        let hostile = ["../../etc", "/", "a/b", "..", ".", "x\u{0}y", "", String(repeating: "a", count: 5000),
                       "ÜSERS", "_manifest", "tasks_current", "dt=2024", "-rf", "a b\tc", "💣"]
        var seen = Set<String>()
        for name in hostile {
            let s = LakeLayout.sanitize(name)
            #expect(!s.isEmpty && s.utf8.count <= LakeLayout.maxNameLength, "\(name)")
            #expect(!s.contains("/") && !s.contains("\0") && s != "." && s != ".." && !s.hasPrefix("."), "\(s)")
            #expect(!s.hasPrefix("_") && !s.hasSuffix("_current"), "\(s)")
            #expect(LakeLayout.isSafeName(s), "\(s) is stable")
            seen.insert(s)
        }
        #expect(LakeLayout.sanitize("Users") == "users")
        #expect(LakeLayout.sanitize("tasks") == "tasks")
        // Long names stay distinct.
        #expect(LakeLayout.sanitize(String(repeating: "a", count: 100) + "1") != LakeLayout.sanitize(String(repeating: "a", count: 100) + "2"))
    }

    @Test func tableNamesFromHostileEventsCannotEscape() throws {
        var options = LakeOptions()
        options.mapping.fallback = .tableName
        let lake = try Support.lake(options)
        let outer = (lake.root as NSString).deletingLastPathComponent
        let arns = [
            "arn:aws:dynamodb:us-east-1:1:table/../../../tmp/evil/stream/x",
            "arn:aws:dynamodb:us-east-1:1:table//stream/x",
            "arn:aws:dynamodb:us-east-1:1:table/a\u{0}b/stream/x",
            "arn:aws:dynamodb:us-east-1:1:table/" + String(repeating: "L", count: 300) + "/stream/x",
            "arn:aws:dynamodb:us-east-1:1:table/../stream/x",
        ]
        var records: [StreamRecord] = []
        for (i, arn) in arns.enumerated() {
            records.append(Records.record(.insert, seq: i + 1, keys: ["id": .s("../\(i)")], new: ["id": .s("../\(i)"), "../x": .s("/etc/passwd")], arn: arn))
        }
        let result = lake.ingest(records)
        #expect(result.failures.isEmpty && result.malformed.isEmpty)
        #expect(result.rowsWritten == arns.count)
        // Nothing but the lake in the outer folder, and every file of the lake sits in <dataset>/dt=…/ or is metadata.
        #expect(try FileManager.default.contentsOfDirectory(atPath: outer) == ["lake"])
        for file in Support.allFiles(lake.root) {
            let parts = file.split(separator: "/")
            #expect(LakeLayout.isSafeName(String(parts[0])), "\(file)")
            #expect(parts.count == 2 || (parts.count == 3 && parts[1].hasPrefix("dt=")), "\(file)")
        }
        // ".." twice → "d__"; an empty name → "items".
        #expect(try lake.catalog.datasets().sorted() == ["a_b", "d__", "items", LakeLayout.sanitize(String(repeating: "L", count: 300))].sorted())
    }

    @Test func layoutAndFileNames() throws {
        let lake = try Support.lake()
        let result = lake.ingest([
            Records.user(user: 1, seq: 1),
            Records.task(task: 1, seq: 2),
            Records.task(task: 2, seq: 3, time: Records.day2),
            Records.task(task: 3, seq: 4),
            Records.record(.insert, seq: 5, keys: ["PK": .s("ORG#1"), "SK": .s("META")], new: ["PK": .s("ORG#1"), "SK": .s("META"), "n": .n("1")]),
        ])
        #expect(result.failures.isEmpty)
        #expect(result.failedItemIdentifiers.isEmpty)
        #expect(try lake.catalog.datasets() == ["items", "tasks", "users"])
        let files = Support.allFiles(lake.root).filter { $0.hasSuffix(".parquet") }
        #expect(files == [
            "items/dt=2024-05-01/part-\(Records.seq(5))-\(Records.seq(5)).parquet",
            "tasks/dt=2024-05-01/part-\(Records.seq(2))-\(Records.seq(4)).parquet",
            "tasks/dt=2024-05-02/part-\(Records.seq(3))-\(Records.seq(3)).parquet",
            "users/dt=2024-05-01/part-\(Records.seq(1))-\(Records.seq(1)).parquet",
        ])
        for d in ["items", "tasks", "users"] {
            #expect(FileManager.default.fileExists(atPath: "\(lake.root)/\(d)/_schema.json"))
            #expect(FileManager.default.fileExists(atPath: "\(lake.root)/\(d)/_manifest.json"))
        }
        let tasks = try lake.catalog.files(dataset: "tasks")
        #expect(tasks.map(\.dt) == ["2024-05-01", "2024-05-02"])
        #expect(tasks.map(\.rows) == [2, 1])
        #expect(tasks[0].partition == ["dt": "2024-05-01"])
        #expect(try lake.catalog.files(dataset: "tasks", dtRange: "2024-05-02"..."2024-05-31").count == 1)
        #expect(try lake.catalog.schema(dataset: "tasks")?.keys == ["PK", "SK"])
        #expect(try lake.catalog.schema(dataset: "items")?.keys == ["PK", "SK"])  // from the record's Keys
        #expect(throws: LakeError.self) { try lake.catalog.files(dataset: "../x") }
        // Snappy by default.
        let reader = try ParquetReader(path: lake.catalog.path(dataset: "tasks", file: tasks[0]))
        #expect(reader.metadata.rowGroups[0].columns[0].metaData?.codec == .snappy)
    }
}
