/// Reads Parquet files with flat columns: ours, and those of pyarrow and DuckDB
/// (PLAIN and dictionary encodings, data page V1 and V2, UNCOMPRESSED/SNAPPY/ZSTD).
///
/// ```swift
/// let reader = try ParquetReader(path: "part-0.parquet")
/// for group in 0..<reader.rowGroupCount {
///     let amounts = try reader.readColumn(rowGroup: group, column: 1)
/// }
/// ```
///
/// A corrupt or truncated file throws `ParquetError`; nothing traps.
public struct ParquetReader: Sendable {
    /// The whole file (read from disk on each access when opened by path: prefer the column reads).
    public var bytes: [UInt8] { (try? source.all) ?? [] }
    /// The file's bytes: in memory, or read a column chunk at a time.
    let source: ByteSource
    /// The decoded footer.
    public let metadata: FileMetaData
    /// The leaf columns as Sluice types (see `ColumnType.init(element:)` for the mapping).
    public let columns: [ParquetColumn]
    public let options: ParquetReaderOptions
    /// Schema elements of the leaves, in column order.
    let leaves: [SchemaElement]
    /// Bytes before the footer (where pages may be).
    let dataEnd: Int

    /// Opens a file: reads its footer now and each column chunk when it is read (with `pread`),
    /// never the whole file.
    public init(path: String, options: ParquetReaderOptions = .init()) throws {
        try self.init(source: ByteSource(path: path), options: options)
    }

    /// Opens a file read by ranges from `input` (an object store): footer now, column chunks on demand.
    public init(input: any RandomAccessInput, options: ParquetReaderOptions = .init()) throws {
        // A local file keeps its direct `pread` source.
        if let file = input as? FileBytes {
            try self.init(source: file.source, options: options)
        } else {
            try self.init(source: ByteSource(input: input), options: options)
        }
    }

    /// Opens a file held in memory.
    public init(bytes: [UInt8], options: ParquetReaderOptions = .init()) throws {
        try self.init(source: ByteSource(bytes: bytes), options: options)
    }

    init(source: ByteSource, options: ParquetReaderOptions) throws {
        self.source = source
        self.options = options
        let magic = Array("PAR1".utf8)
        let size = source.count
        guard size >= 12 else {
            throw ParquetError.notParquet("\(size) bytes is shorter than the 12-byte minimum")
        }
        // On an object store the leading magic would cost a request of its own: there, as Arrow does,
        // only the trailing magic is checked (the footer parse catches other damage).
        if !source.isRemote {
            let (head, headBase) = try source.range(0, 4)
            guard Array(head[(0 - headBase)..<(4 - headBase)]) == magic else { throw ParquetError.notParquet("no PAR1 magic at the start") }
        }
        let (tail, tailBase) = try source.range(size - 8, size)
        guard Array(tail[(size - 4 - tailBase)...]) == magic else {
            throw ParquetError.notParquet("no PAR1 magic at the end (truncated file, or an encrypted PARE footer)")
        }
        var lengthReader = ByteReader(tail, from: size - 8 - tailBase, context: "footer length")
        let footerLength = Int(try lengthReader.readLE(UInt32.self))
        guard footerLength <= size - 12 else {
            throw ParquetError.truncated("footer length \(footerLength) is larger than the file allows (\(size - 12))")
        }
        guard footerLength <= options.maxFooterBytes else {
            throw ParquetError.corrupt("footer of \(footerLength) bytes passes maxFooterBytes \(options.maxFooterBytes)")
        }
        let footerStart = size - 8 - footerLength
        let (footer, footerBase) = try source.range(footerStart, size - 8)
        var r = CompactReader(footer, from: footerStart - footerBase, to: size - 8 - footerBase)
        metadata = try FileMetaData(from: &r)
        dataEnd = footerStart

        // Flat schemas only: a root group whose children are all leaves.
        let schema = metadata.schema
        guard let root = schema.first else { throw ParquetError.corrupt("empty schema") }
        guard root.numChildren.map(Int.init) == schema.count - 1 else {
            throw ParquetError.unsupported("nested schema (root has \(root.numChildren.map(String.init) ?? "no") children, \(schema.count - 1) elements follow); only flat columns are read")
        }
        var leaves: [SchemaElement] = []
        var columns: [ParquetColumn] = []
        for e in schema.dropFirst() {
            guard (e.numChildren ?? 0) == 0, e.type != nil else {
                throw ParquetError.unsupported("group column '\(e.name)'; only flat columns are read")
            }
            guard e.repetition != .repeated else {
                throw ParquetError.unsupported("repeated column '\(e.name)'; only flat columns are read")
            }
            leaves.append(e)
            columns.append(ParquetColumn(name: e.name, type: try ColumnType(element: e), nullable: e.repetition != .required))
        }
        self.leaves = leaves
        self.columns = columns
        for (i, g) in metadata.rowGroups.enumerated() where g.columns.count != leaves.count {
            throw ParquetError.corrupt("row group \(i) has \(g.columns.count) column chunks for \(leaves.count) columns")
        }
    }

