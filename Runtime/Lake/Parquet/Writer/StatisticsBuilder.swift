/// Column chunk statistics: min/max in the column's sort order, PLAIN-encoded; null_count always.
enum StatisticsBuilder {
    /// Byte-array min/max longer than this are left out (the chunk is still written).
    static let maxBinaryStatistic = 1024

    static func build(_ values: PhysicalValues, nullCount: Int, type: ColumnType) -> Statistics {
        var s = Statistics(nullCount: Int64(nullCount))
        func set(_ minMax: ([UInt8], [UInt8])?) {
            guard let (lo, hi) = minMax else { return }
            s.minValue = lo
            s.maxValue = hi
        }
        switch values {
        case .boolean(let v):
            if !v.isEmpty {
                let lo = v.contains(false) ? false : true
                let hi = v.contains(true)
                set(([lo ? 1 : 0], [hi ? 1 : 0]))
            }
        case .int32(let v):
            if let lo = v.min(), let hi = v.max() { set((le(lo), le(hi))) }
        case .int64(let v):
            if let lo = v.min(), let hi = v.max() { set((le(lo), le(hi))) }
        case .float(let v):
            let real = v.filter { !$0.isNaN }
            s.nanCount = Int64(v.count - real.count)
            if var lo = real.min(), var hi = real.max() {
                if lo == 0 { lo = -0.0 }
                if hi == 0 { hi = 0.0 }
                set((le(lo.bitPattern), le(hi.bitPattern)))
            }
        case .double(let v):
            let real = v.filter { !$0.isNaN }
            s.nanCount = Int64(v.count - real.count)
            if var lo = real.min(), var hi = real.max() {
                if lo == 0 { lo = -0.0 }
                if hi == 0 { hi = 0.0 }
                set((le(lo.bitPattern), le(hi.bitPattern)))
            }
        case .bytes(let v):
            if let lo = v.min(by: unsignedLess), let hi = v.max(by: unsignedLess),
                lo.count <= maxBinaryStatistic, hi.count <= maxBinaryStatistic
            {
                set((lo, hi))
            }
        case .fixed(let v, _):
            // Decimals compare as signed big-endian numbers: flip the sign bit, then compare bytes.
            let signed: Bool = if case .decimal = type { true } else { false }
            let less: ([UInt8], [UInt8]) -> Bool = signed ? { signedLess($0, $1) } : { unsignedLess($0, $1) }
            if let lo = v.min(by: less), let hi = v.max(by: less) { set((lo, hi)) }
        }
        return s
    }

    private static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        var out = [UInt8]()
        out.appendLE(v)
        return out
    }

    static func unsignedLess(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.lexicographicallyPrecedes(b)
    }

    static func signedLess(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard let a0 = a.first, let b0 = b.first else { return a.count < b.count }
        if a0 != b0 { return (a0 ^ 0x80) < (b0 ^ 0x80) }
        return a.lexicographicallyPrecedes(b)
    }
}
