/// Conversions between query types (`CAST`, implicit coercions, schema widening).
enum Cast {
    /// `v` as `type`; throws `.runtime` when the value does not convert (like DuckDB's "Could not convert").
    static func value(_ v: QueryValue, to type: QueryType) throws(QueryError) -> QueryValue {
        if v.isNull { return .null }
        func fail() -> QueryError { .runtime("could not convert \(v) to \(type)") }
        switch type {
        case .null: return .null
        case .string: return .string(v.description)
        case .int64:
            switch v {
            case .int64: return v
            case .double(let d):
                let r = d.rounded(.toNearestOrEven)
                guard r.isFinite, r >= -9.223372036854775808e18, r < 9.223372036854775808e18 else { throw fail() }
                return .int64(Int64(r))
            case .decimal(let d, let s):
                let r = Decimal128.rescale(d, from: s, to: 0)
                guard let i = Int64(exactly: r) else { throw fail() }
                return .int64(i)
            case .boolean(let b): return .int64(b ? 1 : 0)
            case .string(let s):
                guard let i = Int64(s.trimmingSpaces) else { throw fail() }
                return .int64(i)
            default: throw fail()
            }
        case .double:
            if let d = v.doubleValue { return .double(d) }
            if case .string(let s) = v, let d = Double(s.trimmingSpaces) { return .double(d) }
            if case .boolean(let b) = v { return .double(b ? 1 : 0) }
            throw fail()
        case .decimal(let p, let s):
            let out: Int128
            switch v {
            case .int64(let i): out = Int128(i) * Decimal128.pow10(s)
            case .decimal(let d, let ds): out = Decimal128.rescale(d, from: ds, to: s)
            case .double(let d):
                let scaled = (d * Decimal128.pow10Double(s)).rounded(.toNearestOrAwayFromZero)
                guard scaled.isFinite, abs(scaled) < 1e38 else { throw fail() }
                out = Int128(scaled)
            case .string(let text):
                guard let (d, ds) = Decimal128.parse(text.trimmingSpaces) else { throw fail() }
                out = Decimal128.rescale(d, from: ds, to: s)
            default: throw fail()
            }
            guard out.magnitude < Decimal128.pow10(p).magnitude else { throw fail() }
            return .decimal(out, scale: s)
        case .boolean:
            switch v {
            case .boolean: return v
            case .int64(let i): return .boolean(i != 0)
            case .string(let s):
                switch s.trimmingSpaces.lowercased() {
                case "true", "t", "1", "yes", "y": return .boolean(true)
                case "false", "f", "0", "no", "n": return .boolean(false)
                default: throw fail()
                }
            default: throw fail()
            }
        case .date:
            switch v {
            case .date: return v
            case .timestamp(let t):
                let day: Int64 = 86_400_000_000
                return .date(Int32((t >= 0 ? t : t - day + 1) / day))
            case .string(let s):
                guard let d = CivilDate.parseDate(s.trimmingSpaces) else { throw fail() }
                return .date(d)
            default: throw fail()
            }
        case .timestamp:
            switch v {
            case .timestamp: return v
            case .date(let d): return .timestamp(Int64(d) * 86_400_000_000)
            case .string(let s):
                guard let t = CivilDate.parseTimestamp(s.trimmingSpaces) else { throw fail() }
                return .timestamp(t)
            default: throw fail()
            }
        case .binary:
            switch v {
            case .binary: return v
            case .string(let s): return .binary(Array(s.utf8))
            default: throw fail()
            }
        }
    }

    /// A whole vector as `type`, with typed fast paths for the numeric widenings the binder inserts.
    static func vector(_ v: Vector, from: QueryType, to type: QueryType) throws(QueryError) -> Vector {
        if from == type { return v }
        switch (v, type) {
        case (.int64(let a), .double): return .double(a.map { $0.map(Double.init) })
        case (.int64(let a), .decimal(let p, let s)) where p - s >= 19:
            let f = Decimal128.pow10(s)
            return .decimal(a.map { $0.map { Int128($0) * f } }, scale: s)
        case (.decimal(let a, let s1), .decimal(let p, let s2)) where s2 >= s1 && p - s2 >= from.precisionDigits - s1:
            let f = Decimal128.pow10(s2 - s1)
            return .decimal(a.map { $0.map { $0 * f } }, scale: s2)
        case (.decimal(let a, let s), .double):
            let f = Decimal128.pow10Double(s)
            return .double(a.map { $0.map { Double($0) / f } })
        case (.date(let a), .timestamp): return .timestamp(a.map { $0.map { Int64($0) * 86_400_000_000 } })
        case (.constant(let c, let n), _): return .constant(try value(c, to: type), count: n)
        default:
            var out: [QueryValue] = []
            out.reserveCapacity(v.count)
            for i in 0..<v.count { out.append(try value(v[i], to: type)) }
            return Vector.build(out, type: type)
        }
    }
}

extension QueryType {
    /// Decimal precision (19 for BIGINT, 0 otherwise).
    var precisionDigits: Int {
        switch self {
        case .decimal(let p, _): p
        case .int64: 19
        default: 0
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
