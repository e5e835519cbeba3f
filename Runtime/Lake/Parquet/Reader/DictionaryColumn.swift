/// A column chunk read with its dictionary kept: the distinct values once, and one small index per row.
///
/// Grouping and equality filters can work on `indices` without materializing a value per row.
/// The dictionary is the chunk's own (values may repeat if its writer repeated them).
public struct DictionaryColumnValues: Sendable {
    /// The dictionary's values in dictionary order, as the column's type (no nulls).
    public var dictionary: ColumnValues
    /// One entry per row: an index into `dictionary`, or `nullIndex` for a null row.
    public var indices: [UInt32]

    public init(dictionary: ColumnValues, indices: [UInt32]) {
        self.dictionary = dictionary
        self.indices = indices
    }

    /// The index null rows carry (the dictionary's size).
    public var nullIndex: UInt32 { UInt32(dictionary.count) }

    /// Number of rows.
    public var count: Int { indices.count }

    /// Whether each row is non-null.
    public var validity: [Bool] {
        let n = nullIndex
        return indices.map { $0 != n }
    }

    /// The values expanded to one per row.
    public func expanded() -> ColumnValues {
        let n = nullIndex
        func expand<T>(_ d: [T?]) -> [T?] {
            let table = d + [nil]   // the null index picks the trailing nil
            return table.withUnsafeBufferPointer { t in indices.map { t[Int(min($0, n))] } }
        }
        switch dictionary {
        case .string(let d): return .string(expand(d))
        case .int64(let d): return .int64(expand(d))
        case .double(let d): return .double(expand(d))
        case .boolean(let d): return .boolean(expand(d))
        case .timestampMicros(let d): return .timestampMicros(expand(d))
        case .date(let d): return .date(expand(d))
        case .decimal(let d): return .decimal(expand(d))
        case .binary(let d): return .binary(expand(d))
        }
    }
}

extension ParquetReader {
    /// Reads one column of one row group keeping its dictionary, or returns nil when the chunk is not
    /// entirely dictionary-encoded (some writers fall back to PLAIN pages; use `readColumn` then).
    public func readDictionaryColumn(rowGroup: Int, column: Int) throws -> DictionaryColumnValues? {
        let meta = try chunkMetadata(rowGroup: rowGroup, column: column)
        if let stats = meta.encodingStats,
           stats.contains(where: { ($0.pageType == .dataPage || $0.pageType == .dataPageV2) && $0.count > 0
               && $0.encoding != .rleDictionary && $0.encoding != .plainDictionary }) {
            return nil
        }
        guard meta.dictionaryPageOffset != nil || meta.encodings.contains(.rleDictionary) || meta.encodings.contains(.plainDictionary) else {
            return nil
        }
        let reader = chunkReader(column)
        guard let (physical, indices) = try reader.readDictionary(meta) else { return nil }
        let rows = try rowCount(rowGroup: rowGroup)
        guard Int64(indices.count) == rows else {
            throw ParquetError.corrupt("column '\(columns[column].name)' has \(indices.count) values in a row group of \(rows) rows")
        }
        let dictionary = try ValueConversion.fromPhysical(
            defs: nil, maxDefinition: 0, values: physical, type: columns[column].type, element: leaves[column])
        return DictionaryColumnValues(dictionary: dictionary, indices: indices)
    }

    func chunkReader(_ column: Int) -> ColumnChunkReader {
        ColumnChunkReader(
            source: source, dataEnd: dataEnd, element: leaves[column], type: columns[column].type,
            maxDefinition: columns[column].nullable ? 1 : 0, options: options)
    }
}
