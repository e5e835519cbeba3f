/// Header of a V1 data page.
public struct DataPageHeader: Hashable, Sendable {
    public var numValues: Int32
    public var encoding: Encoding
    public var definitionLevelEncoding: Encoding
    public var repetitionLevelEncoding: Encoding
    public var statistics: Statistics?
}

/// Header of a dictionary page.
public struct DictionaryPageHeader: Hashable, Sendable {
    public var numValues: Int32
    public var encoding: Encoding
    public var isSorted: Bool?
}

/// Header of a V2 data page (levels stored uncompressed before the values).
public struct DataPageHeaderV2: Hashable, Sendable {
    public var numValues: Int32
    public var numNulls: Int32
    public var numRows: Int32
    public var encoding: Encoding
    public var definitionLevelsByteLength: Int32
    public var repetitionLevelsByteLength: Int32
    public var isCompressed: Bool
    public var statistics: Statistics?
}

/// The header in front of every page of a column chunk.
public struct PageHeader: Hashable, Sendable {
    public var type: PageType
    public var uncompressedPageSize: Int32
    public var compressedPageSize: Int32
    public var crc: Int32?
    public var dataPageHeader: DataPageHeader?
    public var dictionaryPageHeader: DictionaryPageHeader?
    public var dataPageHeaderV2: DataPageHeaderV2?

    public init(
        type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32,
        dataPageHeader: DataPageHeader? = nil, dictionaryPageHeader: DictionaryPageHeader? = nil,
        dataPageHeaderV2: DataPageHeaderV2? = nil
    ) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }
}

private func missing(_ what: String) -> ParquetError {
    .corrupt("\(what) misses a required field")
}

extension DataPageHeader: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        w.i32(1, numValues)
        w.i32(2, encoding.rawValue)
        w.i32(3, definitionLevelEncoding.rawValue)
        w.i32(4, repetitionLevelEncoding.rawValue)
        if let statistics { w.structure(5, statistics) }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var n: Int32?, e: Int32?, d: Int32?, rep: Int32?
        var stats: Statistics?
        try r.readStruct { r, id, t in
            switch id {
            case 1: n = try r.i32(t)
            case 2: e = try r.i32(t)
            case 3: d = try r.i32(t)
            case 4: rep = try r.i32(t)
            case 5: stats = try r.structure(t, as: Statistics.self)
            default: return false
            }
            return true
        }
        guard let n, let e else { throw missing("DataPageHeader") }
        self.init(
            numValues: n, encoding: Encoding(rawValue: e), definitionLevelEncoding: Encoding(rawValue: d ?? 3),
            repetitionLevelEncoding: Encoding(rawValue: rep ?? 3), statistics: stats)
    }
}

extension DictionaryPageHeader: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        w.i32(1, numValues)
        w.i32(2, encoding.rawValue)
        if let isSorted { w.bool(3, isSorted) }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var n: Int32?, e: Int32?, sorted: Bool?
        try r.readStruct { r, id, t in
            switch id {
            case 1: n = try r.i32(t)
            case 2: e = try r.i32(t)
            case 3: sorted = try r.bool(t)
            default: return false
            }
            return true
        }
        guard let n, let e else { throw missing("DictionaryPageHeader") }
        self.init(numValues: n, encoding: Encoding(rawValue: e), isSorted: sorted)
    }
}

extension DataPageHeaderV2: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        w.i32(1, numValues)
        w.i32(2, numNulls)
        w.i32(3, numRows)
        w.i32(4, encoding.rawValue)
        w.i32(5, definitionLevelsByteLength)
        w.i32(6, repetitionLevelsByteLength)
        w.bool(7, isCompressed)
        if let statistics { w.structure(8, statistics) }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var n: Int32?, nulls: Int32?, rows: Int32?, e: Int32?, dl: Int32?, rl: Int32?
        var compressed = true
        var stats: Statistics?
        try r.readStruct { r, id, t in
            switch id {
            case 1: n = try r.i32(t)
            case 2: nulls = try r.i32(t)
            case 3: rows = try r.i32(t)
            case 4: e = try r.i32(t)
            case 5: dl = try r.i32(t)
            case 6: rl = try r.i32(t)
            case 7: compressed = try r.bool(t)
            case 8: stats = try r.structure(t, as: Statistics.self)
            default: return false
            }
            return true
        }
        guard let n, let nulls, let rows, let e, let dl, let rl else { throw missing("DataPageHeaderV2") }
        self.init(
            numValues: n, numNulls: nulls, numRows: rows, encoding: Encoding(rawValue: e),
            definitionLevelsByteLength: dl, repetitionLevelsByteLength: rl, isCompressed: compressed,
            statistics: stats)
    }
}

extension PageHeader: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        w.i32(1, type.rawValue)
        w.i32(2, uncompressedPageSize)
        w.i32(3, compressedPageSize)
        if let crc { w.i32(4, crc) }
        if let dataPageHeader { w.structure(5, dataPageHeader) }
        if let dictionaryPageHeader { w.structure(7, dictionaryPageHeader) }
        if let dataPageHeaderV2 { w.structure(8, dataPageHeaderV2) }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var type: Int32?, u: Int32?, c: Int32?, crc: Int32?
        var dp: DataPageHeader?, dict: DictionaryPageHeader?, v2: DataPageHeaderV2?
        try r.readStruct { r, id, t in
            switch id {
            case 1: type = try r.i32(t)
            case 2: u = try r.i32(t)
            case 3: c = try r.i32(t)
            case 4: crc = try r.i32(t)
            case 5: dp = try r.structure(t, as: DataPageHeader.self)
            case 7: dict = try r.structure(t, as: DictionaryPageHeader.self)
            case 8: v2 = try r.structure(t, as: DataPageHeaderV2.self)
            default: return false
            }
            return true
        }
        guard let type, let u, let c else { throw missing("PageHeader") }
        guard u >= 0, c >= 0 else { throw ParquetError.corrupt("negative page size in PageHeader") }
        self.init(
            type: PageType(rawValue: type), uncompressedPageSize: u, compressedPageSize: c,
            dataPageHeader: dp, dictionaryPageHeader: dict, dataPageHeaderV2: v2)
        self.crc = crc
    }
}
