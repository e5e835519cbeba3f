/// Writes Thrift structures in the compact protocol (the encoding of Parquet metadata).
///
/// Only what Parquet needs: structs, field-id deltas, bool, i8/i32/i64 zigzag varints,
/// binary/string and lists.
struct CompactWriter {
    private(set) var bytes: [UInt8] = []
    private var lastFieldIds: [Int16] = []
    private var lastFieldId: Int16 = 0

    init() {}

    // MARK: Structs

    /// Starts a struct: field ids restart from zero.
    mutating func beginStruct() {
        lastFieldIds.append(lastFieldId)
        lastFieldId = 0
    }

    /// Ends a struct with a stop byte and restores the enclosing field id.
    mutating func endStruct() {
        bytes.append(CompactType.stop.rawValue)
        lastFieldId = lastFieldIds.popLast() ?? 0
    }

    private mutating func fieldHeader(_ id: Int16, _ type: CompactType) {
        let delta = Int(id) - Int(lastFieldId)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeVarint(zigzag(Int64(id)))
        }
        lastFieldId = id
    }

    // MARK: Fields

    mutating func bool(_ id: Int16, _ value: Bool) {
        fieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    mutating func i8(_ id: Int16, _ value: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    mutating func i16(_ id: Int16, _ value: Int16) {
        fieldHeader(id, .i16)
        writeVarint(zigzag(Int64(value)))
    }

    mutating func i32(_ id: Int16, _ value: Int32) {
        fieldHeader(id, .i32)
        writeVarint(zigzag(Int64(value)))
    }

    mutating func i64(_ id: Int16, _ value: Int64) {
        fieldHeader(id, .i64)
        writeVarint(zigzag(value))
    }

    mutating func binary(_ id: Int16, _ value: [UInt8]) {
        fieldHeader(id, .binary)
        writeBinaryValue(value)
    }

    mutating func string(_ id: Int16, _ value: String) {
        binary(id, Array(value.utf8))
    }

    /// Writes a struct-typed field.
    mutating func structure<T: ThriftEncodable>(_ id: Int16, _ value: T) {
        fieldHeader(id, .structure)
        value.encode(to: &self)
    }

    /// Writes an empty struct-typed field (used by unions of empty structs).
    mutating func emptyStructure(_ id: Int16) {
        fieldHeader(id, .structure)
        beginStruct()
        endStruct()
    }

    mutating func structList<T: ThriftEncodable>(_ id: Int16, _ values: [T]) {
        fieldHeader(id, .list)
        listHeader(values.count, .structure)
        for v in values { v.encode(to: &self) }
    }

    mutating func i32List(_ id: Int16, _ values: [Int32]) {
        fieldHeader(id, .list)
        listHeader(values.count, .i32)
        for v in values { writeVarint(zigzag(Int64(v))) }
    }

    mutating func stringList(_ id: Int16, _ values: [String]) {
        fieldHeader(id, .list)
        listHeader(values.count, .binary)
        for v in values { writeBinaryValue(Array(v.utf8)) }
    }

    // MARK: Raw values

    private mutating func listHeader(_ count: Int, _ type: CompactType) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | type.rawValue)
        } else {
            bytes.append(0xF0 | type.rawValue)
            writeVarint(UInt64(count))
        }
    }

    private mutating func writeBinaryValue(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private func zigzag(_ v: Int64) -> UInt64 {
        UInt64(bitPattern: (v << 1) ^ (v >> 63))
    }
}

/// A value that can be written as a Thrift compact struct.
protocol ThriftEncodable {
    /// Writes the whole struct, including its begin and stop byte.
    func encode(to writer: inout CompactWriter)
}

/// A value that can be read from a Thrift compact struct.
protocol ThriftDecodable {
    /// Reads the whole struct, including its stop byte.
    init(from reader: inout CompactReader) throws
}

/// Both directions.
typealias ThriftCodable = ThriftEncodable & ThriftDecodable

extension ThriftEncodable {
    /// The struct serialized on its own.
    func thriftBytes() -> [UInt8] {
        var w = CompactWriter()
        encode(to: &w)
        return w.bytes
    }
}
