import Parquet

/// Read access to a lake's datasets: names, schemas and live files, always through the manifests
/// (never by listing folders), so a reader sees each row once even while compaction runs.
public struct LakeCatalog: Sendable {
    /// Where the lake's objects live.
    public let storage: any LakeStorage

    /// The catalog of the lake in a folder.
    public init(root: String) {
        storage = DirectoryLakeStorage(root: root)
    }

    public init(storage: any LakeStorage) {
        self.storage = storage
    }

    /// The lake's location: a folder path or `s3://bucket/prefix`.
    public var root: String { storage.location }

    /// Datasets of the lake (folders with a `_manifest.json`), sorted.
    public func datasets() throws -> [String] {
        try storage.list("").folders.filter { LakeLayout.isSafeName($0) }.filter { try storage.exists(Manifest.key($0)) }.sorted()
    }

    /// The recorded schema of a dataset; nil when it has none.
    public func schema(dataset: String) throws -> DatasetSchema? {
        try checkName(dataset)
        return try DatasetSchema.load(storage, dataset)
    }

    /// Live files of a dataset, oldest sequence numbers first, optionally only partitions `dt` in `dtRange`
    /// (`"2024-05-01"..."2024-05-31"`).
    public func files(dataset: String, dtRange: ClosedRange<String>? = nil) throws -> [LakeFile] {
        try checkName(dataset)
        let files = try Manifest.load(storage, dataset).files
        return files.filter { dtRange?.contains($0.dt) ?? true }.sorted { ($0.dt, $0.minSeq) < ($1.dt, $1.minSeq) }
    }

    /// The key of a live file inside the lake (`<dataset>/dt=…/part-….parquet`).
    public func key(dataset: String, file: LakeFile) -> String { dataset + "/" + file.path }

    /// Address of a live file: its path on disk, or its `s3://` URI.
    public func path(dataset: String, file: LakeFile) -> String { storage.url(key(dataset: dataset, file: file)) }

    /// The manifest generation of a dataset (0 before the first commit).
    public func generation(dataset: String) throws -> Int {
        try checkName(dataset)
        return try Manifest.load(storage, dataset).generation
    }

    /// The snapshot file of a dataset (`<lake>/<dataset>_current/current.parquet`), when one was made.
    public func snapshotPath(dataset: String) -> String? {
        let key = Snapshotter.key(dataset)
        return (try? storage.exists(key)) == true ? storage.url(key) : nil
    }

    func checkName(_ dataset: String) throws {
        guard LakeLayout.isSafeName(dataset) else {
            throw LakeError.invalidArgument("'\(dataset)' is not a dataset name of this lake")
        }
    }

    /// Reads all live files of a dataset (or of one partition) as columns of the schema's names, with
    /// columns a file lacks filled with nulls (union by name).
    func readAll(dataset: String, files: [LakeFile], schema: DatasetSchema, progress: (Int, String) throws -> Void = { _, _ in })
        throws -> (columns: [ParquetColumn], values: [ColumnValues], rows: Int)
    {
        var names = schema.columns.map(\.name)
        var types: [String: ColumnType] = [:]
        for c in schema.columns { types[c.name] = c.type.parquetType }
        var pieces: [[String: ColumnValues]] = []
        var counts: [Int] = []
        for file in files {
            let reader = try storage.parquet(key(dataset: dataset, file: file), size: file.bytes)
            var piece: [String: ColumnValues] = [:]
            for (i, column) in reader.columns.enumerated() {
                if let known = types[column.name] {
                    guard known == column.type else {
                        throw LakeError.corrupt("\(file.path): column '\(column.name)' is \(column.type), the schema says \(known)")
                    }
                } else {
                    types[column.name] = column.type
                    names.insert(column.name, at: names.firstIndex(of: "_extra") ?? names.endIndex)
                }
                piece[column.name] = try reader.readColumn(i)
            }
            pieces.append(piece)
            counts.append(Int(reader.rowCount))
            try progress(file.bytes, file.path)
        }
        var columns: [ParquetColumn] = []
        var values: [ColumnValues] = []
        for name in names {
            let type = types[name]!
            let parts = zip(pieces, counts).map { piece, count in piece[name] ?? ColumnValues.nulls(type, count: count) }
            columns.append(ParquetColumn(name: name, type: type, nullable: !["_op", "_seq", "_ts"].contains(name)))
            values.append(try ColumnValues.concatenate(parts, type: type))
        }
        return (columns, values, counts.reduce(0, +))
    }
}
