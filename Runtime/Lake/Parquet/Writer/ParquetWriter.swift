/// Writes a Parquet file of flat columns, row group by row group.
///
/// ```swift
/// let writer = try ParquetWriter(path: "/lake/dt=2024-05-01/part-0.parquet", columns: [
///     ParquetColumn(name: "pk", type: .string, nullable: false),
///     ParquetColumn(name: "amount", type: .decimal(precision: 12, scale: 2)),
/// ])
/// try writer.append([.string(["a", "b"]), .decimal([1234, nil])])
/// try writer.finish()   // fsync + atomic rename
/// ```
///
/// Pages are data page V1, dictionary-encoded when the dictionary stays small, PLAIN otherwise;
/// every chunk carries min/max and null_count statistics.
public final class ParquetWriter {
    /// The schema being written.
    public let columns: [ParquetColumn]
    public let options: ParquetWriterOptions
    /// The file bytes of an in-memory writer (complete after `finish()`); empty for a file writer.
    public private(set) var data: [UInt8] = []

    private let file: FileOutput?
    private var offset: Int64 = 0
    private var rowGroups: [RowGroup] = []
    private var totalRows: Int64 = 0
    private var closed = false

    // Buffered row group.
    private var defs: [[UInt8]?]
    private var values: [PhysicalValues]
    private var bufferedRows = 0
    private var bufferedBytes = 0
    private var pendingRows: [[ParquetValue?]] = []

    /// A writer that builds the file in memory (read it from `data` after `finish()`).
    public convenience init(columns: [ParquetColumn], options: ParquetWriterOptions = .init()) throws {
        try self.init(columns: columns, options: options, file: nil)
    }

    /// A writer to `path`, written under a temporary name and renamed into place by `finish()`.
    public convenience init(path: String, columns: [ParquetColumn], options: ParquetWriterOptions = .init()) throws {
        try Self.validate(columns, options)
        try self.init(columns: columns, options: options, file: FileOutput(path: path))
    }

    private init(columns: [ParquetColumn], options: ParquetWriterOptions, file: FileOutput?) throws {
        try Self.validate(columns, options)
        self.columns = columns
        self.options = options
        self.file = file
        defs = columns.map { $0.nullable ? [] : nil }
        values = try columns.map { try PhysicalValues.empty($0.type.physicalType, typeLength: Self.width($0.type)) }
        try emit(Array("PAR1".utf8))
    }

    private static func width(_ t: ColumnType) -> Int {
        if case .decimal(let p, _) = t { return ColumnType.decimalByteWidth(precision: p) }
        return 0
    }

    private static func validate(_ columns: [ParquetColumn], _ options: ParquetWriterOptions) throws {
        guard !columns.isEmpty else { throw ParquetError.invalidArgument("a Parquet schema needs at least one column") }
        var seen = Set<String>()
        for c in columns {
            guard !c.name.isEmpty else { throw ParquetError.invalidArgument("column names must not be empty") }
            guard seen.insert(c.name).inserted else { throw ParquetError.invalidArgument("column name '\(c.name)' is used twice") }
            try c.type.validate()
        }
        guard [.uncompressed, .snappy, .zstd].contains(options.codec) else {
            throw ParquetError.invalidArgument("codec \(options.codec) is not supported; use .uncompressed, .snappy or .zstd")
        }
        guard options.rowGroupRows > 0, options.pageBytes > 0, options.rowGroupBytes > 0 else {
            throw ParquetError.invalidArgument("rowGroupRows, rowGroupBytes and pageBytes must be positive")
        }
    }

    // MARK: Appending

    /// Appends a batch of rows given column by column (same order and row count as `columns`).
    public func append(_ batch: [ColumnValues]) throws {
        guard !closed else { throw ParquetError.writerClosed }
        try flushPendingRows()
        try appendColumns(batch)
    }

    private func appendColumns(_ batch: [ColumnValues]) throws {
        guard batch.count == columns.count else {
            throw ParquetError.invalidArgument("batch has \(batch.count) columns, the schema has \(columns.count)")
        }
        let rows = batch.first?.count ?? 0
        for (i, b) in batch.enumerated() where b.count != rows {
            throw ParquetError.invalidArgument("column '\(columns[i].name)' has \(b.count) rows, column '\(columns[0].name)' has \(rows)")
        }
        // Convert everything first so a bad batch leaves the buffer untouched.
        let converted = try zip(columns, batch).map { try ValueConversion.toPhysical($1, column: $0) }
        // Average bytes per row of this batch, to cut row groups near rowGroupBytes.
        let batchBytes = converted.reduce(0) { $0 + $1.values.plainSize + ($1.defs?.count ?? 0) / 8 }
        let rowBytes = max(1, batchBytes / max(1, rows))
        var start = 0
        while start < rows {
            let byBytes = max(1, (options.rowGroupBytes - bufferedBytes + rowBytes - 1) / rowBytes)
            let take = min(rows - start, options.rowGroupRows - bufferedRows, byBytes, 65_536)
            for i in columns.indices {
                let (d, v) = converted[i]
                let valueRange: Range<Int>
                if let d {
                    let before = d[..<start].count { $0 == 1 }
                    let inside = d[start..<(start + take)].count { $0 == 1 }
                    valueRange = before..<(before + inside)
                    defs[i]!.append(contentsOf: d[start..<(start + take)])
                } else {
                    valueRange = start..<(start + take)
                }
                let slice = v.slice(valueRange)
                bufferedBytes += slice.plainSize
                try values[i].append(slice)
            }
            bufferedRows += take
            start += take
            if bufferedRows >= options.rowGroupRows || bufferedBytes >= options.rowGroupBytes {
                try flushRowGroup()
            }
        }
    }

