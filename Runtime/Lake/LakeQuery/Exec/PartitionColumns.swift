/// The Hive partition columns of a dataset, typed like DuckDB's `hive_partitioning` auto-detection:
/// DATE when every value is `YYYY-MM-DD`, BIGINT when every value is an integer, VARCHAR otherwise.
struct PartitionColumns: Sendable {
    var names: [String]
    var types: [QueryType]
    /// Per file, one value per partition column (NULL where a file lacks the key).
    var values: [[QueryValue]]

    init(_ dataset: QueryDataset) {
        var names: [String] = []
        for f in dataset.files { for k in f.partition.keys.sorted() where !names.contains(k) { names.append(k) } }
        var types: [QueryType] = []
        for name in names {
            let raw = dataset.files.compactMap { $0.partition[name] }
            if raw.allSatisfy({ CivilDate.parseDate($0) != nil }) { types.append(.date) }
            else if raw.allSatisfy({ Int64($0) != nil }) { types.append(.int64) }
            else { types.append(.string) }
        }
        self.names = names
        self.types = types
        values = dataset.files.map { f in
            names.indices.map { i in
                guard let raw = f.partition[names[i]], raw != "__HIVE_DEFAULT_PARTITION__" else { return QueryValue.null }
                switch types[i] {
                case .date: return CivilDate.parseDate(raw).map(QueryValue.date) ?? .null
                case .int64: return Int64(raw).map(QueryValue.int64) ?? .null
                default: return .string(raw)
                }
            }
        }
    }

    /// A schema holding only the partition columns (to find predicates that prune files).
    var schema: QuerySchema {
        QuerySchema(columns: names.indices.map { .init(name: names[$0], type: types[$0], isPartition: true) })
    }
}
