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
        try decode(count, bitWidth: bitWidth, from: &r, as: UInt32.self)
    }

    /// Decodes exactly `count` values into `T` (which must hold `bitWidth` bits: wider widths throw).
    @inline(__always)
    static func decode<T: FixedWidthInteger & UnsignedInteger>(
        _ count: Int, bitWidth: Int, from r: inout ByteReader, as: T.Type
    ) throws -> [T] {
        guard bitWidth <= T.bitWidth else {
            throw ParquetError.corrupt("\(r.context): RLE bit width \(bitWidth) wider than \(T.bitWidth) bits")
        }
        guard bitWidth >= 0, bitWidth <= 32 else {
            throw ParquetError.corrupt("\(r.context): RLE bit width \(bitWidth) outside 0...32")
        }
        guard count > 0 else { return [] }
        if bitWidth == 0 {
            return [T](repeating: 0, count: count)
        }
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        let valueBytes = (bitWidth + 7) / 8
        let bytes = r.bytes
        let context = r.context
        let end = r.end
        var pos = r.position
        defer { r.position = pos }
        return try [T](unsafeUninitializedCapacity: count) { out, initialized in
            var n = 0
            defer { initialized = n }
            guard let dst = out.baseAddress else { return }
            try bytes.withUnsafeBufferPointer { src in
                guard let base = src.baseAddress else { throw ParquetError.truncated("\(context): no data") }
                // `end` <= bytes.count (ByteReader clamps it); every read below is checked against it.
                while n < count {
                    var header: UInt64 = 0
                    var shift: UInt64 = 0
                    while true {
                        guard pos < end else { throw ParquetError.truncated("\(context): need 1 bytes, 0 remain") }
                        let b = base[pos]
                        pos += 1
                        guard shift < 64 else { throw ParquetError.corrupt("\(context): varint longer than 10 bytes") }
                        header |= UInt64(b & 0x7F) << shift
                        if b & 0x80 == 0 { break }
                        shift += 7
                    }
                    if header & 1 == 1 {
                        let groups = header >> 1
                        guard groups > 0, groups <= UInt64(end - pos) else {
                            guard groups > 0 else { throw ParquetError.corrupt("\(context): empty bit-packed run") }
                            throw ParquetError.truncated("\(context): bit-packed run of \(groups) groups")
                        }
                        let byteCount = Int(groups) * bitWidth
                        guard byteCount <= end - pos else {
                            throw ParquetError.truncated("\(context): need \(byteCount) bytes, \(end - pos) remain")
                        }
                        let take = min(Int(groups) * 8, count - n)
                        if bitWidth <= 8 {
                            // A group of 8 values is exactly bitWidth bytes: load them as one word
                            // (an unaligned 8-byte load when the buffer has 8 bytes there, else byte by byte).
                            var p = base + pos
                            let bufferEnd = base + src.count
                            let w = UInt64(bitWidth)
                            var k = 0
                            while k < take {
                                let word: UInt64
                                if bufferEnd - p >= 8 {
                                    word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
                                } else {
                                    var x: UInt64 = 0
                                    for b in 0..<bitWidth { x |= UInt64(p[b]) &<< UInt64(8 * b) }
                                    word = x
                                }
                                p += bitWidth
                                let o = dst + n + k
                                if take - k >= 8 {
                                    o[0] = T(truncatingIfNeeded: word & mask)
                                    o[1] = T(truncatingIfNeeded: (word &>> w) & mask)
                                    o[2] = T(truncatingIfNeeded: (word &>> (2 &* w)) & mask)
                                    o[3] = T(truncatingIfNeeded: (word &>> (3 &* w)) & mask)
                                    o[4] = T(truncatingIfNeeded: (word &>> (4 &* w)) & mask)
                                    o[5] = T(truncatingIfNeeded: (word &>> (5 &* w)) & mask)
                                    o[6] = T(truncatingIfNeeded: (word &>> (6 &* w)) & mask)
                                    o[7] = T(truncatingIfNeeded: (word &>> (7 &* w)) & mask)
                                    k += 8
                                } else {
                                    for j in 0..<(take - k) {
                                        o[j] = T(truncatingIfNeeded: (word &>> (UInt64(j) &* w)) & mask)
                                    }
                                    k = take
                                }
                            }
                        } else {
                            var acc: UInt64 = 0
                            var bits = 0
                            var p = base + pos
                            let width = UInt64(bitWidth)
                            for k in 0..<take {
                                while bits < bitWidth {
                                    acc |= UInt64(p.pointee) << UInt64(bits)
                                    p += 1
                                    bits += 8
                                }
                                dst[n + k] = T(truncatingIfNeeded: acc & mask)
                                acc >>= width
                                bits -= bitWidth
                            }
                        }
                        n += take
                        pos += byteCount
                    } else {
                        let run = header >> 1
                        guard run > 0 else { throw ParquetError.corrupt("\(context): empty RLE run") }
                        guard valueBytes <= end - pos else {
                            throw ParquetError.truncated("\(context): need 1 bytes, \(end - pos) remain")
                        }
                        var value: UInt32 = 0
                        for k in 0..<valueBytes {
                            value |= UInt32(base[pos + k]) << (8 * UInt32(k))
                        }
                        pos += valueBytes
                        guard UInt64(value) <= mask else {
                            throw ParquetError.corrupt("\(context): RLE value \(value) wider than \(bitWidth) bits")
                        }
                        let take = Int(min(run, UInt64(count - n)))
                        (dst + n).initialize(repeating: T(truncatingIfNeeded: value), count: take)
                        n += take
                    }
                }
            }
        }
    }
}
