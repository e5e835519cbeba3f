/// Decoded statistics of a column chunk.
public struct ColumnStatistics: Hashable, Sendable {
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var nanCount: Int64?
    /// Smallest non-null value, if the writer recorded it.
    public var min: ParquetValue?
    /// Largest non-null value, if the writer recorded it.
    public var max: ParquetValue?
}

extension ParquetReader {
    /// Statistics of a column chunk with min/max decoded to `ParquetValue` (nil when none were written).
    public func statistics(rowGroup: Int, column: Int) throws -> ColumnStatistics? {
        let meta = try chunkMetadata(rowGroup: rowGroup, column: column)
        guard let s = meta.statistics else { return nil }
        let element = leaves[column]
        let type = columns[column].type
        var out = ColumnStatistics(nullCount: s.nullCount, distinctCount: s.distinctCount, nanCount: s.nanCount)
        var lo = s.minValue
        var hi = s.maxValue
        // The deprecated fields are in signed order: usable for numbers, not for byte arrays.
        if lo == nil, hi == nil, element.type != .byteArray, element.type != .fixedLenByteArray {
            lo = s.legacyMin
            hi = s.legacyMax
        }
        out.min = try lo.map { try Self.decodeStatistic($0, element: element, type: type) }
        out.max = try hi.map { try Self.decodeStatistic($0, element: element, type: type) }
        return out
    }

    /// One PLAIN-encoded statistic value (byte arrays without length prefix).
    static func decodeStatistic(_ bytes: [UInt8], element: SchemaElement, type: ColumnType) throws -> ParquetValue {
        let physical = element.type ?? .byteArray
        var r = ByteReader(bytes, context: "statistic of '\(element.name)'")
        let values: PhysicalValues
        switch physical {
        case .byteArray: values = .bytes([bytes])
        case .fixedLenByteArray, .int96: values = .fixed([bytes], width: bytes.count)
        default:
            values = try Plain.decode(1, like: try PhysicalValues.empty(physical, typeLength: 0), from: &r)
        }
        let column = try ValueConversion.fromPhysical(
            defs: nil, maxDefinition: 0, values: values, type: type, element: element)
        guard let v = column[0] else { throw ParquetError.corrupt("empty statistic for '\(element.name)'") }
        return v
    }
}
