import Parquet

/// An opened file of the dataset.
struct OpenFile: Sendable {
    var reader: ParquetReader
    /// Index into the dataset's `files` (and the partition values).
    var index: Int
    var path: String
}

/// A simple predicate `column op literal` (or `column IN (literals)`) used to skip row groups by statistics.
struct StatPredicate: Sendable {
    var slot: Int
    var op: String
    var values: [QueryValue]

    /// The usable conjuncts of a filter (partition columns are left to file pruning).
    static func extract(_ filter: BoundExpr?, schema: QuerySchema) -> [StatPredicate] {
        guard let filter else { return [] }
        var out: [StatPredicate] = []
        let flip = ["<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "<>": "<>"]
        for c in filter.conjuncts {
            switch c.kind {
            case .compare(let op, let a, let b):
                if case .column(let s) = a.kind, case .literal(let v) = b.kind, !v.isNull, !schema.columns[s].isPartition {
                    out.append(StatPredicate(slot: s, op: op, values: [v]))
                } else if case .literal(let v) = a.kind, case .column(let s) = b.kind, !v.isNull, !schema.columns[s].isPartition {
                    out.append(StatPredicate(slot: s, op: flip[op]!, values: [v]))
                }
            case .inList(let a, let items, false):
                guard case .column(let s) = a.kind, !schema.columns[s].isPartition else { continue }
                let vs = items.compactMap { if case .literal(let v) = $0.kind, !v.isNull { v } else { nil } }
                if vs.count == items.count, !vs.isEmpty { out.append(StatPredicate(slot: s, op: "in", values: vs)) }
            default: continue
            }
        }
        return out
    }

    /// True when no row of a chunk with these statistics can satisfy the predicate.
    func excludes(min lo: QueryValue, max hi: QueryValue) -> Bool {
        let v = values[0]
        if case .double(let d) = v, d.isNaN { return false }
        switch op {
        case "=": return QueryValue.order(v, lo) < 0 || QueryValue.order(v, hi) > 0
        case "<": return QueryValue.order(lo, v) >= 0
        case "<=": return QueryValue.order(lo, v) > 0
        case ">": return QueryValue.order(hi, v) <= 0
        case ">=": return QueryValue.order(hi, v) < 0
        case "in": return values.allSatisfy { QueryValue.order($0, lo) < 0 || QueryValue.order($0, hi) > 0 }
        default: return false
        }
    }
}

/// Reads the needed columns of opened files, row group by row group, as batches over the query schema.
struct Scanner {
    let schema: QuerySchema
    let partitions: PartitionColumns
    /// Schema slots to read (others stay null constants).
    let needed: [Int]
    let predicates: [StatPredicate]
    /// Whether dictionary-encoded string columns stay as codes (`Vector.dictionary`) for the filter and GROUP BY.
    var keepDictionaries = false

    /// The schema of a set of files: columns by name in first-seen order (types widened, see
    /// `QueryType.widened`), then the partition columns.
    static func unionSchema(_ files: [(path: String, columns: [ParquetColumn])], partitions: PartitionColumns) throws(QueryError) -> QuerySchema {
        var columns: [QuerySchema.Column] = []
        var origin: [String] = []
        for f in files {
            for c in f.columns where !partitions.names.contains(c.name) {
                let t = QueryType(c.type)
                if let i = columns.firstIndex(where: { $0.name == c.name }) {
                    guard let w = QueryType.widened(columns[i].type, t) else {
                        throw .schemaConflict(column: c.name, "\(columns[i].type) in \(origin[i]), \(t) in \(f.path)")
                    }
                    columns[i].type = w
                } else {
                    columns.append(.init(name: c.name, type: t, isPartition: false))
                    origin.append(f.path)
                }
            }
        }
        for (n, t) in zip(partitions.names, partitions.types) { columns.append(.init(name: n, type: t, isPartition: true)) }
        return QuerySchema(columns: columns)
    }

