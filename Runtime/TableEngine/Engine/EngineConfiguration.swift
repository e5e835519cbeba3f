/// Settings of an ``EmbeddedDynamoDB``.
public struct EngineConfiguration: Sendable {
    /// Region in ARNs and stream records.
    public var region: String = "us-east-1"
    /// Account id in ARNs.
    public var accountId: String = "000000000000"
    /// Shards per stream; records are placed by a hash of the partition key.
    public var shardsPerStream: Int = 4
    /// Interval of the background TTL sweep and stream trimming; `nil` turns it off (call ``EmbeddedDynamoDB/sweepExpiredItems(now:)``).
    public var sweepInterval: Duration? = .seconds(60)
    /// How long stream records stay readable.
    public var streamRetentionSeconds: Double = 24 * 3600
    /// How long a shard iterator stays valid.
    public var iteratorLifetimeSeconds: Double = 15 * 60
    /// How long a `ClientRequestToken` makes TransactWriteItems idempotent.
    public var idempotencyWindowSeconds: Double = 10 * 60
    /// Read connections kept open (more are opened on demand).
    public var readConnections: Int = 4
    /// Most write requests committed in one group.
    public var maxGroupSize: Int = 1024
    /// A write that finds the writer idle, while writes come one at a time, commits on its caller's
    /// thread: two thread hand-offs fewer, like a plain SQLite loop. Off by default, because the commit's
    /// fsync then blocks the caller's thread: on Swift's cooperative pool that starves other tasks, and on
    /// an event loop it stops the loop reading the requests that would share the next commit. Turn it on
    /// for a lone writer that owns its thread's time (a command-line import, a single-writer service).
    public var commitsOnCallerThread: Bool = false
    /// WAL pages per background checkpoint pass (4 KB each). Past four times as many (a steady stream of
    /// commits keeps the WAL from starting over) the writer checkpoints itself after one more background
    /// pass, and past five times at once: the WAL file reaches about 20 × this many KB under sustained
    /// writes. Fewer pages mean a smaller WAL but more frequent inline checkpoints, which the writes queued
    /// behind them wait for. See ``CheckpointSchedule``.
    public var checkpointPages: Int = 8000
    /// The clock.
    public var clock: any EngineClock = SystemClock()

    public init() {}
}
