import TableEngine

/// How the supervisor runs its mappings (Lambda's values by default; tests shorten them).
public struct MappingOptions: Sendable {
    /// How often an idle shard is polled (Lambda: 4 times a second).
    public var pollInterval: Duration = .milliseconds(250)
    /// Pause before retrying a failed batch.
    public var retryDelay: Duration = .milliseconds(500)
    /// Largest invocation payload (Lambda: 6 MB).
    public var maximumPayloadBytes: Int = 6 * 1024 * 1024
    /// Wall clock for record ages, iterator age and timestamps (share the engine's ``ManualClock`` in tests).
    public var clock: any EngineClock = SystemClock()

    public init() {}
}
