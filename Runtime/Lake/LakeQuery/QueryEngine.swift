import Parquet

/// Runs SQL over the datasets of a catalog.
///
/// ```swift
/// let engine = QueryEngine(catalog: try LakeDirectory.catalog(at: "/lake", keyColumns: ["tasks": ["PK", "SK"]]))
/// let result = try engine.execute("SELECT status, count(*) FROM tasks_current WHERE dt >= '2026-01-01' GROUP BY status")
/// print(ResultFormatter.table(result))
/// ```
///
/// `FROM <dataset>` reads every change row; `FROM <dataset>_current` reads the merge-on-read state (see
/// `CurrentView`). Partition predicates prune files before they are opened (not for `_current`, where an
/// older partition can hold a key's latest change); `column op literal` predicates skip row groups by statistics.
public struct QueryEngine: Sendable {
    public let catalog: any QueryCatalog
    /// Rows per batch handed to the evaluator when a file's row groups are larger (keeps memory bounded).
    public var options: ParquetReaderOptions
    /// How a file's bytes are read: by default the local file at `QueryFile.path`; for an object store,
    /// ranged reads (the footer first, then only the column chunks a query needs).
    public var input: @Sendable (QueryFile) throws -> any RandomAccessInput

    public init(
        catalog: any QueryCatalog, options: ParquetReaderOptions = .init(),
        input: @escaping @Sendable (QueryFile) throws -> any RandomAccessInput = { try FileBytes(path: $0.path) }
    ) {
        self.catalog = catalog
        self.options = options
        self.input = input
    }

    /// Parses, plans and runs one `SELECT`.
    public func execute(_ sql: String) throws(QueryError) -> QueryResult {
        let statement = try Parser.parse(sql)
        var stats = QueryStats()

        // Dataset or `<dataset>_current`.
        var current = false
        var dataset = catalog.dataset(named: statement.dataset)
        if dataset == nil, statement.dataset.lowercased().hasSuffix("_current") {
            dataset = catalog.dataset(named: String(statement.dataset.dropLast("_current".count)))
            current = dataset != nil
        }
        guard let dataset else {
            throw .unknownDataset(statement.dataset, at: SourcePosition(offset: statement.datasetOffset, in: sql))
        }
        let partitions = PartitionColumns(dataset)
        stats.filesTotal = dataset.files.count

        // Partition pruning: conjuncts that bind against the partition columns alone, evaluated per file.
        var keep = Array(dataset.files.indices)
        if !current, let filter = statement.whereClause {
            let pschema = partitions.schema
            var binder = Binder(sql: sql, schema: pschema)
            var prunes: [BoundExpr] = []
            for conjunct in Self.conjuncts(filter) {
                if let bound = try? binder.predicate(conjunct) { prunes.append(bound) }
            }
            if !prunes.isEmpty {
                var kept: [Int] = []
                files: for i in keep {
                    let batch = Batch(columns: partitions.values[i].map { .constant($0, count: 1) }, count: 1)
                    for p in prunes where Batch.selection(try Evaluator.evaluate(p, batch)).isEmpty { continue files }
                    kept.append(i)
                }
                keep = kept
            }
        }
        stats.filesPruned = dataset.files.count - keep.count

        // Kept files are opened (footer parsed; chunks are read later), pruned ones read footer-only for
        // the schema over all files (union by name); both on all cores.
        let kept = Set(keep)
        let allFiles = dataset.files
        let options = self.options, input = self.input
        let footers = try Parallel.map(allFiles.count) { i throws(QueryError) -> (OpenFile?, [ParquetColumn]) in
            if kept.contains(i) {
                let o = try Self.open(allFiles[i], index: i, options: options, input: input)
                return (o, o.reader.columns)
            }
            let source: any RandomAccessInput
            do { source = try input(allFiles[i]) } catch { throw .io("\(allFiles[i].path): \(error)") }
            return (nil, try FooterReader.columns(allFiles[i].path, input: source))
        }
        var files: [OpenFile] = []
        var fileColumns: [(path: String, columns: [ParquetColumn])] = []
        for (i, f) in footers.enumerated() {
            if let o = f.0 { files.append(o); stats.filesOpened += 1 } else { stats.footersRead += 1 }
            fileColumns.append((allFiles[i].path, f.1))
        }
        let schema = try Scanner.unionSchema(fileColumns, partitions: partitions)
        let plan = try Binder.plan(statement, sql: sql, schema: schema)

        var sink = try RowSink(plan: plan)
        if current {
            let slot = { (name: String) throws(QueryError) -> Int in
                guard let s = schema.index(of: name) else {
                    throw .unknownColumn(name, at: SourcePosition(offset: statement.datasetOffset, in: sql))
                }
                return s
            }
            guard !dataset.keyColumns.isEmpty else {
                throw .unknownDataset("\(statement.dataset) (dataset '\(dataset.name)' declares no key columns)",
                                      at: SourcePosition(offset: statement.datasetOffset, in: sql))
            }
            var keySlots: [Int] = []
            for k in dataset.keyColumns { keySlots.append(try slot(k)) }
            let view = CurrentView(keySlots: keySlots, seqSlot: try slot("_seq"), opSlot: try slot("_op"))
            let needed = plan.neededColumns.union(keySlots).union([view.seqSlot, view.opSlot])
            let scanner = Scanner(schema: schema, partitions: partitions, needed: needed.sorted(), predicates: [])
            var batches: [Batch] = []
            for f in files { _ = try scanner.scan(f, stats: &stats) { b in batches.append(b); return true } }
            _ = try sink.consume(try view.merge(batches, schema: schema))
        } else {
            let scanner = Scanner(schema: schema, partitions: partitions, needed: plan.neededColumns.sorted(),
                                  predicates: StatPredicate.extract(plan.filter, schema: schema), keepDictionaries: true)
            if plan.isAggregate, files.reduce(0, { $0 + $1.reader.rowGroupCount }) > 1 {
                try ParallelScan.aggregate(files, scanner: scanner, plan: plan, into: sink, stats: &stats)
            } else {
                for f in files {
                    guard try scanner.scan(f, stats: &stats, { b throws(QueryError) in try sink.consume(b) }) else { break }
                }
            }
        }
        let rows = try sink.finish()
        let columns = zip(plan.outputNames, plan.outputs).map { QueryColumn(name: $0, type: $1.type) }
        return QueryResult(columns: columns, rows: rows, stats: stats)
    }

    private static func open(
        _ file: QueryFile, index: Int, options: ParquetReaderOptions, input: (QueryFile) throws -> any RandomAccessInput
    ) throws(QueryError) -> OpenFile {
        do {
            let reader = try ParquetReader(input: input(file), options: options)
            return OpenFile(reader: reader, index: index, path: file.path)
        } catch {
            throw .io("\(file.path): \(error)")
        }
    }

    /// Top-level `AND` conjuncts of a parsed condition.
    static func conjuncts(_ e: Expr) -> [Expr] {
        if case .binary("AND", let a, let b) = e.kind { return conjuncts(a) + conjuncts(b) }
        if case .between = e.kind { return [e] }
        return [e]
    }
}
