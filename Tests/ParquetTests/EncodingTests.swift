import Testing

@testable import Parquet

@Suite struct EncodingTests {
    @Test(arguments: [1, 2, 3, 7, 8, 13, 20, 32])
    func hybridRoundTrip(bitWidth: Int) throws {
        var rng = SystemRandomNumberGenerator()
        let maxValue: UInt64 = bitWidth == 32 ? UInt64(UInt32.max) : (1 << UInt64(bitWidth)) - 1
        var values: [UInt32] = []
        for _ in 0..<60 {
            let v = UInt32(UInt64.random(in: 0...maxValue, using: &rng))
            let run = Int.random(in: 1...40, using: &rng)
            values += Array(repeating: v, count: run)
            values += (0..<Int.random(in: 0...11, using: &rng)).map { _ in UInt32(UInt64.random(in: 0...maxValue, using: &rng)) }
        }
        var out: [UInt8] = []
        RLEHybrid.encode(values, bitWidth: bitWidth, into: &out)
        var r = ByteReader(out, context: "test")
        #expect(try RLEHybrid.decode(values.count, bitWidth: bitWidth, from: &r) == values)
    }

    @Test func hybridKnownBytes() throws {
        // Eight 1s then three 0s: an RLE run and a padded bit-packed group.
        var out: [UInt8] = []
        RLEHybrid.encode([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0], bitWidth: 1, into: &out)
        #expect(out == [0x10, 0x01, 0x03, 0x00])
    }

    @Test func plainRoundTrip() throws {
        let cases: [PhysicalValues] = [
            .boolean([true, false, true, true, false, false, false, true, true]),
            .int32([0, -1, .max, .min]),
            .int64([0, -1, .max, .min]),
            .double([0, -0.0, .infinity, 1.5]),
            .bytes([[], [1, 2, 3], Array("héllo".utf8)]),
            .fixed([[1, 2], [3, 4]], width: 2),
        ]
        for c in cases {
            var out: [UInt8] = []
            Plain.encode(c, into: &out)
            #expect(out.count == c.plainSize)
            var r = ByteReader(out, context: "test")
            let empty: PhysicalValues = if case .fixed = c { .fixed([], width: 2) } else { c.slice(0..<0) }
            #expect(try Plain.decode(c.count, like: empty, from: &r) == c)
        }
    }

    @Test func decimalBytes() throws {
        for v: Int128 in [0, 1, -1, 127, -128, 128, 99_999_999_999, -99_999_999_999] {
            #expect(try DecimalBytes.decode(DecimalBytes.encode(v, width: 6)) == v)
        }
        #expect(ColumnType.decimalByteWidth(precision: 9) == 4)
        #expect(ColumnType.decimalByteWidth(precision: 18) == 8)
        #expect(ColumnType.decimalByteWidth(precision: 38) == 16)
    }
}
