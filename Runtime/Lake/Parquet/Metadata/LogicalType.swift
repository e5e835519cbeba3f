/// Unit of TIME and TIMESTAMP logical types.
public enum TimeUnit: Hashable, Sendable {
    case millis, micros, nanos
}

/// The `LogicalType` union of parquet.thrift (the subset Sluice uses; others decode as `.other`).
public enum LogicalType: Hashable, Sendable {
    case string
    case enumeration
    case decimal(scale: Int32, precision: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: TimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)
    case integer(bitWidth: Int8, isSigned: Bool)
    case json
    case bson
    case uuid
    /// A union member this library does not interpret (its field id).
    case other(Int16)
}

extension TimeUnit: ThriftCodable {
    private var fieldId: Int16 {
        switch self {
        case .millis: 1
        case .micros: 2
        case .nanos: 3
        }
    }

    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        w.emptyStructure(fieldId)
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var unit: TimeUnit?
        try r.readStruct { r, id, type in
            switch id {
            case 1: unit = .millis
            case 2: unit = .micros
            case 3: unit = .nanos
            default: return false
            }
            try r.skip(type)
            return true
        }
        guard let unit else { throw ParquetError.corrupt("TimeUnit union without a known member") }
        self = unit
    }
}

/// Reads the two fields of TimeType/TimestampType.
private func readTimeFields(_ r: inout CompactReader) throws -> (Bool, TimeUnit) {
    var utc: Bool?
    var unit: TimeUnit?
    try r.readStruct { r, id, type in
        switch id {
        case 1: utc = try r.bool(type)
        case 2: unit = try r.structure(type, as: TimeUnit.self)
        default: return false
        }
        return true
    }
    guard let utc, let unit else { throw ParquetError.corrupt("TIMESTAMP/TIME logical type misses isAdjustedToUTC or unit") }
    return (utc, unit)
}

private struct EmptyStruct: ThriftDecodable {
    init(from r: inout CompactReader) throws { try r.readStruct { _, _, _ in false } }
}

extension LogicalType: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        switch self {
        case .string: w.emptyStructure(1)
        case .enumeration: w.emptyStructure(4)
        case .decimal(let scale, let precision):
            w.structure(5, Fields { w in
                w.i32(1, scale)
                w.i32(2, precision)
            })
        case .date: w.emptyStructure(6)
        case .time(let utc, let unit):
            w.structure(7, Fields { w in
                w.bool(1, utc)
                w.structure(2, unit)
            })
        case .timestamp(let utc, let unit):
            w.structure(8, Fields { w in
                w.bool(1, utc)
                w.structure(2, unit)
            })
        case .integer(let bitWidth, let signed):
            w.structure(10, Fields { w in
                w.i8(1, bitWidth)
                w.bool(2, signed)
            })
        case .json: w.emptyStructure(12)
        case .bson: w.emptyStructure(13)
        case .uuid: w.emptyStructure(14)
        case .other(let id): w.emptyStructure(id)
        }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var value: LogicalType?
        try r.readStruct { r, id, type in
            guard type == .structure else { return false }
            switch id {
            case 1: _ = try EmptyStruct(from: &r); value = .string
            case 4: _ = try EmptyStruct(from: &r); value = .enumeration
            case 5:
                var scale: Int32?
                var precision: Int32?
                try r.readStruct { r, id, type in
                    switch id {
                    case 1: scale = try r.i32(type)
                    case 2: precision = try r.i32(type)
                    default: return false
                    }
                    return true
                }
                guard let scale, let precision else { throw ParquetError.corrupt("DECIMAL logical type misses scale or precision") }
                value = .decimal(scale: scale, precision: precision)
            case 6: _ = try EmptyStruct(from: &r); value = .date
            case 7:
                let (utc, unit) = try readTimeFields(&r)
                value = .time(isAdjustedToUTC: utc, unit: unit)
            case 8:
                let (utc, unit) = try readTimeFields(&r)
                value = .timestamp(isAdjustedToUTC: utc, unit: unit)
            case 10:
                var width: Int8?
                var signed: Bool?
                try r.readStruct { r, id, type in
                    switch id {
                    case 1: width = try r.i8(type)
                    case 2: signed = try r.bool(type)
                    default: return false
                    }
                    return true
                }
                guard let width, let signed else { throw ParquetError.corrupt("INTEGER logical type misses bitWidth or isSigned") }
                value = .integer(bitWidth: width, isSigned: signed)
            case 12: _ = try EmptyStruct(from: &r); value = .json
            case 13: _ = try EmptyStruct(from: &r); value = .bson
            case 14: _ = try EmptyStruct(from: &r); value = .uuid
            default:
                try r.skip(type)
                value = .other(id)
            }
            return true
        }
        guard let value else { throw ParquetError.corrupt("LogicalType union is empty") }
        self = value
    }
}

/// An inline struct written by a closure (for small nested structs).
struct Fields: ThriftEncodable {
    let body: (inout CompactWriter) -> Void
    init(_ body: @escaping (inout CompactWriter) -> Void) { self.body = body }
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        body(&w)
        w.endStruct()
    }
}
