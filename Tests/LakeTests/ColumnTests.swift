import DynamoModel
import Foundation
import Parquet
import Testing

@testable import Lake

@Suite struct ColumnTests {
    @Test func numberMapping() {
        #expect(Values.inferType(.n("42"), decimalScale: 9) == .int64)
        #expect(Values.inferType(.n("-9223372036854775808"), decimalScale: 9) == .int64)
        #expect(Values.inferType(.n("9223372036854775808"), decimalScale: 9) == .decimal(scale: 9))  // Int64.max + 1
        #expect(Values.inferType(.n("1.5E2"), decimalScale: 9) == .int64)
        #expect(Values.inferType(.n("0.1"), decimalScale: 9) == .decimal(scale: 9))
        #expect(Values.inferType(.n("1E+100"), decimalScale: 9) == nil)
        #expect(Values.inferType(.n("0.0000000001"), decimalScale: 9) == nil)  // 10 fraction digits
        #expect(Values.int64("12") == 12)
        #expect(Values.int64("-12") == -12)
        #expect(Values.int64("1.5") == nil)
        #expect(Values.int64("12.000") == 12)
        #expect(Values.decimal("1.5", scale: 9) == 1_500_000_000)
        #expect(Values.decimal("-0.000000001", scale: 9) == -1)
        #expect(Values.decimal("1.10000000000", scale: 9) == 1_100_000_000)  // trailing zeros are not digits lost
        #expect(Values.decimal("1.0000000001", scale: 9) == nil)
        #expect(Values.decimal("99999999999999999999999999999.999999999", scale: 9) != nil)  // 29 + 9 digits
        #expect(Values.decimal("100000000000000000000000000000", scale: 9) == nil)  // 30 integer digits
        #expect(Values.decimal("1.5E3", scale: 9) == 1_500_000_000_000)
        #expect(Values.decimal("abc", scale: 9) == nil)
        #expect(Values.decimalText(1_500_000_000, scale: 9) == "1.5")
        #expect(Values.decimalText(-1, scale: 9) == "-0.000000001")
    }

    static let everyType: Item = [
        "PK": .s("USER#1"), "SK": .s("TASK#1"),
        "title": .s("héllo \"quoted\"\n"), "count": .n("7"), "price": .n("19.99"), "huge": .n("1E+100"),
        "flag": .bool(true), "blob": .b([0, 1, 255]), "tags": .ss(["b", "a"]), "nums": .ns(["1", "2.50"]),
        "blobs": .bs([[1], [2]]), "meta": .m(["z": .n("1"), "a": .l([.s("x"), .null, .bool(false)])]),
        "list": .l([.n("1"), .s("two")]), "gone": .null,
    ]

    @Test func typedColumns() throws {
        let lake = try Support.lake()
        let result = lake.ingest([Records.record(.insert, seq: 1, time: Records.day1 + 0.25, keys: Records.taskKeys(user: 1, task: 1), new: Self.everyType)])
        #expect(result.rowsWritten == 1)
        let schema = try #require(try lake.catalog.schema(dataset: "tasks"))
        let types = Dictionary(uniqueKeysWithValues: schema.columns.map { ($0.name, $0.type) })
        #expect(schema.columns.prefix(6).map(\.name) == ["_op", "_seq", "_ts", "_shard", "PK", "SK"])
        #expect(schema.columns.last?.name == "_extra")
        #expect(types["title"] == .string && types["count"] == .int64 && types["price"] == .decimal(scale: 9))
        #expect(types["flag"] == .boolean && types["blob"] == .binary)
        #expect(types["tags"] == .json && types["nums"] == .json && types["blobs"] == .json && types["meta"] == .json && types["list"] == .json)
        #expect(types["huge"] == nil && types["gone"] == nil)  // no column: values go to _extra

        let file = try #require(try lake.catalog.files(dataset: "tasks").first)
        let reader = try ParquetReader(path: lake.catalog.path(dataset: "tasks", file: file))
        let parquetTypes = Dictionary(uniqueKeysWithValues: reader.columns.map { ($0.name, $0.type) })
        #expect(parquetTypes["_seq"] == .decimal(precision: 38, scale: 0))
        #expect(parquetTypes["_ts"] == .timestampMicrosUTC)
        #expect(parquetTypes["price"] == .decimal(precision: 38, scale: 9))
        let row = try #require(try Support.rows(lake, "tasks").first)
        #expect(row["_op"] == .string("INSERT"))
        #expect(row["_seq"] == .decimal(Records.seqValue(1)))
        #expect(row["_ts"] == .timestampMicros(1_714_564_800_250_000))
        #expect(row["_shard"] == .string(Records.arn))
        #expect(row["title"] == .string("héllo \"quoted\"\n"))
        #expect(row["count"] == .int64(7))
        #expect(row["price"] == .decimal(19_990_000_000))
        #expect(row["flag"] == .boolean(true))
        #expect(row["blob"] == .binary([0, 1, 255]))
        #expect(row["tags"] == .string(#"["b","a"]"#))
        #expect(row["nums"] == .string(#"[1,2.5]"#))
        #expect(row["blobs"] == .string(#"["AQ==","Ag=="]"#))
        #expect(row["meta"] == .string(#"{"a":["x",null,false],"z":1}"#))
        #expect(row["list"] == .string(#"[1,"two"]"#))
        #expect(row["_extra"] == .string(#"{"gone":{"NULL":true},"huge":{"N":"1E+100"}}"#))
    }

