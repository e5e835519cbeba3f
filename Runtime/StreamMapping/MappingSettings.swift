import SluiceTemplate

/// The settings of one DynamoDB event-source mapping, with Lambda's defaults and limits.
public struct MappingSettings: Sendable, Hashable {
    /// Where a mapping without a checkpoint starts reading.
    public enum StartingPosition: String, Sendable, Hashable {
        /// The oldest record still in the stream.
        case trimHorizon = "TRIM_HORIZON"
        /// Only records written after the mapping first started.
        case latest = "LATEST"
    }

    /// Most records per invocation (`BatchSize`, 1–1,000; default 100).
    public var batchSize: Int = 100
    /// How long to gather records before invoking (`MaximumBatchingWindowInSeconds`, 0–300).
    public var maximumBatchingWindowSeconds: Int = 0
    /// `StartingPosition`.
    public var startingPosition: StartingPosition = .trimHorizon
    /// Retries of a failing batch (`MaximumRetryAttempts`, -1 = until the record expires, or 0–10,000).
    public var maximumRetryAttempts: Int = -1
    /// Oldest record still sent (`MaximumRecordAgeInSeconds`, -1 = no limit, or 60–604,800).
    public var maximumRecordAgeSeconds: Int = -1
    /// `BisectBatchOnFunctionError`: split a failing batch in halves (does not use up retries).
    public var bisectBatchOnFunctionError: Bool = false
    /// `ParallelizationFactor` (1–10): concurrent batches per shard, order kept per item.
    public var parallelizationFactor: Int = 1
    /// `FunctionResponseTypes: [ReportBatchItemFailures]`.
    public var reportBatchItemFailures: Bool = false
    /// `DestinationConfig.OnFailure.Destination` (an ARN on AWS; locally a JSON-lines file is written when set).
    public var onFailureDestination: String?
    /// `FilterCriteria.Filters` (up to 5, OR-ed).
    public var filters: [FilterPattern] = []
    /// `Enabled`.
    public var enabled: Bool = true

    /// Lambda's defaults.
    public init() {}

    /// The settings of a template `DynamoDB` event, validated against Lambda's limits.
    public init(event: FunctionEvent, mapping: String) throws(StreamMappingError) {
        batchSize = event.batchSize ?? 100
        maximumBatchingWindowSeconds = event.maximumBatchingWindowInSeconds ?? 0
        if let position = event.startingPosition {
            guard let parsed = StartingPosition(rawValue: position) else {
                throw .invalidSetting(
                    mapping: mapping, setting: "StartingPosition", message: "must be TRIM_HORIZON or LATEST, not \(position)")
            }
            startingPosition = parsed
        }
        maximumRetryAttempts = event.maximumRetryAttempts ?? -1
        maximumRecordAgeSeconds = event.maximumRecordAgeInSeconds ?? -1
        bisectBatchOnFunctionError = event.bisectBatchOnFunctionError ?? false
        parallelizationFactor = event.parallelizationFactor ?? 1
        for type in event.functionResponseTypes where type != "ReportBatchItemFailures" {
            throw .invalidSetting(mapping: mapping, setting: "FunctionResponseTypes", message: "unknown value \(type)")
        }
        reportBatchItemFailures = event.reportsBatchItemFailures
        onFailureDestination = event.onFailureDestination
        filters = try event.filterPatterns.map { (text) throws(StreamMappingError) in try FilterPattern(json: text) }
        enabled = event.enabled
        try validate(mapping: mapping)
    }

    /// Checks every value against Lambda's limits for DynamoDB streams.
    public func validate(mapping: String) throws(StreamMappingError) {
        func check(_ ok: Bool, _ setting: String, _ message: String) throws(StreamMappingError) {
            if !ok { throw .invalidSetting(mapping: mapping, setting: setting, message: message) }
        }
        try check((1...1000).contains(batchSize), "BatchSize", "must be between 1 and 1000, not \(batchSize)")
        try check(
            (0...300).contains(maximumBatchingWindowSeconds), "MaximumBatchingWindowInSeconds",
            "must be between 0 and 300, not \(maximumBatchingWindowSeconds)")
        try check(
            maximumRetryAttempts == -1 || (0...10_000).contains(maximumRetryAttempts), "MaximumRetryAttempts",
            "must be -1 or between 0 and 10000, not \(maximumRetryAttempts)")
        try check(
            maximumRecordAgeSeconds == -1 || (60...604_800).contains(maximumRecordAgeSeconds), "MaximumRecordAgeInSeconds",
            "must be -1 or between 60 and 604800, not \(maximumRecordAgeSeconds)")
        try check(
            (1...10).contains(parallelizationFactor), "ParallelizationFactor",
            "must be between 1 and 10, not \(parallelizationFactor)")
        try check(filters.count <= 5, "FilterCriteria", "at most 5 filters, not \(filters.count)")
    }
}
