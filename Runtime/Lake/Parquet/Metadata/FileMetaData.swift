/// A row group: one column chunk per leaf column.
public struct RowGroup: Hashable, Sendable {
    public var columns: [ColumnChunk]
    /// Total uncompressed size of the column data.
    public var totalByteSize: Int64
    public var numRows: Int64
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
    public var ordinal: Int16?
}

/// Sort order used for min/max statistics of a column.
public enum ColumnOrder: Hashable, Sendable {
    /// The order defined by the logical or physical type (`TypeDefinedOrder`).
    case typeDefined
    /// Another union member (field id) this library does not interpret.
    case other(Int16)
}

/// The footer of a Parquet file.
public struct FileMetaData: Hashable, Sendable {
    public var version: Int32
    /// Schema tree flattened depth-first, root first.
    public var schema: [SchemaElement]
    public var numRows: Int64
    public var rowGroups: [RowGroup]
    public var keyValueMetadata: [KeyValue]?
    public var createdBy: String?
    public var columnOrders: [ColumnOrder]?
}

extension RowGroup: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        w.structList(1, columns)
        w.i64(2, totalByteSize)
        w.i64(3, numRows)
        if let fileOffset { w.i64(5, fileOffset) }
        if let totalCompressedSize { w.i64(6, totalCompressedSize) }
        if let ordinal { w.i16(7, ordinal) }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var columns: [ColumnChunk]?, total: Int64?, rows: Int64?
        var offset: Int64?, comp: Int64?, ordinal: Int16?
        try r.readStruct { r, id, t in
            switch id {
            case 1: columns = try r.structList(t, as: ColumnChunk.self)
            case 2: total = try r.i64(t)
            case 3: rows = try r.i64(t)
            case 5: offset = try r.i64(t)
            case 6: comp = try r.i64(t)
            case 7: ordinal = try r.i16(t)
            default: return false
            }
            return true
        }
        guard let columns, let total, let rows else { throw ParquetError.corrupt("RowGroup misses a required field") }
        self.init(
            columns: columns, totalByteSize: total, numRows: rows, fileOffset: offset,
            totalCompressedSize: comp, ordinal: ordinal)
    }
}

extension ColumnOrder: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        switch self {
        case .typeDefined: w.emptyStructure(1)
        case .other(let id): w.emptyStructure(id)
        }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var order: ColumnOrder?
        try r.readStruct { r, id, t in
            try r.skip(t)
            order = id == 1 ? .typeDefined : .other(id)
            return true
        }
        guard let order else { throw ParquetError.corrupt("ColumnOrder union is empty") }
        self = order
    }
}

extension FileMetaData: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        w.i32(1, version)
        w.structList(2, schema)
        w.i64(3, numRows)
        w.structList(4, rowGroups)
        if let keyValueMetadata { w.structList(5, keyValueMetadata) }
        if let createdBy { w.string(6, createdBy) }
        if let columnOrders { w.structList(7, columnOrders) }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var version: Int32?, schema: [SchemaElement]?, rows: Int64?, groups: [RowGroup]?
        var kv: [KeyValue]?, createdBy: String?, orders: [ColumnOrder]?
        try r.readStruct { r, id, t in
            switch id {
            case 1: version = try r.i32(t)
            case 2: schema = try r.structList(t, as: SchemaElement.self)
            case 3: rows = try r.i64(t)
            case 4: groups = try r.structList(t, as: RowGroup.self)
            case 5: kv = try r.structList(t, as: KeyValue.self)
            case 6: createdBy = try r.string(t)
            case 7: orders = try r.structList(t, as: ColumnOrder.self)
            case 8, 9: throw ParquetError.unsupported("encrypted Parquet files")
            default: return false
            }
            return true
        }
        guard let version, let schema, let rows, let groups else {
            throw ParquetError.corrupt("FileMetaData misses a required field")
        }
        self.init(
            version: version, schema: schema, numRows: rows, rowGroups: groups, keyValueMetadata: kv,
            createdBy: createdBy, columnOrders: orders)
    }

    /// Decodes a footer from its Thrift compact bytes.
    public init(thriftBytes: [UInt8]) throws {
        var r = CompactReader(thriftBytes)
        try self.init(from: &r)
    }

    /// The footer encoded in the Thrift compact protocol.
    public var serialized: [UInt8] { thriftBytes() }
}
