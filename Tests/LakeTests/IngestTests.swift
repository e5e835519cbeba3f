import DynamoModel
import Foundation
import LambdaEvents
import Parquet
import Testing

@testable import Lake
@testable import LakeETL

@Suite struct IngestTests {
    @Test func sameBatchTwiceWritesNothingNew() throws {
        let lake = try Support.lake()
        let batch = (1...10).map { Records.task(task: $0, seq: $0, time: $0 % 2 == 0 ? Records.day1 : Records.day2) } + [Records.user(user: 1, seq: 11)]
        let first = lake.ingest(batch)
        let filesBefore = Support.allFiles(lake.root)
        let generation = try lake.catalog.generation(dataset: "tasks")
        let second = lake.ingest(batch)
        #expect(first.rowsWritten == 11)
        #expect(second.rowsWritten == 0 && second.duplicatesSkipped == 11 && second.failures.isEmpty)
        #expect(Support.allFiles(lake.root) == filesBefore)
        #expect(try lake.catalog.generation(dataset: "tasks") == generation)
        #expect(Support.seqs(try Support.rows(lake, "tasks")) == (1...10).map(Records.seqValue))
    }

    @Test func redeliveryWithOtherBoundariesDoesNotDuplicate() throws {
        let lake = try Support.lake()
        let all = (1...20).map { Records.task(task: $0, seq: $0) }
        _ = lake.ingest(Array(all[0..<10]))
        let again = lake.ingest(Array(all[4..<20]))  // overlaps 5…10
        #expect(again.duplicatesSkipped == 6 && again.rowsWritten == 10)
        #expect(Support.seqs(try Support.rows(lake, "tasks")) == (1...20).map(Records.seqValue))
        #expect(try lake.catalog.files(dataset: "tasks").map(\.path) == [
            "dt=2024-05-01/part-\(Records.seq(1))-\(Records.seq(10)).parquet",
            "dt=2024-05-01/part-\(Records.seq(11))-\(Records.seq(20)).parquet",
        ])
    }

    @Test func fileLeftByACrashBeforeTheCommitIsAdopted() throws {
        let lake = try Support.lake()
        let batch = (1...5).map { Records.task(task: $0, seq: $0) }
        _ = lake.ingest(batch)
        // Simulate a crash after the rename but before the manifest commit: forget the manifest.
        let file = try #require(try lake.catalog.files(dataset: "tasks").first)
        let path = lake.catalog.path(dataset: "tasks", file: file)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try FileManager.default.removeItem(atPath: lake.root + "/tasks/_manifest.json")
        let retry = lake.ingest(batch)
        #expect(retry.written.map(\.adopted) == [true])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(try Support.rows(lake, "tasks").count == 5)
    }

    /// A crash after the rename but before the commit, then a restart whose redelivered batch has other
    /// bounds: the new file holds the records, and the old one (another name) must not stay as a stray
    /// that engines listing the folders would read twice.
    @Test func fileLeftByACrashIsRemovedWhenTheRedeliveryHasOtherBounds() throws {
        let crashed = try Support.lake()
        let all = (1...8).map { Records.task(task: $0, seq: $0) }
        _ = crashed.ingest(Array(all[0..<5]))
        try FileManager.default.removeItem(atPath: crashed.root + "/tasks/_manifest.json")
        let restarted = LakeStore(root: crashed.root, options: crashed.options)  // a new process
        let retry = restarted.ingest(all)
        #expect(retry.written.map(\.adopted) == [false] && retry.rowsWritten == 8)
        let live = try restarted.catalog.files(dataset: "tasks").map { "tasks/" + $0.path }
        #expect(live == ["tasks/dt=2024-05-01/part-\(Records.seq(1))-\(Records.seq(8)).parquet"])
        #expect(Support.allFiles(restarted.root).filter { $0.hasSuffix(".parquet") } == live)
        #expect(Support.seqs(try Support.rows(restarted, "tasks")) == (1...8).map(Records.seqValue))
    }

    /// Makes the folder of one partition impossible to create (a file in its place).
    static func block(_ lake: LakeStore, _ dataset: String, _ dt: String) throws {
        try FileManager.default.createDirectory(atPath: lake.root + "/" + dataset, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: "\(lake.root)/\(dataset)/dt=\(dt)", contents: Data("x".utf8))
    }

    @Test func partialFailureReportsFromTheFirstFailedRecord() throws {
        let lake = try Support.lake()
        try Self.block(lake, "tasks", "2024-05-02")
        let handler = ETLHandler(lake: lake.root)
        // users: 1, 4, 7; tasks day 1: 2, 5; tasks day 2 (blocked): 3, 6; items: 8.
        let records = [
            Records.user(user: 1, seq: 1), Records.task(task: 1, seq: 2), Records.task(task: 2, seq: 3, time: Records.day2),
            Records.user(user: 2, seq: 4), Records.task(task: 3, seq: 5), Records.task(task: 4, seq: 6, time: Records.day2),
            Records.user(user: 3, seq: 7),
            Records.record(.insert, seq: 8, keys: ["PK": .s("X"), "SK": .s("Y")], new: ["PK": .s("X"), "SK": .s("Y")]),
        ]
        var logged: [String] = []
        let response = try handler.process(DynamoDBEvent(records: records)) { logged.append($0) }
        #expect(response.itemIdentifiers == (3...8).map(Records.seq))
        #expect(logged.count == 1 && logged[0].contains("tasks/dt=2024-05-02"))
        // The other groups were written.
        #expect(try Support.rows(lake, "users").count == 3)
        #expect(try Support.rows(lake, "tasks").count == 2)
        #expect(try Support.rows(lake, "items").count == 1)
        // Lambda redelivers from the first reported record once the problem is fixed: every row exactly once.
        try FileManager.default.removeItem(atPath: lake.root + "/tasks/dt=2024-05-02")
        let retry = try handler.process(DynamoDBEvent(records: Array(records[2...])))
        #expect(retry.itemIdentifiers.isEmpty)
        #expect(Support.seqs(try Support.rows(lake, "users")) == [1, 4, 7].map(Records.seqValue))
        #expect(Support.seqs(try Support.rows(lake, "tasks")) == [2, 3, 5, 6].map(Records.seqValue))
        #expect(Support.seqs(try Support.rows(lake, "items")) == [8].map(Records.seqValue))
        // The response is what Lambda expects.
        let json = String(decoding: try JSONEncoder().encode(response), as: UTF8.self)
        #expect(json.hasPrefix(#"{"batchItemFailures":[{"itemIdentifier":"\#(Records.seq(3))"}"#))
    }

    @Test func malformedRecordsAreReportedNotCrashedOn() throws {
        let lake = try Support.lake()
        let handler = ETLHandler(lake: lake.root)
        var noTime = Records.task(task: 2, seq: 2)
        noTime.dynamodb.approximateCreationDateTime = nil
        var badSeq = Records.task(task: 4, seq: 4)
        badSeq.dynamodb.sequenceNumber = "not-a-number"
        var empty = Records.task(task: 5, seq: 5)
        empty.dynamodb.keys = [:]
        empty.dynamodb.newImage = nil
        // A missing time: reported by its own sequence number.
        let r1 = try handler.process(DynamoDBEvent(records: [Records.task(task: 1, seq: 1), noTime, Records.task(task: 3, seq: 3)]))
        #expect(r1.itemIdentifiers == [Records.seq(2), Records.seq(3)])
        // An unusable sequence number: checkpoint before the record preceding it.
        let r2 = try handler.process(DynamoDBEvent(records: [Records.task(task: 3, seq: 3), badSeq, Records.task(task: 6, seq: 6)]))
        #expect(r2.itemIdentifiers == [Records.seq(3), Records.seq(6)])
        // No keys and no image.
        let r3 = try handler.process(DynamoDBEvent(records: [empty]))
        #expect(r3.itemIdentifiers == [Records.seq(5)])
        // Nothing to checkpoint before: the whole batch fails.
        #expect(throws: ETLHandler.UnreportableFailure.self) {
            try handler.process(DynamoDBEvent(records: [badSeq, Records.task(task: 7, seq: 7)]))
        }
        // Valid records were written once each.
        #expect(Support.seqs(try Support.rows(lake, "tasks")) == [1, 3, 6, 7].map(Records.seqValue))
    }

    @Test func eventJSONDecodesAndIngests() throws {
        let lake = try Support.lake()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../events/dynamodb-stream.json")
        let event = try JSONDecoder().decode(DynamoDBEvent.self, from: Data(contentsOf: url))
        let response = try ETLHandler(lake: lake.root).process(event)
        #expect(response.itemIdentifiers.isEmpty)
        #expect(try lake.catalog.datasets() == ["items"])
        #expect(try Support.rows(lake, "items").count == event.records.count)
    }
}
