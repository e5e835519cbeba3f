/// Conversion between `ColumnValues` (what callers see) and definition levels plus
/// non-null physical values (what pages store).
enum ValueConversion {
    /// Splits values into definition levels (nil for required columns) and non-null physical values.
    static func toPhysical(_ values: ColumnValues, column: ParquetColumn) throws -> (defs: [UInt8]?, values: PhysicalValues) {
        func split<T>(_ v: [T?]) throws -> ([UInt8]?, [T]) {
            var out = [T]()
            out.reserveCapacity(v.count)
            if !column.nullable {
                for x in v {
                    guard let x else {
                        throw ParquetError.invalidArgument("column '\(column.name)' is not nullable but got a null; declare it nullable: true")
                    }
                    out.append(x)
                }
                return (nil, out)
            }
            var defs = [UInt8]()
            defs.reserveCapacity(v.count)
            for x in v {
                if let x {
                    out.append(x)
                    defs.append(1)
                } else {
                    defs.append(0)
                }
            }
            return (defs, out)
        }
        func mismatch() -> ParquetError {
            .invalidArgument("column '\(column.name)' is \(column.type) but got \(values.kind) values")
        }
        switch (column.type, values) {
        case (.string, .string(let v)):
            let (d, x) = try split(v)
            return (d, .bytes(x.map { Array($0.utf8) }))
        case (.binary, .binary(let v)):
            let (d, x) = try split(v)
            return (d, .bytes(x))
        case (.int64, .int64(let v)), (.timestampMicrosUTC, .timestampMicros(let v)):
            let (d, x) = try split(v)
            return (d, .int64(x))
        case (.double, .double(let v)):
            let (d, x) = try split(v)
            return (d, .double(x))
        case (.boolean, .boolean(let v)):
            let (d, x) = try split(v)
            return (d, .boolean(x))
        case (.date, .date(let v)):
            let (d, x) = try split(v)
            return (d, .int32(x))
        case (.decimal(let p, _), .decimal(let v)):
            let (d, x) = try split(v)
            var bound: Int128 = 1
            for _ in 0..<p { bound *= 10 }
            for u in x where u >= bound || u <= -bound {
                throw ParquetError.invalidArgument("unscaled value \(u) has more than \(p) digits for column '\(column.name)'")
            }
            switch column.type.physicalType {
            case .int32: return (d, .int32(x.map { Int32(truncatingIfNeeded: $0) }))
            case .int64: return (d, .int64(x.map { Int64(truncatingIfNeeded: $0) }))
            default:
                let w = ColumnType.decimalByteWidth(precision: p)
                return (d, .fixed(x.map { DecimalBytes.encode($0, width: w) }, width: w))
            }
        default:
            throw mismatch()
        }
    }

    /// Rebuilds column values from definition levels and non-null physical values.
    static func fromPhysical(
        defs: [UInt8]?, maxDefinition: UInt8, values: PhysicalValues, type: ColumnType, element: SchemaElement
    ) throws -> ColumnValues {
        func spread<T>(_ v: [T]) throws -> [T?] {
            guard let defs else { return v.map { Optional($0) } }
            var out = [T?]()
            out.reserveCapacity(defs.count)
            var i = 0
            for d in defs {
                if d == maxDefinition {
                    guard i < v.count else { throw ParquetError.corrupt("column '\(element.name)' has fewer values than its definition levels") }
                    out.append(v[i])
                    i += 1
                } else {
                    out.append(nil)
                }
            }
            guard i == v.count else { throw ParquetError.corrupt("column '\(element.name)' has more values than its definition levels") }
            return out
        }
        func wrong() -> ParquetError {
            .corrupt("column '\(element.name)' decoded to values that do not match its type \(type)")
        }
        switch (type, values) {
        case (.boolean, .boolean(let v)): return .boolean(try spread(v))
        case (.int64, .int64(let v)): return .int64(try spread(v))
        case (.int64, .int32(let v)): return .int64(try spread(v.map { Int64($0) }))
        case (.date, .int32(let v)): return .date(try spread(v))
        case (.double, .double(let v)): return .double(try spread(v))
        case (.double, .float(let v)): return .double(try spread(v.map { Double($0) }))
        case (.string, .bytes(let v)): return .string(try spread(v.map { String(decoding: $0, as: UTF8.self) }))
        case (.binary, .bytes(let v)), (.binary, .fixed(let v, _)): return .binary(try spread(v))
        case (.timestampMicrosUTC, .int64(let v)):
            return .timestampMicros(try spread(try toMicros(v, element: element)))
        case (.decimal, .int32(let v)): return .decimal(try spread(v.map { Int128($0) }))
        case (.decimal, .int64(let v)): return .decimal(try spread(v.map { Int128($0) }))
        case (.decimal, .fixed(let v, _)), (.decimal, .bytes(let v)):
            return .decimal(try spread(try v.map(DecimalBytes.decode)))
        default: throw wrong()
        }
    }

    /// Timestamps of any unit as microseconds (nanoseconds are truncated toward zero).
    static func toMicros(_ v: [Int64], element: SchemaElement) throws -> [Int64] {
        var unit = TimeUnit.micros
        if case .timestamp(_, let u) = element.logicalType {
            unit = u
        } else if element.convertedType == .timestampMillis {
            unit = .millis
        }
        switch unit {
        case .micros: return v
        case .nanos: return v.map { $0 / 1000 }
        case .millis:
            return try v.map {
                let (r, o) = $0.multipliedReportingOverflow(by: 1000)
                guard !o else { throw ParquetError.corrupt("timestamp \($0) ms overflows microseconds") }
                return r
            }
        }
    }
}
