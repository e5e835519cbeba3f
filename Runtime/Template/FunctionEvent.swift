/// One entry of a function's `Events`: an event source (`HttpApi`, `DynamoDB`, `SQS`, …).
///
/// ``properties`` holds the event's `Properties` with every resolvable intrinsic resolved;
/// ``rawProperties`` keeps them as written (for example to see which table a `Stream: !GetAtt T.StreamArn`
/// points at). The typed accessors read ``properties`` and are nil when a value is absent or of the
/// wrong type.
public struct FunctionEvent: Sendable, Hashable {
    /// The event's name (its key under `Events`).
    public var name: String
    /// `Type` (`HttpApi`, `Api`, `DynamoDB`, `SQS`, `S3`, `Schedule`, …).
    public var type: String
    /// `Properties`, resolved where possible.
    public var properties: TemplateMap
    /// `Properties` as written.
    public var rawProperties: TemplateMap

    /// Creates an event.
    public init(name: String, type: String, properties: TemplateMap, rawProperties: TemplateMap? = nil) {
        self.name = name
        self.type = type
        self.properties = properties
        self.rawProperties = rawProperties ?? properties
    }

    // MARK: HttpApi / Api

    /// `Path` (`/orders/{id}`); SAM's default for HttpApi events without one is `$default` (nil here).
    public var path: String? { properties["Path"]?.stringValue }
    /// `Method` (`GET`, `ANY`, …).
    public var method: String? { properties["Method"]?.stringValue }
    /// The logical id in `ApiId: !Ref MyApi`; nil for the implicit `ServerlessHttpApi`.
    public var apiLogicalId: String? { rawProperties["ApiId"]?["Ref"]?.stringValue }
    /// `PayloadFormatVersion` (`2.0` by default for HttpApi).
    public var payloadFormatVersion: String? { properties["PayloadFormatVersion"]?.scalarText }
    /// `TimeoutInMillis`.
    public var timeoutInMillis: Int? { properties["TimeoutInMillis"]?.intValue }
    /// `Auth.Authorizer` (name of an authorizer of the API, or `NONE`).
    public var authorizer: String? { properties["Auth"]?["Authorizer"]?.stringValue }

    // MARK: Stream and queue sources (DynamoDB, Kinesis, SQS)

    /// `Stream` resolved (a stream ARN).
    public var stream: String? { properties["Stream"]?.stringValue }
    /// The table logical id in `Stream: !GetAtt Table.StreamArn`.
    public var streamTableLogicalId: String? {
        guard let args = rawProperties["Stream"]?["Fn::GetAtt"]?.listValue, args.count == 2,
            args[1].stringValue == "StreamArn"
        else { return nil }
        return args[0].stringValue
    }
    /// `Queue` resolved (SQS).
    public var queue: String? { properties["Queue"]?.stringValue }
    /// `StartingPosition` (`TRIM_HORIZON`, `LATEST`, `AT_TIMESTAMP`).
    public var startingPosition: String? { properties["StartingPosition"]?.stringValue }
    /// `BatchSize`.
    public var batchSize: Int? { properties["BatchSize"]?.intValue }
    /// `MaximumBatchingWindowInSeconds`.
    public var maximumBatchingWindowInSeconds: Int? { properties["MaximumBatchingWindowInSeconds"]?.intValue }
    /// `MaximumRetryAttempts` (-1 means infinite).
    public var maximumRetryAttempts: Int? { properties["MaximumRetryAttempts"]?.intValue }
    /// `MaximumRecordAgeInSeconds` (-1 means infinite).
    public var maximumRecordAgeInSeconds: Int? { properties["MaximumRecordAgeInSeconds"]?.intValue }
    /// `BisectBatchOnFunctionError`.
    public var bisectBatchOnFunctionError: Bool? { properties["BisectBatchOnFunctionError"]?.boolValue }
    /// `ParallelizationFactor`.
    public var parallelizationFactor: Int? { properties["ParallelizationFactor"]?.intValue }
    /// `FunctionResponseTypes` (for example `[ReportBatchItemFailures]`); empty when absent.
    public var functionResponseTypes: [String] {
        properties["FunctionResponseTypes"]?.listValue?.compactMap(\.stringValue) ?? []
    }
    /// Whether `FunctionResponseTypes` contains `ReportBatchItemFailures`.
    public var reportsBatchItemFailures: Bool { functionResponseTypes.contains("ReportBatchItemFailures") }
    /// `DestinationConfig`, as resolved.
    public var destinationConfig: TemplateValue? { properties["DestinationConfig"] }
    /// `DestinationConfig.OnFailure.Destination`, resolved (an SQS/SNS ARN).
    public var onFailureDestination: String? {
        properties["DestinationConfig"]?["OnFailure"]?["Destination"]?.stringValue
    }
    /// `FilterCriteria.Filters[].Pattern` as JSON text (a pattern written as a YAML mapping is
    /// serialised); empty when absent.
    public var filterPatterns: [String] {
        properties["FilterCriteria"]?["Filters"]?.listValue?.compactMap { filter in
            filter["Pattern"].map { $0.stringValue ?? $0.jsonText }
        } ?? []
    }
    /// `Enabled` (true when absent).
    public var enabled: Bool { properties["Enabled"]?.boolValue ?? true }
}
