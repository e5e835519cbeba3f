/// PLAIN encoding: little-endian numbers, bit-packed booleans, length-prefixed byte arrays.
enum Plain {
    /// Appends the PLAIN encoding of `values` to `out`.
    static func encode(_ values: PhysicalValues, into out: inout [UInt8]) {
        switch values {
        case .boolean(let v):
            var byte: UInt8 = 0
            for (i, b) in v.enumerated() {
                if b { byte |= 1 << UInt8(i & 7) }
                if i & 7 == 7 {
                    out.append(byte)
                    byte = 0
                }
            }
            if v.count & 7 != 0 { out.append(byte) }
        case .int32(let v):
            out.reserveCapacity(out.count + v.count * 4)
            for x in v { out.appendLE(x) }
        case .int64(let v):
            out.reserveCapacity(out.count + v.count * 8)
            for x in v { out.appendLE(x) }
        case .float(let v):
            for x in v { out.appendLE(x.bitPattern) }
        case .double(let v):
            out.reserveCapacity(out.count + v.count * 8)
            for x in v { out.appendLE(x.bitPattern) }
        case .bytes(let v):
            for x in v {
                out.appendLE(UInt32(x.count))
                out.append(contentsOf: x)
            }
        case .fixed(let v, _):
            for x in v { out.append(contentsOf: x) }
        }
    }

    /// Decodes `count` PLAIN values shaped like `like` from the reader.
    static func decode(_ count: Int, like: PhysicalValues, from r: inout ByteReader) throws -> PhysicalValues {
        guard count >= 0 else { throw ParquetError.corrupt("negative value count") }
        switch like {
        case .boolean:
            try r.require((count + 7) / 8)
            var out = [Bool]()
            out.reserveCapacity(count)
            for i in 0..<count {
                out.append(r.bytes[r.position + i >> 3] >> UInt8(i & 7) & 1 == 1)
            }
            r.position += (count + 7) / 8
            return .boolean(out)
        case .int32:
            try r.require(count * 4)
            var out = [Int32]()
            out.reserveCapacity(count)
            for _ in 0..<count { out.append(try r.readLE(Int32.self)) }
            return .int32(out)
        case .int64:
            try r.require(count * 8)
            var out = [Int64]()
            out.reserveCapacity(count)
            for _ in 0..<count { out.append(try r.readLE(Int64.self)) }
            return .int64(out)
        case .float:
            try r.require(count * 4)
            var out = [Float]()
            out.reserveCapacity(count)
            for _ in 0..<count { out.append(Float(bitPattern: try r.readLE(UInt32.self))) }
            return .float(out)
        case .double:
            try r.require(count * 8)
            var out = [Double]()
            out.reserveCapacity(count)
            for _ in 0..<count { out.append(Double(bitPattern: try r.readLE(UInt64.self))) }
            return .double(out)
        case .bytes:
            // Each value has at least its 4-byte length.
            try r.require(count * 4)
            var out = [[UInt8]]()
            out.reserveCapacity(count)
            for _ in 0..<count {
                let n = Int(try r.readLE(UInt32.self))
                out.append(try r.readBytes(n))
            }
            return .bytes(out)
        case .fixed(_, let w):
            guard w > 0 else { throw ParquetError.corrupt("fixed-length values of width \(w)") }
            let (total, overflow) = count.multipliedReportingOverflow(by: w)
            guard !overflow else { throw ParquetError.corrupt("value count \(count) too large") }
            try r.require(total)
            var out = [[UInt8]]()
            out.reserveCapacity(count)
            for _ in 0..<count { out.append(try r.readBytes(w)) }
            return .fixed(out, width: w)
        }
    }
}