    /// Feeds `body` one batch per row group not skipped (of `groups`, default all); stops when `body`
    /// returns false (returns false then).
    func scan(
        _ file: OpenFile, groups: Range<Int>? = nil, stats: inout QueryStats, _ body: (Batch) throws(QueryError) -> Bool
    ) throws(QueryError) -> Bool {
        let reader = file.reader
        var fileColumn: [Int: Int] = [:]
        for slot in needed where !schema.columns[slot].isPartition {
            let name = schema.columns[slot].name
            if let i = reader.columnIndex(named: name) ?? reader.columns.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                fileColumn[slot] = i
            }
        }
        let groups = (groups ?? 0..<reader.rowGroupCount).clamped(to: 0..<reader.rowGroupCount)
        stats.rowGroupsTotal += groups.count
        for group in groups {
            let rows: Int
            do { rows = Int(try reader.rowCount(rowGroup: group)) } catch { throw .io("\(file.path): \(error)") }
            if try skip(reader, group, rows: rows, fileColumn: fileColumn, path: file.path) {
                stats.rowGroupsSkipped += 1
                continue
            }
            var columns = [Vector](repeating: .constant(.null, count: rows), count: schema.columns.count)
            for slot in needed {
                let target = schema.columns[slot].type
                if schema.columns[slot].isPartition {
                    let p = partitions.names.firstIndex(of: schema.columns[slot].name)!
                    columns[slot] = .constant(partitions.values[file.index][p], count: rows)
                } else if let c = fileColumn[slot] {
                    let fileType = QueryType(reader.columns[c].type)
                    stats.columnChunksRead += 1
                    if keepDictionaries, fileType == .string, target == .string,
                       let d = try Self.dictionary(reader, group, c, path: file.path) {
                        columns[slot] = .dictionary(d)
                        continue
                    }
                    let values: ColumnValues
                    do { values = try reader.readColumn(rowGroup: group, column: c) } catch { throw .io("\(file.path): \(error)") }
                    columns[slot] = try Cast.vector(Vector(values, as: fileType), from: fileType, to: target)
                }
            }
            stats.rowsRead += rows
            if try !body(Batch(columns: columns, count: rows)) { return false }
        }
        return true
    }

    /// A string chunk as dictionary codes, or nil when it is not entirely dictionary-encoded.
    private static func dictionary(_ reader: ParquetReader, _ group: Int, _ column: Int, path: String) throws(QueryError) -> DictionaryVector? {
        let d: DictionaryColumnValues?
        do { d = try reader.readDictionaryColumn(rowGroup: group, column: column) } catch { throw .io("\(path): \(error)") }
        guard let d, case .string(let values) = d.dictionary else { return nil }
        return DictionaryVector(values: values.map { $0 ?? "" }, codes: d.indices)
    }

    /// Whether the statistics of a row group rule out every predicate-satisfying row.
    private func skip(_ reader: ParquetReader, _ group: Int, rows: Int, fileColumn: [Int: Int], path: String) throws(QueryError) -> Bool {
        for p in predicates {
            // A column the file lacks is all NULL: no comparison holds.
            guard let c = fileColumn[p.slot] else { return true }
            let st: ColumnStatistics?
            do { st = try reader.statistics(rowGroup: group, column: c) } catch { continue }
            guard let st else { continue }
            if let nulls = st.nullCount, nulls >= Int64(rows) { return true }
            guard let lo = st.min, let hi = st.max else { continue }
            let type = QueryType(reader.columns[c].type)
            if p.excludes(min: Self.value(lo, type), max: Self.value(hi, type)) { return true }
        }
        return false
    }

    static func value(_ v: ParquetValue, _ type: QueryType) -> QueryValue {
        switch v {
        case .string(let s): .string(s)
        case .int64(let i): .int64(i)
        case .double(let d): .double(d)
        case .boolean(let b): .boolean(b)
        case .timestampMicros(let t): .timestamp(t)
        case .date(let d): .date(d)
        case .decimal(let d): .decimal(d, scale: type.scale)
        case .binary(let b): .binary(b)
        }
    }
}
