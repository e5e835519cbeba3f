extension QueryValue {
    /// Three-way comparison of two non-null values (-1, 0, 1); numbers compare across kinds,
    /// dates against timestamps; other mixed kinds order by kind. NULL sorts after everything.
    static func order(_ a: QueryValue, _ b: QueryValue) -> Int {
        @inline(__always) func c<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return 1
        case (_, .null): return -1
        case (.string(let x), .string(let y)): return c(x, y)
        case (.int64(let x), .int64(let y)): return c(x, y)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return x.isNaN ? (y.isNaN ? 0 : 1) : -1 }   // NaN sorts last among numbers
            return c(x, y)
        case (.decimal(let x, let s1), .decimal(let y, let s2)):
            let s = max(s1, s2)
            return c(Decimal128.rescale(x, from: s1, to: s), Decimal128.rescale(y, from: s2, to: s))
        case (.int64(let x), .decimal(let y, let s)): return c(Int128(x) * Decimal128.pow10(s), y)
        case (.decimal(let x, let s), .int64(let y)): return c(x, Int128(y) * Decimal128.pow10(s))
        case (.boolean(let x), .boolean(let y)): return c(x ? 1 : 0, y ? 1 : 0)
        case (.date(let x), .date(let y)): return c(x, y)
        case (.timestamp(let x), .timestamp(let y)): return c(x, y)
        case (.date(let x), .timestamp(let y)): return c(Int64(x) * 86_400_000_000, y)
        case (.timestamp(let x), .date(let y)): return c(x, Int64(y) * 86_400_000_000)
        case (.binary(let x), .binary(let y)):
            for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
            return c(x.count, y.count)
        default:
            if let x = a.doubleValue, let y = b.doubleValue { return c(x, y) }
            return c(a.rank, b.rank)
        }
    }

    private var rank: Int {
        switch self {
        case .null: 9
        case .boolean: 0
        case .int64, .double, .decimal: 1
        case .date, .timestamp: 2
        case .string: 3
        case .binary: 4
        }
    }
}
