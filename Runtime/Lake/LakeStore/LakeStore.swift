#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DynamoModel
import Parquet
import Synchronization

/// Settings of a lake.
public struct LakeOptions: Sendable {
    /// Records → datasets.
    public var mapping: DatasetMapping
    /// Parquet settings (Snappy by default).
    public var parquet: ParquetWriterOptions
    /// Scale of the DECIMAL(38, s) columns non-integer N attributes get.
    public var decimalScale: Int

    public init(mapping: DatasetMapping = .standard, parquet: ParquetWriterOptions = .init(), decimalScale: Int = 9) {
        self.mapping = mapping
        self.parquet = parquet
        self.decimalScale = decimalScale
    }
}

/// What ``LakeStore/ingest(_:shard:)`` did with a batch.
public struct IngestResult: Sendable {
    public struct WrittenFile: Sendable, Hashable {
        public var dataset: String
        public var file: LakeFile
        /// The file was already on disk from an interrupted earlier attempt with the same records.
        public var adopted: Bool
    }
    public struct GroupFailure: Sendable, Hashable {
        public var dataset: String
        public var dt: String
        /// The lowest sequence number of the group.
        public var firstSequenceNumber: String
        public var records: Int
        public var error: String
    }
    public struct MalformedRecord: Sendable, Hashable {
        /// Position in the batch.
        public var index: Int
        public var sequenceNumber: String
        public var reason: String
    }

    public var written: [WrittenFile] = []
    /// Records already in the lake (a retried batch) that were not written again.
    public var duplicatesSkipped = 0
    public var failures: [GroupFailure] = []
    public var malformed: [MalformedRecord] = []
    /// The sequence numbers to report as `batchItemFailures`: every record from the lowest failed one on,
    /// in batch order (Lambda checkpoints before the lowest reported and redelivers the rest; records
    /// already written are then recognised and skipped).
    public var failedItemIdentifiers: [String] = []
    /// Set when a failure cannot be expressed by identifiers (a malformed sequence number with no valid one
    /// before it): the whole batch must fail.
    public var unreportableFailure: String?

    /// Rows written (adopted files included).
    public var rowsWritten: Int { written.reduce(0) { $0 + $1.file.rows } }
}

/// A lake of Parquet files fed by DynamoDB stream records (see ``LakeLayout`` for the layout), in a
/// folder or an S3 bucket (see ``LakeStorage``).
///
/// ```swift
/// let lake = LakeStore(root: "/data/lake")      // or: try LakeStore(location: "s3://bucket/lake")
/// let result = lake.ingest(event.records)
/// return BatchItemFailures(itemIdentifiers: result.failedItemIdentifiers)
/// ```
public struct LakeStore: Sendable {
    /// Where the lake's objects live.
    public let storage: any LakeStorage
    public let options: LakeOptions

    /// The lake in a folder.
    public init(root: String, options: LakeOptions = .init()) {
        self.init(storage: DirectoryLakeStorage(root: root), options: options)
    }

    /// The lake at `location`: a folder, or `s3://bucket/prefix` (S3 configured from `environment`, the
    /// process environment when nil).
    public init(location: String, options: LakeOptions = .init(), environment: [String: String]? = nil) throws {
        self.init(storage: try LakeLocation.storage(location, environment: environment), options: options)
    }

    public init(storage: any LakeStorage, options: LakeOptions = .init()) {
        self.storage = storage
        self.options = options
    }

    /// Datasets whose leftovers this store has removed (shared by its copies).
    private let sweptDatasets = SweptDatasets()

    private final class SweptDatasets: Sendable {
        let names = Mutex<Set<String>>([])
    }

    /// The lake's location: a folder path or `s3://bucket/prefix`.
    public var root: String { storage.location }

    /// The catalog of this lake.
    public var catalog: LakeCatalog { LakeCatalog(storage: storage) }

