import Testing

@testable import Parquet

/// Corrupt and truncated files must throw `ParquetError`, never trap.
@Suite struct CorruptionTests {
    /// A small deterministic generator so failures can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func files() throws -> [[UInt8]] {
        let values = Sample.values(rows: 300)
        return try [
            ParquetWriter.bytes(columns: Sample.columns, values: values, options: .init(codec: .snappy, pageBytes: 512)),
            ParquetWriter.bytes(columns: Sample.columns, values: values, options: .init(codec: .zstd, rowGroupRows: 120)),
            ParquetWriter.bytes(columns: Sample.columns, values: values, options: .init(codec: .uncompressed, dictionary: false)),
        ]
    }

    /// Opens and reads everything; returns whether it threw a `ParquetError`.
    @discardableResult
    static func readAll(_ bytes: [UInt8]) -> Bool {
        do {
            let reader = try ParquetReader(bytes: bytes)
            for g in 0..<reader.rowGroupCount {
                for c in reader.columns.indices {
                    _ = try reader.readColumn(rowGroup: g, column: c)
                    _ = try reader.statistics(rowGroup: g, column: c)
                }
            }
            return false
        } catch is ParquetError {
            return true
        } catch {
            Issue.record("unexpected error type: \(error)")
            return true
        }
    }

    @Test func randomByteFlips() throws {
        var rng = SplitMix(state: 42)
        var threw = 0
        let files = try Self.files()
        for round in 0..<400 {
            var bytes = files[round % files.count]
            // Half the rounds aim at the footer, where one flip changes the most.
            let footerLength = Int(bytes[bytes.count - 8]) | Int(bytes[bytes.count - 7]) << 8
            let low = round % 2 == 0 ? 0 : bytes.count - 8 - footerLength
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: low..<bytes.count, using: &rng)
                bytes[i] ^= UInt8.random(in: 1...255, using: &rng)
            }
            if Self.readAll(bytes) { threw += 1 }
        }
        // Most corruptions are detected; the rest decode to other values without trapping.
        #expect(threw > 100)
    }

    @Test func truncatedFiles() throws {
        var rng = SplitMix(state: 7)
        for file in try Self.files() {
            for _ in 0..<60 {
                let cut = Int.random(in: 0..<file.count, using: &rng)
                #expect(Self.readAll(Array(file[..<cut])), "a file cut at \(cut) of \(file.count) must throw")
            }
            // Footer cut off but the magic put back.
            var noFooter = Array(file[..<(file.count / 2)])
            noFooter += Array(file[(file.count - 8)...])
            #expect(Self.readAll(noFooter))
        }
    }

    @Test func lyingLengths() throws {
        let file = try Self.files()[0]
        for length: UInt32 in [0, 1, 7, UInt32(file.count - 12), UInt32(file.count - 11), UInt32(file.count), .max / 2, .max] {
            var bytes = file
            bytes.replaceSubrange((file.count - 8)..<(file.count - 4), with: withUnsafeBytes(of: length.littleEndian, Array.init))
            #expect(Self.readAll(bytes), "footer length \(length)")
        }
        // A column chunk claiming to run past the footer, and a page claiming a huge size.
        let reader = try ParquetReader(bytes: file)
        var meta = reader.metadata
        meta.rowGroups[0].columns[0].metaData?.totalCompressedSize = Int64(file.count)
        #expect(Self.readAll(Self.replaceFooter(file, meta)))
        meta = reader.metadata
        meta.rowGroups[0].columns[1].metaData?.numValues = Int64(Int32.max) * 4
        meta.rowGroups[0].numRows = Int64(Int32.max) * 4
        #expect(Self.readAll(Self.replaceFooter(file, meta)))
        meta = reader.metadata
        meta.rowGroups[0].columns[2].metaData?.dataPageOffset = -5
        meta.rowGroups[0].columns[2].metaData?.dictionaryPageOffset = nil
        #expect(Self.readAll(Self.replaceFooter(file, meta)))
    }

    @Test func notParquet() {
        #expect(throws: ParquetError.self) { try ParquetReader(bytes: []) }
        #expect(throws: ParquetError.self) { try ParquetReader(bytes: Array("PAR1PAR1PAR1".utf8)) }
        #expect(throws: ParquetError.self) { try ParquetReader(path: "/nonexistent/file.parquet") }
    }

    static func replaceFooter(_ file: [UInt8], _ meta: FileMetaData) -> [UInt8] {
        let oldLength = Int(file[file.count - 8]) | Int(file[file.count - 7]) << 8 | Int(file[file.count - 6]) << 16
        var out = Array(file[..<(file.count - 8 - oldLength)])
        let footer = meta.serialized
        out += footer
        out.appendLE(UInt32(footer.count))
        out += Array("PAR1".utf8)
        return out
    }
}
