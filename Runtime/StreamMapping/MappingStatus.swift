/// A mapping's state and counters, for a status display.
public struct MappingStatus: Sendable, Equatable {
    /// One shard's position and lag.
    public struct ShardStatus: Sendable, Equatable {
        public var shardId: String
        /// The saved checkpoint (last record of the done prefix).
        public var checkpoint: String?
        /// Records not yet done: in flight, buffered, or not yet read (unread ones counted up to 1,000).
        public var recordsBehind: Int
        /// Age of the oldest record not yet done, in milliseconds (0 when caught up).
        public var iteratorAgeMilliseconds: Int64
    }

    public var name: String
    public var functionLogicalId: String
    public var tableName: String
    public var enabled: Bool
    /// True once the stream's shards were found and polling started.
    public var running: Bool
    /// The last error met while reading the stream or saving files, if any.
    public var lastError: String?
    /// Function invocations.
    public var invocations: Int
    /// Invocations that failed or reported failed items.
    public var errors: Int
    /// Records the function processed successfully.
    public var recordsDelivered: Int
    /// Records dropped by `FilterCriteria`.
    public var recordsFiltered: Int
    /// Records given up on (retries exhausted or too old); written to the failure file when a destination is set.
    public var recordsFailed: Int
    public var shards: [ShardStatus]

    /// Records behind the stream head, over all shards.
    public var recordsBehind: Int { shards.reduce(0) { $0 + $1.recordsBehind } }
    /// The largest iterator age over all shards.
    public var iteratorAgeMilliseconds: Int64 { shards.map(\.iteratorAgeMilliseconds).max() ?? 0 }
}
