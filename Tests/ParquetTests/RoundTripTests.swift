import Foundation
import TestSupport
import Testing

@testable import Parquet

@Suite struct RoundTripTests {
    static let codecs: [CompressionCodec] = [.uncompressed, .snappy, .zstd]

    @Test(arguments: codecs, [true, false])
    func everyTypeWithNulls(codec: CompressionCodec, dictionary: Bool) throws {
        let values = Sample.values(rows: 1000)
        let options = ParquetWriterOptions(codec: codec, pageBytes: 2048, dictionary: dictionary)
        let bytes = try ParquetWriter.bytes(columns: Sample.columns, values: values, options: options)
        let reader = try ParquetReader(bytes: bytes)
        #expect(reader.columns == Sample.columns)
        #expect(reader.rowCount == 1000)
        #expect(try reader.readRowGroup(0) == values)
        for chunk in reader.metadata.rowGroups[0].columns {
            #expect(chunk.metaData?.codec == codec)
        }
    }

    @Test func emptyAndAllNullColumns() throws {
        let columns = [ParquetColumn(name: "a", type: .string), ParquetColumn(name: "b", type: .int64)]
        let values: [ColumnValues] = [.string(Array(repeating: nil, count: 300)), .int64(Array(repeating: nil, count: 300))]
        let reader = try ParquetReader(bytes: ParquetWriter.bytes(columns: columns, values: values))
        #expect(try reader.readRowGroup(0) == values)
        let stats = try reader.statistics(rowGroup: 0, column: 1)
        #expect(stats?.nullCount == 300)
        #expect(stats?.min == nil)

        let none = try ParquetReader(bytes: ParquetWriter.bytes(columns: columns, values: [.string([]), .int64([])]))
        #expect(none.rowCount == 0)
        #expect(none.rowGroupCount == 0)
    }

    @Test func rowGroupsByRowsAndRowAppends() throws {
        let columns = [ParquetColumn(name: "id", type: .int64, nullable: false), ParquetColumn(name: "s", type: .string)]
        let writer = try ParquetWriter(columns: columns, options: ParquetWriterOptions(rowGroupRows: 400))
        for i in 0..<1000 {
            try writer.append(row: [.int64(Int64(i)), i % 3 == 0 ? nil : .string("v\(i)")])
        }
        try writer.append([.int64([1000, 1001]), .string(["x", nil])])
        try writer.finish()
        let reader = try ParquetReader(bytes: writer.data)
        #expect(reader.metadata.rowGroups.map(\.numRows) == [400, 400, 202])
        let ids = try reader.readColumn(0)
        #expect(ids == .int64((0..<1002).map { Int64($0) }))
        #expect(try reader.readColumn(1)[3] == nil)
        #expect(try reader.readColumn(1)[4] == .string("v4"))
        #expect(throws: ParquetError.writerClosed) { try writer.append(row: [.int64(1), nil]) }
    }

    @Test func rowGroupsByBytes() throws {
        let columns = [ParquetColumn(name: "s", type: .string, nullable: false)]
        let options = ParquetWriterOptions(rowGroupBytes: 100_000, dictionary: false)
        let values = ColumnValues.string((0..<300_000).map { "value number \($0)" })
        let reader = try ParquetReader(bytes: ParquetWriter.bytes(columns: columns, values: [values], options: options))
        #expect(reader.rowGroupCount > 50)
        #expect(reader.metadata.rowGroups.dropLast().allSatisfy { $0.totalByteSize < 200_000 })
        #expect(try reader.readColumn(0) == values)
    }

    @Test func dictionaryAndFallback() throws {
        let columns = [ParquetColumn(name: "low", type: .string), ParquetColumn(name: "high", type: .string)]
        let rows = 20_000
        let values: [ColumnValues] = [
            .string((0..<rows).map { "state-\($0 % 10)" }),
            .string((0..<rows).map { "unique-value-\($0)-padding-padding" }),
        ]
        let options = ParquetWriterOptions(dictionaryPageBytes: 64 * 1024)
        let reader = try ParquetReader(bytes: ParquetWriter.bytes(columns: columns, values: values, options: options))
        let low = try #require(reader.metadata.rowGroups[0].columns[0].metaData)
        let high = try #require(reader.metadata.rowGroups[0].columns[1].metaData)
        #expect(low.encodings.contains(.rleDictionary))
        #expect(low.dictionaryPageOffset != nil)
        #expect(!high.encodings.contains(.rleDictionary))
        #expect(high.dictionaryPageOffset == nil)
        #expect(try reader.readRowGroup(0) == values)
    }

