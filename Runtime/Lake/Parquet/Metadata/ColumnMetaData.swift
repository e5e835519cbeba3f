/// A key/value pair of file or column metadata.
public struct KeyValue: Hashable, Sendable {
    public var key: String
    public var value: String?
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

/// How many pages of a type used an encoding.
public struct PageEncodingStats: Hashable, Sendable {
    public var pageType: PageType
    public var encoding: Encoding
    public var count: Int32
}

/// Metadata of one column chunk: where its pages are and how they are encoded.
public struct ColumnMetaData: Hashable, Sendable {
    public var type: PhysicalType
    public var encodings: [Encoding]
    public var pathInSchema: [String]
    public var codec: CompressionCodec
    /// Values including nulls.
    public var numValues: Int64
    /// Sum of page header sizes and uncompressed page sizes.
    public var totalUncompressedSize: Int64
    /// Sum of page header sizes and compressed page sizes.
    public var totalCompressedSize: Int64
    public var keyValueMetadata: [KeyValue]?
    public var dataPageOffset: Int64
    public var indexPageOffset: Int64?
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?
    public var encodingStats: [PageEncodingStats]?
}

/// A column chunk of a row group.
public struct ColumnChunk: Hashable, Sendable {
    public var filePath: String?
    /// Deprecated; always 0 when written by us.
    public var fileOffset: Int64
    public var metaData: ColumnMetaData?
}

extension KeyValue: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        w.string(1, key)
        if let value { w.string(2, value) }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var key: String?, value: String?
        try r.readStruct { r, id, t in
            switch id {
            case 1: key = try r.string(t)
            case 2: value = try r.string(t)
            default: return false
            }
            return true
        }
        guard let key else { throw ParquetError.corrupt("KeyValue without a key") }
        self.init(key: key, value: value)
    }
}

extension PageEncodingStats: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        w.i32(1, pageType.rawValue)
        w.i32(2, encoding.rawValue)
        w.i32(3, count)
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var p: Int32?, e: Int32?, c: Int32?
        try r.readStruct { r, id, t in
            switch id {
            case 1: p = try r.i32(t)
            case 2: e = try r.i32(t)
            case 3: c = try r.i32(t)
            default: return false
            }
            return true
        }
        guard let p, let e, let c else { throw ParquetError.corrupt("PageEncodingStats misses a required field") }
        self.init(pageType: PageType(rawValue: p), encoding: Encoding(rawValue: e), count: c)
    }
}

extension ColumnMetaData: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        w.i32(1, type.rawValue)
        w.i32List(2, encodings.map(\.rawValue))
        w.stringList(3, pathInSchema)
        w.i32(4, codec.rawValue)
        w.i64(5, numValues)
        w.i64(6, totalUncompressedSize)
        w.i64(7, totalCompressedSize)
        if let keyValueMetadata { w.structList(8, keyValueMetadata) }
        w.i64(9, dataPageOffset)
        if let indexPageOffset { w.i64(10, indexPageOffset) }
        if let dictionaryPageOffset { w.i64(11, dictionaryPageOffset) }
        if let statistics { w.structure(12, statistics) }
        if let encodingStats { w.structList(13, encodingStats) }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var type: Int32?, encodings: [Int32]?, path: [String]?, codec: Int32?
        var numValues: Int64?, unc: Int64?, comp: Int64?, dataOffset: Int64?
        var kv: [KeyValue]?, indexOffset: Int64?, dictOffset: Int64?
        var stats: Statistics?, encStats: [PageEncodingStats]?
        try r.readStruct { r, id, t in
            switch id {
            case 1: type = try r.i32(t)
            case 2: encodings = try r.i32List(t)
            case 3: path = try r.stringList(t)
            case 4: codec = try r.i32(t)
            case 5: numValues = try r.i64(t)
            case 6: unc = try r.i64(t)
            case 7: comp = try r.i64(t)
            case 8: kv = try r.structList(t, as: KeyValue.self)
            case 9: dataOffset = try r.i64(t)
            case 10: indexOffset = try r.i64(t)
            case 11: dictOffset = try r.i64(t)
            case 12: stats = try r.structure(t, as: Statistics.self)
            case 13: encStats = try r.structList(t, as: PageEncodingStats.self)
            default: return false
            }
            return true
        }
        guard let type, let encodings, let path, let codec, let numValues, let unc, let comp, let dataOffset else {
            throw ParquetError.corrupt("ColumnMetaData misses a required field")
        }
        self.init(
            type: PhysicalType(rawValue: type), encodings: encodings.map(Encoding.init(rawValue:)),
            pathInSchema: path, codec: CompressionCodec(rawValue: codec), numValues: numValues,
            totalUncompressedSize: unc, totalCompressedSize: comp, keyValueMetadata: kv,
            dataPageOffset: dataOffset, indexPageOffset: indexOffset, dictionaryPageOffset: dictOffset,
            statistics: stats, encodingStats: encStats)
    }
}

extension ColumnChunk: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        if let filePath { w.string(1, filePath) }
        w.i64(2, fileOffset)
        if let metaData { w.structure(3, metaData) }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var path: String?, offset: Int64 = 0, meta: ColumnMetaData?
        try r.readStruct { r, id, t in
            switch id {
            case 1: path = try r.string(t)
            case 2: offset = try r.i64(t)
            case 3: meta = try r.structure(t, as: ColumnMetaData.self)
            default: return false
            }
            return true
        }
        self.init(filePath: path, fileOffset: offset, metaData: meta)
    }
}