    /// Writes a Parquet file (in memory, then one atomic storage write); returns its size in bytes.
    func writeParquet(_ key: String, columns: [ParquetColumn], values: [ColumnValues]) throws -> Int {
        let writer = try ParquetWriter(columns: columns, options: options.parquet)
        do {
            try writer.append(values)
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
        try storage.write(key, writer.data)
        return writer.data.count
    }

    /// One change, ready to become a row.
    struct Change {
        var index: Int
        var seq: Int128
        var seqText: String
        var op: String
        var micros: Int64
        var dt: String
        var shard: String?
        var item: Item
        var keyNames: [String]
    }

    /// The dataset a change goes to, with its configured keys and fixed types.
    struct Target {
        var dataset: String
        var keys: [String]
        var columnTypes: [String: LakeColumnType]
    }

    // MARK: Ingest

    /// Writes a batch of stream records into the lake.
    ///
    /// Records are grouped by dataset and `dt`; each group becomes one file
    /// `dt=…/part-<firstSeq>-<lastSeq>.parquet` (rows in sequence order), written atomically (temporary
    /// name, fsync and rename on disk; one PUT on S3), then listed in the dataset's manifest (one manifest
    /// commit per dataset). On S3 a commit that loses to a concurrent writer is retried from a fresh manifest.
    /// Records whose `_seq` a live file of the same partition already holds are skipped, so a redelivered
    /// batch — same boundaries or not — never duplicates rows; a file already on disk under the same name but
    /// not in the manifest (a crash before the commit) is adopted when its row count matches.
    ///
    /// A failing group does not stop the others; the result says which sequence numbers to report.
    /// `shard` fills `_shard` (Lambda's DynamoDB events name no shard; without one `_shard` holds the
    /// record's `eventSourceARN`).
    public func ingest(_ records: [StreamRecord], shard: String? = nil) -> IngestResult {
        var result = IngestResult()
        var groups: [String: [String: [Change]]] = [:]  // dataset → dt → changes
        var targets: [String: Target] = [:]
        for (index, record) in records.enumerated() {
            switch prepare(record, index: index, shard: shard) {
            case .failure(let reason):
                result.malformed.append(.init(index: index, sequenceNumber: record.dynamodb.sequenceNumber, reason: reason.text))
            case .success(let (change, target)):
                if targets[target.dataset] == nil { targets[target.dataset] = target }
                groups[target.dataset, default: [:]][change.dt, default: []].append(change)
            }
        }
        var failedFirstSeqs: [Int128] = []
        for dataset in groups.keys.sorted() {
            let partitions = groups[dataset]!
            do {
                try storage.withLock(dataset: dataset) {
                    // A lost conditional commit (S3: another writer committed first) is retried on the new manifest.
                    var attempt = 1
                    while true {
                        var attemptResult = result, attemptFailed = failedFirstSeqs
                        do {
                            try ingest(
                                dataset: dataset, partitions: partitions, target: targets[dataset]!, into: &attemptResult,
                                failed: &attemptFailed)
                            result = attemptResult
                            failedFirstSeqs = attemptFailed
                            return
                        } catch LakeError.conflict(let reason) {
                            guard attempt < Self.commitAttempts else { throw LakeError.conflict(reason) }
                            // Full jitter, so writers that collided do not collide again in step.
                            usleep(UInt32.random(in: 0...UInt32(min(1000, 20 << attempt))) * 1000)
                            attempt += 1
                        }
                    }
                }
            } catch {
                // The lock or the dataset's metadata failed: every group of the dataset failed.
                for (dt, changes) in partitions {
                    let first = changes.map(\.seq).min()!
                    failedFirstSeqs.append(first)
                    result.failures.append(.init(dataset: dataset, dt: dt, firstSequenceNumber: String(first), records: changes.count, error: "\(error)"))
                }
            }
        }
        report(records, failedFirstSeqs: failedFirstSeqs, into: &result)
        return result
    }

    private func prepare(_ record: StreamRecord, index: Int, shard: String?) -> Result<(Change, Target), MalformedReason> {
        let data = record.dynamodb
        guard let seq = LakeLayout.sequenceNumber(data.sequenceNumber) else {
            return .failure(.init("SequenceNumber '\(data.sequenceNumber)' is not 1 to 38 decimal digits"))
        }
        guard let seconds = data.approximateCreationDateTime, let dt = LakeLayout.date(epochSeconds: seconds) else {
            return .failure(.init("ApproximateCreationDateTime is missing or out of range"))
        }
        var item: Item
        switch record.eventName {
        case .remove: item = data.oldImage ?? data.keys
        case .insert, .modify: item = data.newImage ?? data.keys
        }
        for (k, v) in data.keys where item[k] == nil { item[k] = v }
        guard !item.isEmpty else { return .failure(.init("the record has neither keys nor an image")) }
        let resolved = options.mapping.resolve(item, eventSourceARN: record.eventSourceARN)
        let change = Change(
            index: index, seq: seq, seqText: String(seq), op: record.eventName.rawValue,
            micros: Int64((seconds * 1_000_000).rounded()), dt: dt, shard: shard ?? record.eventSourceARN,
            item: item, keyNames: data.keys.keys.sorted())
        return .success((change, Target(dataset: resolved.dataset, keys: resolved.keys, columnTypes: resolved.columnTypes)))
    }

    struct MalformedReason: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    /// Attempts at an ingest commit that loses to concurrent writers (S3).
    static let commitAttempts = 8

    /// Writes the partitions of one dataset (holding its lock where the storage has one). Throws
    /// `LakeError.conflict` when the schema or manifest commit lost to another writer (nothing committed).
    private func ingest(
        dataset: String, partitions: [String: [Change]], target: Target, into result: inout IngestResult, failed: inout [Int128]
    ) throws {
        let folder = dataset
        var manifest = try Manifest.load(storage, dataset)
        var schema = try DatasetSchema.load(storage, dataset)
        var written: [(IngestResult.WrittenFile, Int128, Int)] = []
        // Oldest group first.
        let ordered = partitions.map { ($0.key, $0.value) }.sorted { $0.1.map(\.seq).min()! < $1.1.map(\.seq).min()! }
        for (dt, changes) in ordered {
            let first = changes.map(\.seq).min()!
            var path: String? = nil
            do {
                if schema == nil {
                    schema = DatasetSchema(dataset: dataset, keys: target.keys.isEmpty ? changes[0].keyNames : target.keys)
                }
                if let file = try writeGroup(
                    folder: folder, dt: dt, changes: changes, target: target, schema: &schema!, manifest: manifest,
                    skipped: &result.duplicatesSkipped, path: &path)
                {
                    manifest.files.append(file.file)
                    written.append((file, first, changes.count))
                }
            } catch let error as LakeError where error.isConflict {
                throw error
            } catch {
                if let path, !manifest.files.contains(where: { folder + "/" + $0.path == path }) { try? storage.delete(path) }
                failed.append(first)
                result.failures.append(.init(dataset: dataset, dt: dt, firstSequenceNumber: String(first), records: changes.count, error: "\(error)"))
            }
        }
        guard !written.isEmpty else { return }
        do {
            try manifest.commit(storage)
            result.written += written.map(\.0)
            removeStraysOnce(dataset: dataset)
        } catch let error as LakeError where error.isConflict {
            // Another writer committed first: the retry adopts the files just written (same keys).
            throw error
        } catch {
            // Without a durable manifest the new files are not in the lake: remove them.
            for (file, first, count) in written {
                try? storage.delete(folder + "/" + file.file.path)
                failed.append(first)
                result.failures.append(.init(dataset: dataset, dt: file.file.dt, firstSequenceNumber: String(first), records: count, error: "manifest commit failed: \(error)"))
            }
        }
    }

    /// The first commit to a dataset through this store (an ETL function makes one per process) also
    /// removes what an earlier process left behind.
    /// A part file written just before a crash, whose records were later delivered again in a batch with
    /// other bounds (so under another name), would otherwise stay beside the live file: not in the manifest,
    /// but read twice by engines that list the folders. Runs under the dataset's lock; on S3, young unlisted
    /// files are spared as in ``vacuum(dataset:)``.
    private func removeStraysOnce(dataset: String) {
        guard sweptDatasets.names.withLock({ $0.insert(dataset).inserted }) else { return }
        _ = try? vacuumLocked(dataset: dataset)
    }

    /// Writes one dataset/dt group as a Parquet file; nil when every record is already in the lake.
    private func writeGroup(
        folder: String, dt: String, changes unsorted: [Change], target: Target, schema: inout DatasetSchema,
        manifest: Manifest, skipped: inout Int, path outPath: inout String?
    ) throws -> IngestResult.WrittenFile? {
        // Sequence order; one row per sequence number.
        var changes: [Change] = []
        changes.reserveCapacity(unsorted.count)
        var seen = Set<Int128>()
        for c in unsorted.sorted(by: { $0.seq < $1.seq }) where seen.insert(c.seq).inserted { changes.append(c) }
        skipped += unsorted.count - changes.count
        // Skip records a live file of this partition already holds.
        let low = changes.first!.seq, high = changes.last!.seq
        var present = Set<Int128>()
        for file in manifest.files where file.dt == dt && file.maxSeq >= low && file.minSeq <= high {
            let reader = try storage.parquet(folder + "/" + file.path, size: file.bytes)
            guard let column = reader.columnIndex(named: "_seq"), case .decimal(let seqs) = try reader.readColumn(column) else {
                throw LakeError.corrupt("\(file.path) has no _seq column")
            }
            for s in seqs { if let s { present.insert(s) } }
        }
        if !present.isEmpty {
            let before = changes.count
            changes.removeAll { present.contains($0.seq) }
            skipped += before - changes.count
        }
        guard let firstSeq = changes.first?.seq, let lastSeq = changes.last?.seq else { return nil }

        let schemaChanged = extend(&schema, with: changes, target: target)
        if schemaChanged { try schema.save(storage) }
        let (columns, values) = build(changes, schema: schema)

        let name = LakeLayout.partFileName(first: firstSeq, last: lastSeq)
        let relative = LakeLayout.partitionFolder(dt: dt) + "/" + name
        let path = folder + "/" + relative
        guard !manifest.files.contains(where: { $0.path == relative }) else {
            throw LakeError.corrupt("\(relative) is live but lacks sequence numbers \(firstSeq)…\(lastSeq)")
        }
        var adopted = false
        let bytes: Int
        if let size = try storage.size(path), let existing = try? storage.parquet(path, size: size),
            existing.rowCount == Int64(changes.count), existing.columns.map(\.name) == columns.map(\.name)
        {
            adopted = true
            bytes = size
        } else {
            outPath = path
            bytes = try writeParquet(path, columns: columns, values: values)
        }
        let file = LakeFile(path: relative, dt: dt, rows: changes.count, bytes: bytes, minSeq: firstSeq, maxSeq: lastSeq)
        return .init(dataset: schema.dataset, file: file, adopted: adopted)
    }

    /// Adds columns for attributes seen for the first time (in sequence order, names sorted within a record).
    private func extend(_ schema: inout DatasetSchema, with changes: [Change], target: Target) -> Bool {
        var known = Set(schema.columns.map(\.name))
        var lower = Set(schema.columns.map { $0.name.lowercased() })
        var changed = false
        func add(_ name: String, _ value: AttributeValue?, seq: String) {
            guard let type = target.columnTypes[name] ?? value.flatMap({ Values.inferType($0, decimalScale: options.decimalScale) }),
                schema.acceptsNewColumn(name, lowercased: lower)
            else { return }
            schema.append(.init(name: name, type: type, firstSeenSeq: seq))
            known.insert(name)
            lower.insert(name.lowercased())
            changed = true
        }
        // Key columns come first, when the schema is new.
        for key in schema.keys where !known.contains(key) {
            if let c = changes.first(where: { $0.item[key] != nil }) { add(key, c.item[key], seq: c.seqText) }
        }
        for c in changes {
            var fresh: [String] = []
            for name in c.item.keys where !known.contains(name) { fresh.append(name) }
            for name in fresh.sorted() { add(name, c.item[name], seq: c.seqText) }
        }
        return changed
    }

    /// The Parquet columns and values of a group.
    private func build(_ changes: [Change], schema: DatasetSchema) -> ([ParquetColumn], [ColumnValues]) {
        let n = changes.count
        var ops: [String?] = [], seqs: [Int128?] = [], times: [Int64?] = [], shards: [String?] = [], extras: [String?] = []
        ops.reserveCapacity(n); seqs.reserveCapacity(n); times.reserveCapacity(n); shards.reserveCapacity(n); extras.reserveCapacity(n)
        var index: [String: Int] = [:]
        var builders: [ColumnBuilder] = []
        for c in schema.columns where !DatasetSchema.reservedNames.contains(c.name) {
            index[c.name] = builders.count
            builders.append(ColumnBuilder(type: c.type, capacity: n))
        }
        var extra: [(String, AttributeValue)] = []
        for (row, c) in changes.enumerated() {
            ops.append(c.op)
            seqs.append(c.seq)
            times.append(c.micros)
            shards.append(c.shard)
            extra.removeAll(keepingCapacity: true)
            for (name, value) in c.item {
                if let i = index[name], builders[i].append(value) { continue }
                if case .null = value, index[name] != nil { continue }
                extra.append((name, value))
            }
            for i in builders.indices where builders[i].count == row { builders[i].appendNull() }
            if extra.isEmpty {
                extras.append(nil)
            } else {
                extra.sort { $0.0 < $1.0 }
                var json = "{"
                for (i, (name, value)) in extra.enumerated() {
                    if i > 0 { json += "," }
                    JSONWriter.quote(name, to: &json)
                    json += ":"
                    JSONWriter.typed(value, to: &json)
                }
                json += "}"
                extras.append(json)
            }
        }
        var columns: [ParquetColumn] = []
        var values: [ColumnValues] = []
        for c in schema.columns {
            columns.append(ParquetColumn(name: c.name, type: c.type.parquetType, nullable: !["_op", "_seq", "_ts"].contains(c.name)))
            switch c.name {
            case "_op": values.append(.string(ops))
            case "_seq": values.append(.decimal(seqs))
            case "_ts": values.append(.timestampMicros(times))
            case "_shard": values.append(.string(shards))
            case "_extra": values.append(.string(extras))
            default: values.append(builders[index[c.name]!].values())
            }
        }
        return (columns, values)
    }

    /// Turns failures into the identifiers Lambda needs.
    private func report(_ records: [StreamRecord], failedFirstSeqs: [Int128], into result: inout IngestResult) {
        // The lowest failing position, compared as decimal digit strings.
        var cut: String? = failedFirstSeqs.min().map { String($0) }
        func lower(_ s: String) {
            if let c = cut, !SequenceText.less(s, c) { return }
            cut = s
        }
        for m in result.malformed {
            if SequenceText.isDigits(m.sequenceNumber) {
                lower(m.sequenceNumber)
            } else if let previous = records[..<m.index].last(where: { SequenceText.isDigits($0.dynamodb.sequenceNumber) }) {
                // Its own identifier would fail the whole batch: checkpoint before the record preceding it
                // (redelivered, that one is recognised and skipped).
                lower(previous.dynamodb.sequenceNumber)
            } else {
                result.unreportableFailure = "record \(m.index) is malformed (\(m.reason)) and no valid sequence number precedes it"
            }
        }
        guard let cut else { return }
        result.failedItemIdentifiers = records.map(\.dynamodb.sequenceNumber).filter {
            SequenceText.isDigits($0) && !SequenceText.less($0, cut)
        }
    }
}

/// Sequence numbers compared as decimal digit strings of any length.
enum SequenceText {
    static func isDigits(_ s: String) -> Bool { !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    static func less(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8.drop { $0 == 0x30 }), y = Array(b.utf8.drop { $0 == 0x30 })
        if x.count != y.count { return x.count < y.count }
        return x.lexicographicallyPrecedes(y)
    }
}