    @Test func statistics() throws {
        let values = Sample.values(rows: 200)
        let reader = try ParquetReader(bytes: ParquetWriter.bytes(columns: Sample.columns, values: values))
        for (i, v) in values.enumerated() {
            let stats = try #require(try reader.statistics(rowGroup: 0, column: i))
            #expect(stats.nullCount == Int64(v.nullCount), "null count of \(Sample.columns[i].name)")
        }
        #expect(try reader.statistics(rowGroup: 0, column: 0)?.min == .string("key-0-ü"))
        #expect(try reader.statistics(rowGroup: 0, column: 0)?.max == .string("key-9-ü"))
        #expect(try reader.statistics(rowGroup: 0, column: 1)?.min == .int64(1_000_003 - 50_000))
        #expect(try reader.statistics(rowGroup: 0, column: 1)?.max == .int64(199 * 1_000_003 - 50_000))
        #expect(try reader.statistics(rowGroup: 0, column: 3)?.min == .boolean(false))
        #expect(try reader.statistics(rowGroup: 0, column: 6)?.min == .decimal(1 * 137 - 5_000))
        #expect(try reader.statistics(rowGroup: 0, column: 8)?.min == .decimal(-49 * 1_000_000_000_000_000_000_000 + 7))
        #expect(try reader.statistics(rowGroup: 0, column: 8)?.max == .decimal(149 * 1_000_000_000_000_000_000_000 + 7))
    }

    @Test func doubleStatisticsSkipNaN() throws {
        let columns = [ParquetColumn(name: "x", type: .double)]
        let values: [ColumnValues] = [.double([.nan, 2, -0.0, nil, 5])]
        let reader = try ParquetReader(bytes: ParquetWriter.bytes(columns: columns, values: values))
        let stats = try #require(try reader.statistics(rowGroup: 0, column: 0))
        #expect(stats.min == .double(-0.0))
        #expect(stats.max == .double(5))
        #expect(stats.nanCount == 1)
        guard case .double(let back) = try reader.readColumn(0) else { Issue.record("not doubles"); return }
        #expect(back[0]!.isNaN)
        #expect(back[2]!.sign == .minus)
    }

    @Test func fileIsPublishedAtomically() throws {
        let folder = try temporaryFolder("sluice-parquet")
        let path = folder + "/part-0.parquet"
        let writer = try ParquetWriter(
            path: path, columns: Sample.columns,
            options: ParquetWriterOptions(keyValueMetadata: [KeyValue(key: "sluice.seq", value: "1-99")]))
        try writer.append(Sample.values(rows: 10))
        #expect(!FileManager.default.fileExists(atPath: path))
        try writer.finish()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["part-0.parquet"])
        let reader = try ParquetReader(path: path)
        #expect(reader.keyValueMetadata["sluice.seq"] == "1-99")
        #expect(try reader.readRowGroup(0) == Sample.values(rows: 10))

        let aborted = try ParquetWriter(path: folder + "/gone.parquet", columns: Sample.columns)
        aborted.abort()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["part-0.parquet"])
    }

    @Test func badInputIsRejected() throws {
        #expect(throws: ParquetError.self) {
            try ParquetWriter(columns: [ParquetColumn(name: "a", type: .int64), ParquetColumn(name: "a", type: .string)])
        }
        #expect(throws: ParquetError.self) { try ParquetWriter(columns: [ParquetColumn(name: "d", type: .decimal(precision: 40, scale: 0))]) }
        let w = try ParquetWriter(columns: [ParquetColumn(name: "a", type: .int64, nullable: false)])
        #expect(throws: ParquetError.self) { try w.append([.int64([1, nil])]) }
        #expect(throws: ParquetError.self) { try w.append([.string(["x"])]) }
        let d = try ParquetWriter(columns: [ParquetColumn(name: "d", type: .decimal(precision: 3, scale: 0))])
        #expect(throws: ParquetError.self) { try d.append([.decimal([1000])]) }
    }
}
