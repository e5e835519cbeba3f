/// Counters of one query run: what pruning and skipping saved.
public struct QueryStats: Hashable, Sendable {
    /// Files the dataset lists.
    public var filesTotal = 0
    /// Files left out by partition predicates before being opened.
    public var filesPruned = 0
    /// Files opened (footer and data read).
    public var filesOpened = 0
    /// Pruned files whose footer alone was read, for the schema.
    public var footersRead = 0
    /// Row groups in the opened files.
    public var rowGroupsTotal = 0
    /// Row groups skipped thanks to min/max/null-count statistics.
    public var rowGroupsSkipped = 0
    /// Rows decoded from the row groups read.
    public var rowsRead = 0
    /// Column chunks decoded.
    public var columnChunksRead = 0

    public init() {}
}
