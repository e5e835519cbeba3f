/// How a `ColumnType` is stored: physical type, annotations and value conversion.
extension ColumnType {
    /// Bytes of a FIXED_LEN_BYTE_ARRAY that hold any unscaled decimal of `precision` digits.
    static func decimalByteWidth(precision: Int) -> Int {
        var width = 1
        // Smallest width whose signed range covers 10^precision - 1.
        var limit = Int128(1) << 7
        var maxUnscaled = Int128(1)
        for _ in 0..<precision { maxUnscaled *= 10 }
        while limit < maxUnscaled && width < 16 {
            width += 1
            limit <<= 8
        }
        return width
    }

    func validate() throws {
        if case .decimal(let p, let s) = self {
            guard (1...38).contains(p), (0...p).contains(s) else {
                throw ParquetError.invalidArgument("decimal(precision: \(p), scale: \(s)) needs 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision")
            }
        }
    }

    var physicalType: PhysicalType {
        switch self {
        case .string, .binary: .byteArray
        case .int64, .timestampMicrosUTC: .int64
        case .double: .double
        case .boolean: .boolean
        case .date: .int32
        case .decimal(let p, _): p <= 9 ? .int32 : p <= 18 ? .int64 : .fixedLenByteArray
        }
    }

    /// The leaf schema element (LogicalType and ConvertedType both set).
    func schemaElement(name: String, nullable: Bool) -> SchemaElement {
        var e = SchemaElement(name: name, type: physicalType, repetition: nullable ? .optional : .required)
        switch self {
        case .string:
            e.convertedType = .utf8
            e.logicalType = .string
        case .int64:
            e.convertedType = .int64
            e.logicalType = .integer(bitWidth: 64, isSigned: true)
        case .double, .boolean, .binary:
            break
        case .timestampMicrosUTC:
            e.convertedType = .timestampMicros
            e.logicalType = .timestamp(isAdjustedToUTC: true, unit: .micros)
        case .date:
            e.convertedType = .date
            e.logicalType = .date
        case .decimal(let p, let s):
            e.convertedType = .decimal
            e.logicalType = .decimal(scale: Int32(s), precision: Int32(p))
            e.scale = Int32(s)
            e.precision = Int32(p)
            if physicalType == .fixedLenByteArray {
                e.typeLength = Int32(Self.decimalByteWidth(precision: p))
            }
        }
        return e
    }

    /// The column type a reader gives a leaf schema element.
    ///
    /// INT32/INT64 integers widen to `.int64`, FLOAT to `.double`, TIMESTAMP of any unit to
    /// `.timestampMicrosUTC`; un-annotated byte arrays (and INT96) are `.binary`.
    init(element e: SchemaElement) throws {
        guard let type = e.type else { throw ParquetError.corrupt("leaf column '\(e.name)' has no physical type") }
        if let decimal = Self.decimalOf(e) {
            guard [.int32, .int64, .fixedLenByteArray, .byteArray].contains(type) else {
                throw ParquetError.corrupt("decimal column '\(e.name)' stored as \(type)")
            }
            self = decimal
            return
        }
        switch type {
        case .boolean: self = .boolean
        case .int32:
            self = (e.logicalType == .date || e.convertedType == .date) ? .date : .int64
        case .int64:
            if case .timestamp = e.logicalType {
                self = .timestampMicrosUTC
            } else if e.convertedType == .timestampMicros || e.convertedType == .timestampMillis {
                self = .timestampMicrosUTC
            } else {
                self = .int64
            }
        case .float, .double: self = .double
        case .byteArray:
            switch e.logicalType {
            case .string?, .enumeration?, .json?: self = .string
            default:
                let c = e.convertedType
                self = (c == .utf8 || c == .enumeration || c == .json) ? .string : .binary
            }
        case .fixedLenByteArray, .int96: self = .binary
        default: throw ParquetError.unsupported("physical type \(type) of column '\(e.name)'")
        }
    }

    private static func decimalOf(_ e: SchemaElement) -> ColumnType? {
        if case .decimal(let s, let p) = e.logicalType, p >= 1, p <= 38, s >= 0, s <= p {
            return .decimal(precision: Int(p), scale: Int(s))
        }
        if e.convertedType == .decimal, let p = e.precision, p >= 1, p <= 38 {
            let s = e.scale ?? 0
            if s >= 0 && s <= p { return .decimal(precision: Int(p), scale: Int(s)) }
        }
        return nil
    }
}

// MARK: Decimal bytes

enum DecimalBytes {
    /// Big-endian two's complement of `value` in `width` bytes.
    static func encode(_ value: Int128, width: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width)
        var v = value
        for i in stride(from: width - 1, through: 0, by: -1) {
            out[i] = UInt8(truncatingIfNeeded: v)
            v >>= 8
        }
        return out
    }

    /// The value of big-endian two's complement bytes (1 to 16 of them).
    static func decode(_ bytes: [UInt8]) throws -> Int128 {
        guard !bytes.isEmpty, bytes.count <= 16 else {
            throw ParquetError.unsupported("decimal of \(bytes.count) bytes (1 to 16 supported)")
        }
        var v: Int128 = bytes[0] & 0x80 != 0 ? -1 : 0
        for b in bytes { v = (v << 8) | Int128(b) }
        return v
    }
}
