import Parquet

/// The values of one column (or expression result) for a batch of rows.
///
/// Typed arrays keep evaluation free of per-cell boxing; `.constant` stands for a literal repeated `count` times.
enum Vector: Sendable {
    case string([String?])
    case int64([Int64?])
    case double([Double?])
    case decimal([Int128?], scale: Int)
    case boolean([Bool?])
    case date([Int32?])
    case timestamp([Int64?])
    case binary([[UInt8]?])
    case constant(QueryValue, count: Int)
    /// Strings as dictionary codes (only in scanned batches; see `DictionaryVector`).
    case dictionary(DictionaryVector)

    /// Values read from Parquet, as `type` (the dataset's widened type for the column).
    init(_ values: ColumnValues, as type: QueryType) {
        switch values {
        case .string(let v): self = .string(v)
        case .int64(let v): self = .int64(v)
        case .double(let v): self = .double(v)
        case .boolean(let v): self = .boolean(v)
        case .timestampMicros(let v): self = .timestamp(v)
        case .date(let v): self = .date(v)
        case .binary(let v): self = .binary(v)
        case .decimal(let v): self = .decimal(v, scale: type.scale)
        }
    }

    var count: Int {
        switch self {
        case .string(let v): v.count
        case .int64(let v): v.count
        case .double(let v): v.count
        case .decimal(let v, _): v.count
        case .boolean(let v): v.count
        case .date(let v): v.count
        case .timestamp(let v): v.count
        case .binary(let v): v.count
        case .constant(_, let n): n
        case .dictionary(let d): d.count
        }
    }

    /// One cell, boxed (for result rows and the generic slow paths).
    subscript(row: Int) -> QueryValue {
        switch self {
        case .string(let v): v[row].map(QueryValue.string) ?? .null
        case .int64(let v): v[row].map(QueryValue.int64) ?? .null
        case .double(let v): v[row].map(QueryValue.double) ?? .null
        case .decimal(let v, let s): v[row].map { .decimal($0, scale: s) } ?? .null
        case .boolean(let v): v[row].map(QueryValue.boolean) ?? .null
        case .date(let v): v[row].map(QueryValue.date) ?? .null
        case .timestamp(let v): v[row].map(QueryValue.timestamp) ?? .null
        case .binary(let v): v[row].map(QueryValue.binary) ?? .null
        case .constant(let c, _): c
        case .dictionary(let d): d[row].map(QueryValue.string) ?? .null
        }
    }

    /// Whether the cell at `row` is null.
    func isNull(_ row: Int) -> Bool {
        switch self {
        case .string(let v): v[row] == nil
        case .int64(let v): v[row] == nil
        case .double(let v): v[row] == nil
        case .decimal(let v, _): v[row] == nil
        case .boolean(let v): v[row] == nil
        case .date(let v): v[row] == nil
        case .timestamp(let v): v[row] == nil
        case .binary(let v): v[row] == nil
        case .constant(let c, _): c.isNull
        case .dictionary(let d): d.codes[row] == d.nullCode
        }
    }

    /// The rows at `indices`, in that order.
    func gather(_ indices: [Int]) -> Vector {
        switch self {
        case .string(let v): .string(indices.map { v[$0] })
        case .int64(let v): .int64(indices.map { v[$0] })
        case .double(let v): .double(indices.map { v[$0] })
        case .decimal(let v, let s): .decimal(indices.map { v[$0] }, scale: s)
        case .boolean(let v): .boolean(indices.map { v[$0] })
        case .date(let v): .date(indices.map { v[$0] })
        case .timestamp(let v): .timestamp(indices.map { v[$0] })
        case .binary(let v): .binary(indices.map { v[$0] })
        case .constant(let c, _): .constant(c, count: indices.count)
        case .dictionary(let d): .dictionary(d.gather(indices))
        }
    }

    /// Boxed values (slow path), then rebuilt as a typed vector of `type`.
    static func build(_ values: [QueryValue], type: QueryType) -> Vector {
        switch type {
        case .string: return .string(values.map { if case .string(let s) = $0 { s } else { nil } })
        case .int64: return .int64(values.map { if case .int64(let s) = $0 { s } else { nil } })
        case .double: return .double(values.map { if case .double(let s) = $0 { s } else { nil } })
        case .decimal(_, let scale):
            return .decimal(values.map { if case .decimal(let s, let sc) = $0 { Decimal128.rescale(s, from: sc, to: scale) } else { nil } }, scale: scale)
        case .boolean: return .boolean(values.map { if case .boolean(let s) = $0 { s } else { nil } })
        case .date: return .date(values.map { if case .date(let s) = $0 { s } else { nil } })
        case .timestamp: return .timestamp(values.map { if case .timestamp(let s) = $0 { s } else { nil } })
        case .binary: return .binary(values.map { if case .binary(let s) = $0 { s } else { nil } })
        case .null: return .constant(.null, count: values.count)
        }
    }

