/// The value type of a flat column, as Sluice sees it.
public enum ColumnType: Hashable, Sendable {
    /// UTF-8 text: BYTE_ARRAY + STRING (UTF8).
    case string
    /// Signed 64-bit integer: INT64 + INTEGER(64, signed) (INT_64).
    case int64
    /// IEEE double: DOUBLE.
    case double
    /// BOOLEAN.
    case boolean
    /// Microseconds since the Unix epoch, UTC: INT64 + TIMESTAMP(isAdjustedToUTC, MICROS).
    case timestampMicrosUTC
    /// Days since the Unix epoch: INT32 + DATE.
    case date
    /// Fixed-point decimal; values are unscaled integers (123.45 with scale 2 is 12345).
    /// Stored as INT32 (precision ≤ 9), INT64 (≤ 18) or FIXED_LEN_BYTE_ARRAY (≤ 38).
    case decimal(precision: Int, scale: Int)
    /// Raw bytes: BYTE_ARRAY without annotation.
    case binary
}

/// A flat (top-level, non-repeated) column of a Parquet schema.
public struct ParquetColumn: Hashable, Sendable {
    public var name: String
    public var type: ColumnType
    /// Whether the column may hold nulls (OPTIONAL) or not (REQUIRED).
    public var nullable: Bool

    public init(name: String, type: ColumnType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// The values of one column for a batch of rows; `nil` is null.
public enum ColumnValues: Hashable, Sendable {
    case string([String?])
    case int64([Int64?])
    case double([Double?])
    case boolean([Bool?])
    /// Microseconds since the epoch, UTC.
    case timestampMicros([Int64?])
    /// Days since the epoch.
    case date([Int32?])
    /// Unscaled decimal values.
    case decimal([Int128?])
    case binary([[UInt8]?])

    /// Number of rows (nulls included).
    public var count: Int {
        switch self {
        case .string(let v): v.count
        case .int64(let v): v.count
        case .double(let v): v.count
        case .boolean(let v): v.count
        case .timestampMicros(let v): v.count
        case .date(let v): v.count
        case .decimal(let v): v.count
        case .binary(let v): v.count
        }
    }

    /// Number of nulls.
    public var nullCount: Int {
        switch self {
        case .string(let v): v.count { $0 == nil }
        case .int64(let v): v.count { $0 == nil }
        case .double(let v): v.count { $0 == nil }
        case .boolean(let v): v.count { $0 == nil }
        case .timestampMicros(let v): v.count { $0 == nil }
        case .date(let v): v.count { $0 == nil }
        case .decimal(let v): v.count { $0 == nil }
        case .binary(let v): v.count { $0 == nil }
        }
    }

    /// The value at `row` as a single `ParquetValue` (`nil` for null).
    public subscript(row: Int) -> ParquetValue? {
        switch self {
        case .string(let v): v[row].map(ParquetValue.string)
        case .int64(let v): v[row].map(ParquetValue.int64)
        case .double(let v): v[row].map(ParquetValue.double)
        case .boolean(let v): v[row].map(ParquetValue.boolean)
        case .timestampMicros(let v): v[row].map(ParquetValue.timestampMicros)
        case .date(let v): v[row].map(ParquetValue.date)
        case .decimal(let v): v[row].map(ParquetValue.decimal)
        case .binary(let v): v[row].map(ParquetValue.binary)
        }
    }

    /// Empty values for a column type.
    public static func empty(_ type: ColumnType) -> ColumnValues {
        switch type {
        case .string: .string([])
        case .int64: .int64([])
        case .double: .double([])
        case .boolean: .boolean([])
        case .timestampMicrosUTC: .timestampMicros([])
        case .date: .date([])
        case .decimal: .decimal([])
        case .binary: .binary([])
        }
    }

    /// Appends values of the same kind (used to concatenate row groups).
    public mutating func append(contentsOf other: ColumnValues) throws {
        switch (self, other) {
        case (.string(var a), .string(let b)): a += b; self = .string(a)
        case (.int64(var a), .int64(let b)): a += b; self = .int64(a)
        case (.double(var a), .double(let b)): a += b; self = .double(a)
        case (.boolean(var a), .boolean(let b)): a += b; self = .boolean(a)
        case (.timestampMicros(var a), .timestampMicros(let b)): a += b; self = .timestampMicros(a)
        case (.date(var a), .date(let b)): a += b; self = .date(a)
        case (.decimal(var a), .decimal(let b)): a += b; self = .decimal(a)
        case (.binary(var a), .binary(let b)): a += b; self = .binary(a)
        default: throw ParquetError.invalidArgument("cannot append \(other.kind) values to \(kind) values")
        }
    }

    var kind: String {
        switch self {
        case .string: "string"
        case .int64: "int64"
        case .double: "double"
        case .boolean: "boolean"
        case .timestampMicros: "timestampMicros"
        case .date: "date"
        case .decimal: "decimal"
        case .binary: "binary"
        }
    }
}

/// One non-null value (row appends and decoded statistics).
public enum ParquetValue: Hashable, Sendable {
    case string(String)
    case int64(Int64)
    case double(Double)
    case boolean(Bool)
    case timestampMicros(Int64)
    case date(Int32)
    case decimal(Int128)
    case binary([UInt8])
}
