import Parquet

/// The SQL type of a column or expression result.
///
/// Names follow DuckDB: `VARCHAR`, `BIGINT`, `DOUBLE`, `DECIMAL(p,s)`, `BOOLEAN`, `DATE`,
/// `TIMESTAMP WITH TIME ZONE` (UTC microseconds), `BLOB`; `.null` is the type of a bare `NULL`.
public enum QueryType: Hashable, Sendable, CustomStringConvertible {
    case string
    case int64
    case double
    case decimal(precision: Int, scale: Int)
    case boolean
    case date
    case timestamp
    case binary
    case null

    /// The query type of a Parquet column type.
    public init(_ column: ColumnType) {
        switch column {
        case .string: self = .string
        case .int64: self = .int64
        case .double: self = .double
        case .boolean: self = .boolean
        case .timestampMicrosUTC: self = .timestamp
        case .date: self = .date
        case .decimal(let p, let s): self = .decimal(precision: p, scale: s)
        case .binary: self = .binary
        }
    }

    public var description: String {
        switch self {
        case .string: "VARCHAR"
        case .int64: "BIGINT"
        case .double: "DOUBLE"
        case .decimal(let p, let s): "DECIMAL(\(p),\(s))"
        case .boolean: "BOOLEAN"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP WITH TIME ZONE"
        case .binary: "BLOB"
        case .null: "NULL"
        }
    }

    /// Whether arithmetic applies.
    public var isNumeric: Bool {
        switch self {
        case .int64, .double, .decimal, .null: true
        default: false
        }
    }

    /// The scale of a decimal (0 otherwise).
    var scale: Int {
        if case .decimal(_, let s) = self { return s }
        return 0
    }

    /// The common type two columns of different files widen to (schema union), or nil when they do not mix.
    ///
    /// Rules: equal types stay; `NULL` takes the other; BIGINT + DOUBLE → DOUBLE; BIGINT + DECIMAL(p,s) →
    /// DECIMAL(max(p, 19 + s) capped at 38, s); DECIMAL + DECIMAL → enough integer digits and the larger
    /// scale (capped at 38); DECIMAL + DOUBLE → DOUBLE; DATE + TIMESTAMP → TIMESTAMP. Anything else is a conflict.
    public static func widened(_ a: QueryType, _ b: QueryType) -> QueryType? {
        if a == b { return a }
        switch (a, b) {
        case (.null, let x), (let x, .null): return x
        case (.int64, .double), (.double, .int64): return .double
        case (.decimal, .double), (.double, .decimal): return .double
        case (.int64, .decimal(let p, let s)), (.decimal(let p, let s), .int64):
            return .decimal(precision: min(38, max(p, 19 + s)), scale: s)
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)):
            let s = max(s1, s2)
            return .decimal(precision: min(38, max(p1 - s1, p2 - s2) + s), scale: s)
        case (.date, .timestamp), (.timestamp, .date): return .timestamp
        default: return nil
        }
    }
}
