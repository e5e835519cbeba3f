/// Scalar functions evaluated one row at a time.
enum Functions {
    static func call(_ name: String, _ args: [QueryValue]) throws(QueryError) -> QueryValue {
        switch name {
        case "coalesce": return args.first { !$0.isNull } ?? .null
        default: break
        }
        guard let first = args.first, !first.isNull else { return .null }
        switch (name, first) {
        case ("lower", .string(let s)): return .string(s.lowercased())
        case ("upper", .string(let s)): return .string(s.uppercased())
        case ("length", .string(let s)): return .int64(Int64(s.count))
        case ("abs", .int64(let v)):
            guard v != .min else { throw .runtime("BIGINT overflow in abs") }
            return .int64(abs(v))
        case ("abs", .double(let v)): return .double(abs(v))
        case ("abs", .decimal(let v, let s)): return .decimal(v < 0 ? -v : v, scale: s)
        default: throw .runtime("\(name)() does not apply to \(first)")
        }
    }
}
