import Foundation
import TestSupport
import Testing

@testable import Parquet

/// `readDictionaryColumn` and reading files by path (pread per chunk).
@Suite struct DictionaryReadTests {
    static let columns = [
        ParquetColumn(name: "status", type: .string),
        ParquetColumn(name: "unique", type: .string),
        ParquetColumn(name: "priority", type: .int64),
    ]
    static let rows = 5_000
    static let values: [ColumnValues] = [
        .string((0..<rows).map { $0 % 7 == 0 ? nil : "state-\($0 % 5)" }),
        .string((0..<rows).map { "unique-value-\($0)-padding-padding-padding" }),
        .int64((0..<rows).map { $0 % 9 == 0 ? nil : Int64($0 % 4) }),
    ]

    static func bytes() throws -> [UInt8] {
        try ParquetWriter.bytes(columns: columns, values: values, options: ParquetWriterOptions(rowGroupRows: 2_000, dictionaryPageBytes: 16 * 1024))
    }

    @Test func dictionaryColumnsExpandToTheValues() throws {
        let reader = try ParquetReader(bytes: Self.bytes())
        #expect(reader.rowGroupCount == 3)
        for column in [0, 2] {
            var all = ColumnValues.empty(Self.columns[column].type)
            for g in 0..<reader.rowGroupCount {
                let d = try #require(try reader.readDictionaryColumn(rowGroup: g, column: column))
                #expect(d.count == Int(try reader.rowCount(rowGroup: g)))
                #expect(d.indices.allSatisfy { $0 <= d.nullIndex })
                #expect(d.validity.count { !$0 } == d.expanded().nullCount)
                try all.append(contentsOf: d.expanded())
            }
            #expect(all == Self.values[column])
        }
        // Too many distinct values: the writer fell back to PLAIN, so no dictionary read.
        #expect(try reader.readDictionaryColumn(rowGroup: 0, column: 1) == nil)
        #expect(try reader.readColumn(1) == Self.values[1])
    }

    @Test func byPathMatchesInMemory() throws {
        let folder = try temporaryFolder("sluice-parquet")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/t.parquet"
        let bytes = try Self.bytes()
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let byPath = try ParquetReader(path: path)
        let inMemory = try ParquetReader(bytes: bytes)
        #expect(byPath.metadata == inMemory.metadata)
        for c in Self.columns.indices { #expect(try byPath.readColumn(c) == Self.values[c]) }
        #expect(byPath.bytes == bytes)
    }

    @Test func truncatedFileByPathThrows() throws {
        let folder = try temporaryFolder("sluice-parquet")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes = try Self.bytes()
        for cut in [0, 11, bytes.count / 2, bytes.count - 1] {
            let path = folder + "/cut-\(cut).parquet"
            try Data(bytes[..<cut]).write(to: URL(fileURLWithPath: path))
            #expect(throws: ParquetError.self) { try ParquetReader(path: path) }
        }
    }
}