    /// Number of row groups.
    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// Total rows of the file.
    public var rowCount: Int64 { metadata.numRows }

    /// Rows of one row group.
    public func rowCount(rowGroup: Int) throws -> Int64 {
        try group(rowGroup).numRows
    }

    /// Footer key/value metadata as a dictionary (later keys win).
    public var keyValueMetadata: [String: String] {
        var out: [String: String] = [:]
        for kv in metadata.keyValueMetadata ?? [] { out[kv.key] = kv.value ?? "" }
        return out
    }

    /// Index of the column named `name`.
    public func columnIndex(named name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    private func group(_ i: Int) throws -> RowGroup {
        guard metadata.rowGroups.indices.contains(i) else {
            throw ParquetError.invalidArgument("row group \(i) does not exist (file has \(rowGroupCount))")
        }
        return metadata.rowGroups[i]
    }

    func chunkMetadata(rowGroup: Int, column: Int) throws -> ColumnMetaData {
        let g = try group(rowGroup)
        guard columns.indices.contains(column) else {
            throw ParquetError.invalidArgument("column \(column) does not exist (file has \(columns.count))")
        }
        let chunk = g.columns[column]
        guard chunk.filePath == nil else { throw ParquetError.unsupported("column data in another file (\(chunk.filePath!))") }
        guard let meta = chunk.metaData else { throw ParquetError.corrupt("column chunk without meta_data") }
        guard meta.type == leaves[column].type else {
            throw ParquetError.corrupt("column chunk type \(meta.type) differs from the schema's \(leaves[column].type.map(String.init(describing:)) ?? "nil")")
        }
        return meta
    }

    /// Reads one column of one row group.
    public func readColumn(rowGroup: Int, column: Int) throws -> ColumnValues {
        let meta = try chunkMetadata(rowGroup: rowGroup, column: column)
        // Dictionary chunks convert each dictionary entry once (strings!), then pick one per row.
        if let d = try readDictionaryColumn(rowGroup: rowGroup, column: column) {
            return d.expanded()
        }
        let values = try chunkReader(column).read(meta)
        let rows = try group(rowGroup).numRows
        guard Int64(values.count) == rows else {
            throw ParquetError.corrupt("column '\(columns[column].name)' has \(values.count) values in a row group of \(rows) rows")
        }
        return values
    }

    /// Reads every column of one row group.
    public func readRowGroup(_ rowGroup: Int) throws -> [ColumnValues] {
        try columns.indices.map { try readColumn(rowGroup: rowGroup, column: $0) }
    }

    /// Reads one column across all row groups.
    public func readColumn(_ column: Int) throws -> ColumnValues {
        guard columns.indices.contains(column) else {
            throw ParquetError.invalidArgument("column \(column) does not exist (file has \(columns.count))")
        }
        var all = ColumnValues.empty(columns[column].type)
        for g in 0..<rowGroupCount { try all.append(contentsOf: try readColumn(rowGroup: g, column: column)) }
        return all
    }
}
