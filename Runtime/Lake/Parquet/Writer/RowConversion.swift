/// Turns row-appended single values into a column batch.
enum RowConversion {
    static func column(_ cells: [ParquetValue?], column: ParquetColumn) throws -> ColumnValues {
        func pick<T>(_ extract: (ParquetValue) -> T?) throws -> [T?] {
            try cells.map { cell in
                guard let cell else { return nil }
                guard let v = extract(cell) else {
                    throw ParquetError.invalidArgument("column '\(column.name)' is \(column.type) but a row holds \(cell)")
                }
                return v
            }
        }
        switch column.type {
        case .string: return .string(try pick { if case .string(let v) = $0 { v } else { nil } })
        case .int64: return .int64(try pick { if case .int64(let v) = $0 { v } else { nil } })
        case .double: return .double(try pick { if case .double(let v) = $0 { v } else { nil } })
        case .boolean: return .boolean(try pick { if case .boolean(let v) = $0 { v } else { nil } })
        case .timestampMicrosUTC:
            return .timestampMicros(try pick { if case .timestampMicros(let v) = $0 { v } else { nil } })
        case .date: return .date(try pick { if case .date(let v) = $0 { v } else { nil } })
        case .decimal: return .decimal(try pick { if case .decimal(let v) = $0 { v } else { nil } })
        case .binary: return .binary(try pick { if case .binary(let v) = $0 { v } else { nil } })
        }
    }
}
