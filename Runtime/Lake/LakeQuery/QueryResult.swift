/// A result column: its name and SQL type.
public struct QueryColumn: Hashable, Sendable {
    public var name: String
    public var type: QueryType

    public init(name: String, type: QueryType) {
        self.name = name
        self.type = type
    }
}

/// The rows of a query, with the counters of the run.
public struct QueryResult: Sendable {
    public var columns: [QueryColumn]
    public var rows: [[QueryValue]]
    /// What the engine opened, pruned and skipped.
    public var stats: QueryStats

    public init(columns: [QueryColumn], rows: [[QueryValue]], stats: QueryStats = QueryStats()) {
        self.columns = columns
        self.rows = rows
        self.stats = stats
    }
}
