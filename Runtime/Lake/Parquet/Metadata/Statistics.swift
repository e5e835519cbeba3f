/// Column chunk or page statistics as stored (min/max PLAIN-encoded, byte arrays without length).
public struct Statistics: Hashable, Sendable {
    /// Deprecated signed-order maximum (field 1), read for old files.
    public var legacyMax: [UInt8]?
    /// Deprecated signed-order minimum (field 2), read for old files.
    public var legacyMin: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var maxValue: [UInt8]?
    public var minValue: [UInt8]?
    public var isMaxValueExact: Bool?
    public var isMinValueExact: Bool?
    public var nanCount: Int64?

    public init(
        nullCount: Int64? = nil, minValue: [UInt8]? = nil, maxValue: [UInt8]? = nil,
        distinctCount: Int64? = nil, nanCount: Int64? = nil
    ) {
        self.nullCount = nullCount
        self.minValue = minValue
        self.maxValue = maxValue
        self.distinctCount = distinctCount
        self.nanCount = nanCount
    }
}

extension Statistics: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        if let legacyMax { w.binary(1, legacyMax) }
        if let legacyMin { w.binary(2, legacyMin) }
        if let nullCount { w.i64(3, nullCount) }
        if let distinctCount { w.i64(4, distinctCount) }
        if let maxValue { w.binary(5, maxValue) }
        if let minValue { w.binary(6, minValue) }
        if let isMaxValueExact { w.bool(7, isMaxValueExact) }
        if let isMinValueExact { w.bool(8, isMinValueExact) }
        if let nanCount { w.i64(9, nanCount) }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var s = Statistics()
        try r.readStruct { r, id, t in
            switch id {
            case 1: s.legacyMax = try r.binary(t)
            case 2: s.legacyMin = try r.binary(t)
            case 3: s.nullCount = try r.i64(t)
            case 4: s.distinctCount = try r.i64(t)
            case 5: s.maxValue = try r.binary(t)
            case 6: s.minValue = try r.binary(t)
            case 7: s.isMaxValueExact = try r.bool(t)
            case 8: s.isMinValueExact = try r.bool(t)
            case 9: s.nanCount = try r.i64(t)
            default: return false
            }
            return true
        }
        self = s
    }
}
