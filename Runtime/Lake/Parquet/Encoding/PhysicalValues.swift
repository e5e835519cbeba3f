/// Non-null values of one column in their physical (storage) form.
enum PhysicalValues: Equatable, Sendable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    /// BYTE_ARRAY values.
    case bytes([[UInt8]])
    /// FIXED_LEN_BYTE_ARRAY (and INT96) values, all `width` bytes long.
    case fixed([[UInt8]], width: Int)

    /// Empty values of a physical type.
    static func empty(_ type: PhysicalType, typeLength: Int) throws -> PhysicalValues {
        switch type {
        case .boolean: return .boolean([])
        case .int32: return .int32([])
        case .int64: return .int64([])
        case .int96: return .fixed([], width: 12)
        case .float: return .float([])
        case .double: return .double([])
        case .byteArray: return .bytes([])
        case .fixedLenByteArray:
            guard typeLength > 0 else { throw ParquetError.corrupt("FIXED_LEN_BYTE_ARRAY column with type_length \(typeLength)") }
            return .fixed([], width: typeLength)
        default: throw ParquetError.unsupported("physical type \(type)")
        }
    }

    var count: Int {
        switch self {
        case .boolean(let v): v.count
        case .int32(let v): v.count
        case .int64(let v): v.count
        case .float(let v): v.count
        case .double(let v): v.count
        case .bytes(let v): v.count
        case .fixed(let v, _): v.count
        }
    }

    /// The values in `range`.
    func slice(_ range: Range<Int>) -> PhysicalValues {
        switch self {
        case .boolean(let v): .boolean(Array(v[range]))
        case .int32(let v): .int32(Array(v[range]))
        case .int64(let v): .int64(Array(v[range]))
        case .float(let v): .float(Array(v[range]))
        case .double(let v): .double(Array(v[range]))
        case .bytes(let v): .bytes(Array(v[range]))
        case .fixed(let v, let w): .fixed(Array(v[range]), width: w)
        }
    }

    /// Appends values of the same physical type.
    mutating func append(_ other: PhysicalValues) throws {
        switch (self, other) {
        case (.boolean(var a), .boolean(let b)): a += b; self = .boolean(a)
        case (.int32(var a), .int32(let b)): a += b; self = .int32(a)
        case (.int64(var a), .int64(let b)): a += b; self = .int64(a)
        case (.float(var a), .float(let b)): a += b; self = .float(a)
        case (.double(var a), .double(let b)): a += b; self = .double(a)
        case (.bytes(var a), .bytes(let b)): a += b; self = .bytes(a)
        case (.fixed(var a, let w), .fixed(let b, let w2)) where w == w2: a += b; self = .fixed(a, width: w)
        default: throw ParquetError.corrupt("page values do not match the column's physical type")
        }
    }

    /// Values picked by dictionary indices; an index outside the dictionary is an error.
    func gather(_ indices: [UInt32]) throws -> PhysicalValues {
        let n = count
        for i in indices where Int(i) >= n {
            throw ParquetError.corrupt("dictionary index \(i) outside a dictionary of \(n) values")
        }
        switch self {
        case .boolean(let v): return .boolean(indices.map { v[Int($0)] })
        case .int32(let v): return .int32(indices.map { v[Int($0)] })
        case .int64(let v): return .int64(indices.map { v[Int($0)] })
        case .float(let v): return .float(indices.map { v[Int($0)] })
        case .double(let v): return .double(indices.map { v[Int($0)] })
        case .bytes(let v): return .bytes(indices.map { v[Int($0)] })
        case .fixed(let v, let w): return .fixed(indices.map { v[Int($0)] }, width: w)
        }
    }

    /// Bytes the values take PLAIN-encoded.
    var plainSize: Int {
        switch self {
        case .boolean(let v): (v.count + 7) / 8
        case .int32(let v): v.count * 4
        case .int64(let v): v.count * 8
        case .float(let v): v.count * 4
        case .double(let v): v.count * 8
        case .bytes(let v): v.reduce(0) { $0 + 4 + $1.count }
        case .fixed(let v, let w): v.count * w
        }
    }
}