    /// All cells boxed.
    var values: [QueryValue] { (0..<count).map { self[$0] } }

    /// Dictionary codes expanded to strings; other vectors unchanged.
    var materialized: Vector {
        if case .dictionary(let d) = self { return .string(d.strings) }
        return self
    }

    /// Concatenation of vectors of one type (a typed fast path when kinds agree).
    static func concat(_ input: [Vector], type: QueryType) -> Vector {
        let parts = input.map(\.materialized)
        if parts.count == 1 { return parts[0] }
        func all<T>(_ pick: (Vector) -> [T?]?) -> [T?]? {
            var out: [T?] = []
            for p in parts { guard let a = pick(p) else { return nil }; out += a }
            return out
        }
        switch type {
        case .string: if let a = all({ if case .string(let v) = $0 { v } else { nil } }) { return .string(a) }
        case .int64: if let a = all({ if case .int64(let v) = $0 { v } else { nil } }) { return .int64(a) }
        case .double: if let a = all({ if case .double(let v) = $0 { v } else { nil } }) { return .double(a) }
        case .decimal(_, let s):
            if let a = all({ if case .decimal(let v, let vs) = $0, vs == s { v } else { nil } }) { return .decimal(a, scale: s) }
        default: break
        }
        return build(parts.flatMap(\.values), type: type)
    }
}

/// One operand of an element-wise operation: an array or a repeated scalar.
enum Lane<T> {
    case array([T?])
    case scalar(T?)

    @inline(__always) subscript(i: Int) -> T? {
        switch self {
        case .array(let a): a[i]
        case .scalar(let s): s
        }
    }
}

extension Vector {
    var int64Lane: Lane<Int64> {
        switch self {
        case .int64(let v), .timestamp(let v): .array(v)
        case .constant(.int64(let c), _), .constant(.timestamp(let c), _): .scalar(c)
        default: .scalar(nil)
        }
    }

    var doubleLane: Lane<Double> {
        switch self {
        case .double(let v): .array(v)
        case .int64(let v): .array(v.map { $0.map(Double.init) })
        case .decimal(let v, let s): .array(v.map { $0.map { Double($0) / Decimal128.pow10Double(s) } })
        case .constant(let c, _): .scalar(c.doubleValue)
        default: .scalar(nil)
        }
    }

    /// Unscaled values at `scale` (ints and decimals of other scales are rescaled).
    func decimalLane(scale: Int) -> Lane<Int128> {
        switch self {
        case .decimal(let v, let s): s == scale ? .array(v) : .array(v.map { $0.map { Decimal128.rescale($0, from: s, to: scale) } })
        case .int64(let v): .array(v.map { $0.map { Int128($0) * Decimal128.pow10(scale) } })
        case .constant(.decimal(let c, let s), _): .scalar(Decimal128.rescale(c, from: s, to: scale))
        case .constant(.int64(let c), _): .scalar(Int128(c) * Decimal128.pow10(scale))
        default: .scalar(nil)
        }
    }

    var stringLane: Lane<String> {
        switch self {
        case .string(let v): .array(v)
        case .dictionary(let d): .array(d.strings)
        case .constant(.string(let c), _): .scalar(c)
        default: .scalar(nil)
        }
    }

    var boolLane: Lane<Bool> {
        switch self {
        case .boolean(let v): .array(v)
        case .constant(.boolean(let c), _): .scalar(c)
        default: .scalar(nil)
        }
    }

    var dateLane: Lane<Int32> {
        switch self {
        case .date(let v): .array(v)
        case .constant(.date(let c), _): .scalar(c)
        default: .scalar(nil)
        }
    }

    var binaryLane: Lane<[UInt8]> {
        switch self {
        case .binary(let v): .array(v)
        case .constant(.binary(let c), _): .scalar(c)
        default: .scalar(nil)
        }
    }
}

/// `f` applied element-wise with null propagation.
@inline(__always)
func map2<A, B, R>(_ a: Lane<A>, _ b: Lane<B>, _ n: Int, _ f: (A, B) -> R?) -> [R?] {
    var out = [R?](repeating: nil, count: n)
    switch (a, b) {
    case (.array(let x), .scalar(let y)):
        guard let y else { return out }
        for i in 0..<n { if let xv = x[i] { out[i] = f(xv, y) } }
    case (.scalar(let x), .array(let y)):
        guard let x else { return out }
        for i in 0..<n { if let yv = y[i] { out[i] = f(x, yv) } }
    default:
        for i in 0..<n { if let xv = a[i], let yv = b[i] { out[i] = f(xv, yv) } }
    }
    return out
}
