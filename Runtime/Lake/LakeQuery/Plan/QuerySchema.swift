/// The columns a query sees: data columns (union by name over files), then partition columns.
struct QuerySchema: Sendable {
    struct Column: Sendable {
        var name: String
        var type: QueryType
        /// A Hive partition column (value from the folder name, not from the file).
        var isPartition: Bool
    }

    var columns: [Column]

    /// The slot of `name`: exact match first, then case-insensitive (like DuckDB).
    func index(of name: String) -> Int? {
        if let i = columns.firstIndex(where: { $0.name == name }) { return i }
        let lower = name.lowercased()
        return columns.firstIndex { $0.name.lowercased() == lower }
    }
}
