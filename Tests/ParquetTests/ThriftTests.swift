import Testing

@testable import Parquet

@Suite struct ThriftTests {
    @Test func footerRoundTrip() throws {
        let bytes = try ParquetWriter.bytes(columns: Sample.columns, values: Sample.values(rows: 50))
        let reader = try ParquetReader(bytes: bytes)
        let again = try FileMetaData(thriftBytes: reader.metadata.serialized)
        #expect(again == reader.metadata)
        #expect(again.createdBy == "sluice version 0.1.0")
        #expect(again.columnOrders?.count == Sample.columns.count)
    }

    @Test func largeFieldDeltasAndNegativeNumbers() throws {
        var w = CompactWriter()
        w.beginStruct()
        w.i32(1, -7)
        w.i64(40, Int64.min)
        w.string(41, "x")
        w.endStruct()
        var r = CompactReader(w.bytes)
        var seen: [Int16: String] = [:]
        try r.readStruct { r, id, t in
            switch id {
            case 1: seen[id] = "\(try r.i32(t))"
            case 40: seen[id] = "\(try r.i64(t))"
            default: return false
            }
            return true
        }
        #expect(seen == [1: "-7", 40: "\(Int64.min)"])
        #expect(r.remaining == 0)
    }

    @Test func unknownFieldsAreSkipped() throws {
        // A KeyValue with extra fields of every kind before and after the known ones.
        var w = CompactWriter()
        w.beginStruct()
        w.string(1, "k")
        w.i32List(3, [1, 2, 3])
        w.structure(4, Fields { w in w.bool(1, true); w.binary(2, [1, 2]) })
        w.string(2, "v")
        w.i64(9, 99)
        w.endStruct()
        var r = CompactReader(w.bytes)
        let kv = try KeyValue(from: &r)
        #expect(kv == KeyValue(key: "k", value: "v"))
    }

    @Test func lyingLengthIsRefused() throws {
        // Field 1 (binary) claiming 2^40 bytes.
        let bytes: [UInt8] = [0x18, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x41]
        var r = CompactReader(bytes)
        #expect(throws: ParquetError.self) { try KeyValue(from: &r) }
        // A list header claiming 2^31 elements.
        let list: [UInt8] = [0x29, 0xFC, 0x80, 0x80, 0x80, 0x80, 0x08]
        var r2 = CompactReader(list)
        #expect(throws: ParquetError.self) { try r2.readStruct { _, _, _ in false } }
    }

    @Test func deepNestingIsRefused() throws {
        // 100 nested structs in field 1.
        let bytes = [UInt8](repeating: 0x1C, count: 100) + [UInt8](repeating: 0, count: 101)
        var r = CompactReader(bytes)
        #expect(throws: ParquetError.self) { try r.readStruct { _, _, _ in false } }
    }
}
