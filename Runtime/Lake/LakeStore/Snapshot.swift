import Parquet

/// What a snapshot wrote.
public struct SnapshotResult: Sendable, Hashable {
    /// `<lake>/<dataset>_current/current.parquet`.
    public var path: String
    /// Live keys (rows of the snapshot).
    public var rows: Int
    /// Change rows read.
    public var changes: Int
    /// Key columns used.
    public var keys: [String]
}

enum Snapshotter {
    static func key(_ dataset: String) -> String { dataset + LakeLayout.currentSuffix + "/current.parquet" }
}

extension LakeStore {
    /// Materialises the current state of a dataset: per key (the schema's key columns) the row with the
    /// highest `_seq` (sequence order, not `_ts`, which has only seconds), dropped when that row is a
    /// REMOVE — so an INSERT then REMOVE of one key, even in one batch, leaves the key absent. Rows with the
    /// same `_seq` are one event delivered twice and count once.
    ///
    /// Written to `<lake>/<dataset>_current/current.parquet` atomically (temp + fsync + rename on disk, one
    /// PUT on S3: readers see the old or the new snapshot), with the dataset's columns minus `_op` and `_shard`, ordered by `_seq`.
    @discardableResult
    public func snapshot(dataset: String) throws -> SnapshotResult {
        try catalog.checkName(dataset)
        return try storage.withLock(dataset: dataset) {
            let manifest = try Manifest.load(storage, dataset)
            guard let schema = try DatasetSchema.load(storage, dataset) else {
                throw LakeError.invalidArgument("no dataset '\(dataset)'")
            }
            guard !schema.keys.isEmpty else { throw LakeError.invalidArgument("\(dataset) has no key columns") }
            let data = try catalog.readAll(dataset: dataset, files: manifest.files, schema: schema)
            func column(_ name: String) -> ColumnValues? {
                data.columns.firstIndex { $0.name == name }.map { data.values[$0] }
            }
            guard case .decimal(let seqs)? = column("_seq"), case .string(let ops)? = column("_op") else {
                throw LakeError.corrupt("\(dataset) files lack _seq or _op")
            }
            let keyColumns = try schema.keys.map { key in
                guard let c = column(key) else { throw LakeError.corrupt("\(dataset) has no column for key '\(key)'") }
                return c
            }
            // Newest row per key.
            var newest: [[ParquetValue?]: Int] = [:]
            for row in 0..<data.rows {
                let key = keyColumns.map { $0[row] }
                if let previous = newest[key], (seqs[previous] ?? 0) >= (seqs[row] ?? 0) { continue }
                newest[key] = row
            }
            let live = newest.values.filter { ops[$0] != "REMOVE" }.sorted { (seqs[$0] ?? 0) < (seqs[$1] ?? 0) }
            let keep = data.columns.indices.filter { !["_op", "_shard"].contains(data.columns[$0].name) }
            let key = Snapshotter.key(dataset)
            _ = try writeParquet(key, columns: keep.map { data.columns[$0] }, values: keep.map { data.values[$0].gather(live) })
            return SnapshotResult(path: storage.url(key), rows: live.count, changes: data.rows, keys: schema.keys)
        }
    }

    /// Athena/Trino DDL for every dataset (see ``LakeCatalog/ddl(bucketURI:)``).
    public func ddl(bucketURI: String) throws -> [String] { try catalog.ddl(bucketURI: bucketURI) }
}

extension LakeCatalog {
    /// `CREATE EXTERNAL TABLE` statements for Athena (and Trino's Hive connector) over this lake copied to
    /// `bucketURI` (`s3://bucket/prefix`): one per dataset, Parquet, partitioned by `dt` with partition
    /// projection (no `MSCK REPAIR` needed), plus one per snapshot (`<dataset>_current`, unpartitioned).
    ///
    /// Engines that list S3 folders instead of reading `_manifest.json` see orphans of an interrupted
    /// compaction until the next ``LakeStore/vacuum(dataset:)``; files starting with `_` are ignored by them.
    public func ddl(bucketURI: String) throws -> [String] {
        var base = bucketURI
        guard base.hasPrefix("s3://"), base.count > 5, !base.contains("'"), !base.contains("\\") else {
            throw LakeError.invalidArgument("bucket URI '\(bucketURI)' must look like s3://bucket/prefix")
        }
        while base.hasSuffix("/") { base.removeLast() }
        func quote(_ name: String) -> String { "`" + name.replacing("`", with: "``") + "`" }
        func columns(_ list: [DatasetSchema.Column]) -> String {
            list.map { "  \(quote($0.name)) \($0.type.hiveType)" }.joined(separator: ",\n")
        }
        var out: [String] = []
        for dataset in try datasets() {
            guard let schema = try schema(dataset: dataset) else { continue }
            let location = "\(base)/\(dataset)/"
            out.append("""
                CREATE EXTERNAL TABLE IF NOT EXISTS \(quote(dataset)) (
                \(columns(schema.columns))
                )
                PARTITIONED BY (`dt` string)
                STORED AS PARQUET
                LOCATION '\(location)'
                TBLPROPERTIES (
                  'parquet.compression'='SNAPPY',
                  'projection.enabled'='true',
                  'projection.dt.type'='date',
                  'projection.dt.format'='yyyy-MM-dd',
                  'projection.dt.range'='2024-01-01,NOW',
                  'projection.dt.interval'='1',
                  'projection.dt.interval.unit'='DAYS',
                  'storage.location.template'='\(location)dt=${dt}/'
                );
                """)
            if snapshotPath(dataset: dataset) != nil {
                let current = schema.columns.filter { !["_op", "_shard"].contains($0.name) }
                out.append("""
                    CREATE EXTERNAL TABLE IF NOT EXISTS \(quote(dataset + LakeLayout.currentSuffix)) (
                    \(columns(current))
                    )
                    STORED AS PARQUET
                    LOCATION '\(base)/\(dataset)\(LakeLayout.currentSuffix)/';
                    """)
            }
        }
        return out
    }
}