    @Test func extraTakesUnknownConflictingAndReservedAttributes() throws {
        let lake = try Support.lake()
        let keys = Records.taskKeys(user: 1, task: 1)
        var first = keys
        first["n"] = .n("1")
        first["s"] = .s("text")
        first["dt"] = .s("../../evil")
        first["_op"] = .s("forged")
        first["Title"] = .s("upper")
        var second = keys
        second["n"] = .n("1.5")  // int64 column: a fraction does not fit
        second["s"] = .n("3")  // string column: a number does not fit
        second["title"] = .s("lower")  // differs from "Title" only by case
        second["new"] = .s("fresh")
        second["Title"] = .null  // null in an existing column
        let result = lake.ingest([
            Records.record(.insert, seq: 1, keys: keys, new: first),
            Records.record(.modify, seq: 2, keys: keys, new: second),
        ])
        #expect(result.rowsWritten == 2)
        let schema = try #require(try lake.catalog.schema(dataset: "tasks"))
        #expect(schema.columns.map(\.name) == ["_op", "_seq", "_ts", "_shard", "PK", "SK", "Title", "n", "s", "new", "_extra"])
        #expect(schema.column("n")?.type == .int64 && schema.column("s")?.type == .string)
        #expect(schema.column("new")?.firstSeenSeq == Records.seq(2))
        let rows = try Support.rows(lake, "tasks")
        #expect(rows[0]["_op"] == .string("INSERT"))
        #expect(rows[0]["_extra"] == .string(#"{"_op":{"S":"forged"},"dt":{"S":"../../evil"}}"#))
        #expect(rows[1]["n"] == .some(nil) && rows[1]["s"] == .some(nil) && rows[1]["Title"] == .some(nil))
        #expect(rows[1]["_extra"] == .string(#"{"n":{"N":"1.5"},"s":{"N":"3"},"title":{"S":"lower"}}"#))
        #expect(rows[0]["n"] == .int64(1))
        // The partition comes from the change time only.
        #expect(try lake.catalog.files(dataset: "tasks").map(\.dt) == ["2024-05-01"])
    }

    @Test func fixedColumnTypes() throws {
        var options = LakeOptions()
        options.mapping.rules[1].columnTypes = ["amount": .decimal(scale: 2), "ratio": .double]
        let lake = try Support.lake(options)
        let keys = Records.taskKeys(user: 1, task: 1)
        var item = keys
        item["amount"] = .n("10")
        item["ratio"] = .n("0.1")
        var item2 = keys
        item2["amount"] = .n("10.005")  // three fraction digits: _extra
        item2["ratio"] = .n("3")
        _ = lake.ingest([
            Records.record(.insert, seq: 1, keys: keys, new: item), Records.record(.modify, seq: 2, keys: keys, new: item2),
        ])
        let rows = try Support.rows(lake, "tasks")
        #expect(rows[0]["amount"] == .decimal(1000))
        #expect(rows[0]["ratio"] == .double(0.1))
        #expect(rows[1]["amount"] == .some(nil))
        #expect(rows[1]["ratio"] == .double(3))
        #expect(rows[1]["_extra"] == .string(#"{"amount":{"N":"10.005"}}"#))
    }

    @Test func schemaEvolvesInNewFilesOnly() throws {
        let lake = try Support.lake()
        _ = lake.ingest([Records.task(task: 1, seq: 1), Records.task(task: 2, seq: 2)])
        _ = lake.ingest([Records.task(task: 3, seq: 3, extra: ["priority": .n("5"), "estimate": .s("big")])])
        let files = try lake.catalog.files(dataset: "tasks")
        #expect(files.count == 2)
        let first = try ParquetReader(path: lake.catalog.path(dataset: "tasks", file: files[0]))
        let second = try ParquetReader(path: lake.catalog.path(dataset: "tasks", file: files[1]))
        #expect(first.columnIndex(named: "priority") == nil)
        #expect(second.columnIndex(named: "priority") != nil)
        #expect(second.columns.first { $0.name == "estimate" }?.type == .int64)  // type unchanged
        let schema = try #require(try lake.catalog.schema(dataset: "tasks"))
        #expect(schema.column("priority")?.type == .int64)
        #expect(schema.column("priority")?.firstSeenSeq == Records.seq(3))
        let last = try #require(try Support.rows(lake, "tasks").last)
        #expect(last["_extra"] == .string(#"{"estimate":{"S":"big"}}"#))
        // The schema file is JSON that reads back the same.
        let text = try String(contentsOfFile: lake.root + "/tasks/_schema.json", encoding: .utf8)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(parsed?["keys"] as? [String] == ["PK", "SK"])
    }
}
