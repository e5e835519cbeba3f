/// Reads Thrift compact-protocol structures defensively.
///
/// Every read is bounds-checked, nesting is depth-limited, and a list or binary length
/// larger than the remaining bytes is refused before anything is allocated.
struct CompactReader {
    let bytes: [UInt8]
    private(set) var position: Int
    private let end: Int
    private var depth = 0
    /// Deepest struct/list nesting accepted (Parquet metadata needs about 6).
    static let maxDepth = 32

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.position = max(0, min(start, bytes.count))
        self.end = max(self.position, min(end ?? bytes.count, bytes.count))
    }

    var remaining: Int { end - position }

    // MARK: Structs

    /// Reads the fields of a struct up to its stop byte.
    ///
    /// `handle` receives each field id and wire type and returns `false` for fields it does
    /// not know; those are skipped.
    mutating func readStruct(
        _ handle: (inout CompactReader, _ id: Int16, _ type: CompactType) throws -> Bool
    ) throws {
        try enter()
        defer { depth -= 1 }
        var lastId: Int16 = 0
        while true {
            let header = try readByte()
            if header == 0 { return }
            guard let type = CompactType(rawValue: header & 0x0F) else {
                throw ParquetError.corrupt("unknown Thrift wire type \(header & 0x0F) at byte \(position - 1)")
            }
            let delta = header >> 4
            let id: Int16
            if delta != 0 {
                id = lastId &+ Int16(delta)
            } else {
                id = try readI16Value()
            }
            lastId = id
            if try !handle(&self, id, type) {
                try skip(type)
            }
        }
    }

    private mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth {
            depth -= 1
            throw ParquetError.corrupt("Thrift nesting deeper than \(Self.maxDepth)")
        }
    }

    // MARK: Typed field values

    private func expect(_ type: CompactType, _ wanted: CompactType, _ what: String) throws {
        guard type == wanted else {
            throw ParquetError.corrupt("Thrift field \(what) has wire type \(type), expected \(wanted)")
        }
    }

    mutating func bool(_ type: CompactType) throws -> Bool {
        switch type {
        case .boolTrue: return true
        case .boolFalse: return false
        default: throw ParquetError.corrupt("Thrift bool field has wire type \(type)")
        }
    }

    mutating func i8(_ type: CompactType) throws -> Int8 {
        try expect(type, .byte, "i8")
        return Int8(bitPattern: try readByte())
    }

    mutating func i16(_ type: CompactType) throws -> Int16 {
        try expect(type, .i16, "i16")
        return try readI16Value()
    }

    mutating func i32(_ type: CompactType) throws -> Int32 {
        try expect(type, .i32, "i32")
        return try readI32Value()
    }

    mutating func i64(_ type: CompactType) throws -> Int64 {
        try expect(type, .i64, "i64")
        return unzigzag(try readVarint())
    }

    mutating func binary(_ type: CompactType) throws -> [UInt8] {
        try expect(type, .binary, "binary")
        return try readBinaryValue()
    }

    mutating func string(_ type: CompactType) throws -> String {
        String(decoding: try binary(type), as: UTF8.self)
    }

    mutating func structure<T: ThriftDecodable>(_ type: CompactType, as: T.Type = T.self) throws -> T {
        try expect(type, .structure, "struct")
        return try T(from: &self)
    }

    /// Reads a list field whose elements are decoded by `element`.
    mutating func list<T>(
        _ type: CompactType, of elementType: CompactType,
        _ element: (inout CompactReader) throws -> T
    ) throws -> [T] {
        try expect(type, .list, "list")
        let (count, actual) = try readListHeader()
        guard actual == elementType || (count == 0) else {
            throw ParquetError.corrupt("Thrift list of \(actual), expected \(elementType)")
        }
        try enter()
        defer { depth -= 1 }
        var out: [T] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try element(&self)) }
        return out
    }

    mutating func structList<T: ThriftDecodable>(_ type: CompactType, as: T.Type = T.self) throws -> [T] {
        try list(type, of: .structure) { r in try T(from: &r) }
    }

    mutating func i32List(_ type: CompactType) throws -> [Int32] {
        try list(type, of: .i32) { r in try r.readI32Value() }
    }

    mutating func stringList(_ type: CompactType) throws -> [String] {
        try list(type, of: .binary) { r in String(decoding: try r.readBinaryValue(), as: UTF8.self) }
    }

    // MARK: Skipping

    /// Skips one value of the given wire type (used for unknown fields).
    mutating func skip(_ type: CompactType) throws {
        switch type {
        case .stop: throw ParquetError.corrupt("unexpected Thrift stop type")
        case .boolTrue, .boolFalse: return
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: try advance(8)
        case .binary:
            let n = try readLength()
            try advance(n)
        case .list, .set:
            let (count, elem) = try readListHeader()
            try enter()
            defer { depth -= 1 }
            for _ in 0..<count { try skipElement(elem) }
        case .map:
            let count = try readLength()
            if count == 0 { return }
            let kv = try readByte()
            guard let k = CompactType(rawValue: kv >> 4), let v = CompactType(rawValue: kv & 0x0F) else {
                throw ParquetError.corrupt("bad Thrift map types \(kv)")
            }
            guard count <= remaining else { throw ParquetError.truncated("Thrift map of \(count) entries in \(remaining) bytes") }
            try enter()
            defer { depth -= 1 }
            for _ in 0..<count {
                try skipElement(k)
                try skipElement(v)
            }
        case .structure:
            try readStruct { _, _, _ in false }
        }
    }

    /// Inside containers a bool is one byte, not folded into a header.
    private mutating func skipElement(_ type: CompactType) throws {
        if type == .boolTrue || type == .boolFalse { _ = try readByte() } else { try skip(type) }
    }

    // MARK: Primitives

    mutating func readByte() throws -> UInt8 {
        guard position < end else { throw ParquetError.truncated("Thrift data ends at byte \(position)") }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func advance(_ n: Int) throws {
        guard n >= 0, n <= remaining else {
            throw ParquetError.truncated("Thrift value of \(n) bytes but only \(remaining) remain")
        }
        position += n
    }

    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            guard shift < 64 else { throw ParquetError.corrupt("Thrift varint longer than 10 bytes") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    private func unzigzag(_ v: UInt64) -> Int64 {
        Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    private mutating func readI16Value() throws -> Int16 {
        let v = unzigzag(try readVarint())
        guard let r = Int16(exactly: v) else { throw ParquetError.corrupt("Thrift i16 out of range: \(v)") }
        return r
    }

    mutating func readI32Value() throws -> Int32 {
        let v = unzigzag(try readVarint())
        guard let r = Int32(exactly: v) else { throw ParquetError.corrupt("Thrift i32 out of range: \(v)") }
        return r
    }

    /// A length that must fit in the remaining bytes (a lying header cannot cause a huge allocation).
    private mutating func readLength() throws -> Int {
        let v = try readVarint()
        guard v <= UInt64(remaining) else {
            throw ParquetError.truncated("Thrift length \(v) exceeds the \(remaining) remaining bytes")
        }
        return Int(v)
    }

    mutating func readBinaryValue() throws -> [UInt8] {
        let n = try readLength()
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    private mutating func readListHeader() throws -> (Int, CompactType) {
        let header = try readByte()
        guard let type = CompactType(rawValue: header & 0x0F) else {
            throw ParquetError.corrupt("unknown Thrift list element type \(header & 0x0F)")
        }
        var count = Int(header >> 4)
        if count == 15 { count = try readLength() }
        // Every element takes at least one byte.
        guard count <= remaining else {
            throw ParquetError.truncated("Thrift list of \(count) elements in \(remaining) bytes")
        }
        return (count, type)
    }
}
