import DynamoModel
import Foundation
import Parquet
import TestSupport
import Testing

@testable import Lake

/// Helpers shared by the lake tests.
enum Support {
    static func lake(_ options: LakeOptions = .init()) throws -> LakeStore {
        LakeStore(root: try temporaryFolder("sluice-lake") + "/lake", options: options)
    }

    /// Every file under `folder`, relative paths.
    static func allFiles(_ folder: String) -> [String] {
        let e = FileManager.default.enumerator(atPath: folder)
        var out: [String] = []
        while let p = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + p, isDirectory: &isDir), !isDir.boolValue { out.append(p) }
        }
        return out.sorted()
    }

    /// All rows of a file as name → value.
    static func rows(_ path: String) throws -> [[String: ParquetValue?]] {
        try rows(reader: ParquetReader(path: path))
    }

    static func rows(reader: ParquetReader) throws -> [[String: ParquetValue?]] {
        let columns = try reader.columns.indices.map { try reader.readColumn($0) }
        return (0..<Int(reader.rowCount)).map { row in
            var out: [String: ParquetValue?] = [:]
            for (i, c) in reader.columns.enumerated() { out[c.name] = columns[i][row] }
            return out
        }
    }

    /// All rows of a dataset, through the catalog.
    static func rows(_ lake: LakeStore, _ dataset: String) throws -> [[String: ParquetValue?]] {
        try lake.catalog.files(dataset: dataset).flatMap {
            try rows(reader: lake.storage.parquet(lake.catalog.key(dataset: dataset, file: $0), size: $0.bytes))
        }
    }

    static func seqs(_ rows: [[String: ParquetValue?]]) -> [Int128] {
        rows.compactMap { if case .decimal(let d)?? = $0["_seq"] { d } else { nil } }.sorted()
    }
}

/// Stream records shaped like the sample app's items.
enum Records {
    static let arn = "arn:aws:dynamodb:us-east-1:123456789012:table/Tasks/stream/2024-01-01T00:00:00.000"
    /// 2024-05-01T12:00:00Z.
    static let day1 = 1_714_564_800.0
    static let day2 = day1 + 86_400

    /// A 21-digit sequence number ending in `n`.
    static func seq(_ n: Int) -> String {
        let s = String(n)
        return "4" + String(repeating: "0", count: 20 - s.count) + s
    }

    static func seqValue(_ n: Int) -> Int128 { Int128(seq(n))! }

    static func record(
        _ op: StreamRecord.EventName, seq n: Int, time: Double = day1, keys: Item, new: Item? = nil, old: Item? = nil,
        arn: String? = arn
    ) -> StreamRecord {
        StreamRecord(
            eventID: "e\(n)", eventName: op, awsRegion: "us-east-1",
            dynamodb: StreamRecordData(
                approximateCreationDateTime: time, keys: keys, newImage: new, oldImage: old, sequenceNumber: seq(n),
                sizeBytes: 100, streamViewType: "NEW_AND_OLD_IMAGES"),
            eventSourceARN: arn)
    }

    static func taskKeys(user: Int, task: Int) -> Item { ["PK": .s("USER#\(user)"), "SK": .s("TASK#\(task)")] }

    static func task(
        _ op: StreamRecord.EventName = .insert, user: Int = 1, task: Int, seq: Int, time: Double = day1, extra: Item = [:]
    ) -> StreamRecord {
        var item = taskKeys(user: user, task: task)
        item["title"] = .s("task \(task)")
        item["done"] = .bool(task % 2 == 0)
        item["estimate"] = .n(String(task * 10))
        for (k, v) in extra { item[k] = v }
        if op == .remove { return record(.remove, seq: seq, time: time, keys: taskKeys(user: user, task: task), old: item) }
        return record(op, seq: seq, time: time, keys: taskKeys(user: user, task: task), new: item)
    }

    static func user(_ op: StreamRecord.EventName = .insert, user: Int, seq: Int, time: Double = day1) -> StreamRecord {
        let keys: Item = ["PK": .s("USER#\(user)"), "SK": .s("PROFILE")]
        var item = keys
        item["name"] = .s("user \(user)")
        item["email"] = .s("u\(user)@example.com")
        return record(op, seq: seq, time: time, keys: keys, new: item)
    }
}