    /// Appends one row (values in column order; `nil` is null). Rows are buffered and converted in batches.
    public func append(row: [ParquetValue?]) throws {
        guard !closed else { throw ParquetError.writerClosed }
        guard row.count == columns.count else {
            throw ParquetError.invalidArgument("row has \(row.count) values, the schema has \(columns.count) columns")
        }
        pendingRows.append(row)
        if pendingRows.count >= 4096 { try flushPendingRows() }
    }

    private func flushPendingRows() throws {
        guard !pendingRows.isEmpty else { return }
        let rows = pendingRows
        pendingRows = []
        let batch = try columns.indices.map { i in try RowConversion.column(rows.map { $0[i] }, column: columns[i]) }
        try appendColumns(batch)
    }

    // MARK: Row groups and footer

    /// Writes the buffered rows as a row group now (no-op when nothing is buffered).
    public func flushRowGroup() throws {
        guard !closed else { throw ParquetError.writerClosed }
        try flushPendingRows()
        guard bufferedRows > 0 else { return }
        let groupStart = offset
        var chunks: [ColumnChunk] = []
        var uncompressed: Int64 = 0
        for (i, column) in columns.enumerated() {
            let writer = ColumnChunkWriter(column: column, options: options)
            let (bytes, chunk) = try writer.write(defs: defs[i], values: values[i], rows: bufferedRows, offset: offset)
            try emit(bytes)
            uncompressed += chunk.metaData?.totalUncompressedSize ?? 0
            chunks.append(chunk)
        }
        rowGroups.append(RowGroup(
            columns: chunks, totalByteSize: uncompressed, numRows: Int64(bufferedRows), fileOffset: groupStart,
            totalCompressedSize: offset - groupStart, ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
        totalRows += Int64(bufferedRows)
        bufferedRows = 0
        bufferedBytes = 0
        defs = columns.map { $0.nullable ? [] : nil }
        values = try columns.map { try PhysicalValues.empty($0.type.physicalType, typeLength: Self.width($0.type)) }
    }

    /// The footer as it will be written.
    private func footer() -> FileMetaData {
        let root = SchemaElement(name: "schema", numChildren: Int32(columns.count))
        let leaves = columns.map { $0.type.schemaElement(name: $0.name, nullable: $0.nullable) }
        return FileMetaData(
            version: 1, schema: [root] + leaves, numRows: totalRows, rowGroups: rowGroups,
            keyValueMetadata: options.keyValueMetadata.isEmpty ? nil : options.keyValueMetadata,
            createdBy: options.createdBy, columnOrders: columns.map { _ in .typeDefined })
    }

    /// Writes the last row group and the footer; a file writer then fsyncs and renames into place.
    @discardableResult
    public func finish() throws -> FileMetaData {
        try flushRowGroup()
        closed = true
        let meta = footer()
        var tail = meta.thriftBytes()
        tail.appendLE(UInt32(tail.count))
        tail.append(contentsOf: Array("PAR1".utf8))
        try emit(tail)
        try file?.publish()
        return meta
    }

    /// Drops everything written so far (a file writer removes its temporary file).
    public func abort() {
        closed = true
        file?.abort()
        data = []
    }

    private func emit(_ bytes: [UInt8]) throws {
        if let file {
            do { try file.write(bytes) } catch {
                closed = true
                file.abort()
                throw error
            }
        } else {
            data.append(contentsOf: bytes)
        }
        offset += Int64(bytes.count)
    }

    /// Convenience: the bytes of a one-row-group-per-`rowGroupRows` file holding `batch`.
    public static func bytes(
        columns: [ParquetColumn], values batch: [ColumnValues], options: ParquetWriterOptions = .init()
    ) throws -> [UInt8] {
        let w = try ParquetWriter(columns: columns, options: options)
        try w.append(batch)
        try w.finish()
        return w.data
    }
}
