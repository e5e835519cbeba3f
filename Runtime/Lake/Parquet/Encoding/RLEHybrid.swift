/// The RLE / bit-packed hybrid used for definition levels, dictionary indices and RLE booleans.
enum RLEHybrid {
    /// Bits needed to store values up to `maxValue`.
    static func bitWidth(forMax maxValue: Int) -> Int {
        maxValue <= 0 ? 0 : Int.bitWidth - maxValue.leadingZeroBitCount
    }

    /// Largest bit-packed run we emit (63 groups of 8, like common writers).
    private static let maxPackedValues = 504

    /// Encodes `values` (each < 2^bitWidth) without any length prefix.
    static func encode(_ values: [UInt32], bitWidth: Int, into out: inout [UInt8]) {
        var literals: [UInt32] = []
        var i = 0
        let n = values.count
        while i < n {
            let v = values[i]
            var j = i + 1
            while j < n && values[j] == v { j += 1 }
            var run = j - i
            if run >= 8 {
                if !literals.isEmpty {
                    // Pad the literal run to a whole group with values of this run.
                    let pad = (8 - literals.count % 8) % 8
                    literals.append(contentsOf: repeatElement(v, count: pad))
                    run -= pad
                    flushLiterals(&literals, bitWidth: bitWidth, into: &out)
                }
                if run >= 8 {
                    writeRLERun(value: v, count: run, bitWidth: bitWidth, into: &out)
                } else {
                    literals.append(contentsOf: repeatElement(v, count: run))
                }
            } else {
                literals.append(contentsOf: values[i..<j])
            }
            i = j
        }
        flushLiterals(&literals, bitWidth: bitWidth, into: &out)
    }

    private static func writeVarint(_ value: UInt64, into out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func writeRLERun(value: UInt32, count: Int, bitWidth: Int, into out: inout [UInt8]) {
        writeVarint(UInt64(count) << 1, into: &out)
        let width = (bitWidth + 7) / 8
        for k in 0..<width { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(k)))) }
    }

    private static func flushLiterals(_ literals: inout [UInt32], bitWidth: Int, into out: inout [UInt8]) {
        var start = 0
        while start < literals.count {
            let end = min(start + maxPackedValues, literals.count)
            let groups = (end - start + 7) / 8
            writeVarint(UInt64(groups) << 1 | 1, into: &out)
            var acc: UInt64 = 0
            var bits = 0
            for k in 0..<(groups * 8) {
                let v = start + k < end ? UInt64(literals[start + k]) : 0
                acc |= v << UInt64(bits)
                bits += bitWidth
                while bits >= 8 {
                    out.append(UInt8(truncatingIfNeeded: acc))
                    acc >>= 8
                    bits -= 8
                }
            }
            if bits > 0 { out.append(UInt8(truncatingIfNeeded: acc)) }
            start = end
        }
        literals.removeAll(keepingCapacity: true)
    }

    /// Decodes exactly `count` values; runs past `count` are cut, missing data throws.
    static func decode(_ count: Int, bitWidth: Int, from r: inout ByteReader) throws -> [UInt32] {
        guard bitWidth >= 0, bitWidth <= 32 else {
            throw ParquetError.corrupt("\(r.context): RLE bit width \(bitWidth) outside 0...32")
        }
        var out = [UInt32]()
        out.reserveCapacity(min(count, 1 << 20))
        if bitWidth == 0 {
            return [UInt32](repeating: 0, count: count)
        }
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        let valueBytes = (bitWidth + 7) / 8
        while out.count < count {
            let header = try r.readVarint()
            if header & 1 == 1 {
                let groups = header >> 1
                guard groups > 0, groups <= UInt64(r.remaining) else {
                    guard groups > 0 else { throw ParquetError.corrupt("\(r.context): empty bit-packed run") }
                    throw ParquetError.truncated("\(r.context): bit-packed run of \(groups) groups")
                }
                let byteCount = Int(groups) * bitWidth
                try r.require(byteCount)
                let take = min(Int(groups) * 8, count - out.count)
                var acc: UInt64 = 0
                var bits = 0
                var p = r.position
                for _ in 0..<take {
                    while bits < bitWidth {
                        acc |= UInt64(r.bytes[p]) << UInt64(bits)
                        p += 1
                        bits += 8
                    }
                    out.append(UInt32(truncatingIfNeeded: acc & mask))
                    acc >>= UInt64(bitWidth)
                    bits -= bitWidth
                }
                r.position += byteCount
            } else {
                let run = header >> 1
                guard run > 0 else { throw ParquetError.corrupt("\(r.context): empty RLE run") }
                var value: UInt32 = 0
                for k in 0..<valueBytes {
                    value |= UInt32(try r.readByte()) << (8 * UInt32(k))
                }
                guard UInt64(value) <= mask else {
                    throw ParquetError.corrupt("\(r.context): RLE value \(value) wider than \(bitWidth) bits")
                }
                let take = Int(min(run, UInt64(count - out.count)))
                out.append(contentsOf: repeatElement(value, count: take))
            }
        }
        return out
    }
}
