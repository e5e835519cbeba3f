/// An error as DynamoDB reports it: an error type name (`code`) and a human-readable `message`.
///
/// A wire server emits it as `{"__type":"com.amazonaws.dynamodb.v20120810#<code>","message":"<message>"}`.
public enum DynamoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A request parameter, item or expression is invalid (HTTP 400).
    case validationException(String)
    /// A condition expression evaluated to false; `item` is the old item when
    /// `ReturnValuesOnConditionCheckFailure = ALL_OLD` was asked for.
    case conditionalCheckFailedException(String = "The conditional request failed", item: Item? = nil)
    /// The table or index does not exist (or is not active).
    case resourceNotFoundException(String)
    /// The table is being created, updated or deleted.
    case resourceInUseException(String)
    /// A transaction was cancelled; `reasons` line up one-to-one with its actions.
    case transactionCanceledException(String, reasons: [CancellationReason])
    /// Another transaction is operating on the item.
    case transactionConflictException(String)
    /// Request rate above the provisioned throughput.
    case provisionedThroughputExceededException(String)
    /// Request rate above an account or partition limit.
    case throttlingException(String)
    /// An item collection of a local secondary index exceeded 10 GB.
    case itemCollectionSizeLimitExceededException(String)
    /// A `ClientRequestToken` was reused with other parameters.
    case idempotentParameterMismatchException(String)
    /// Too many concurrent control-plane operations.
    case limitExceededException(String)
    /// The request body could not be deserialized.
    case serializationException(String)
    /// An internal failure (HTTP 500).
    case internalServerError(String)
    /// A stream shard iterator is older than 15 minutes (DynamoDB Streams).
    case expiredIteratorException(String)
    /// A stream read asked for records that retention has already trimmed (DynamoDB Streams).
    case trimmedDataAccessException(String)
    /// Any other error a service answered with, kept as it came: its type name without the namespace
    /// (`AccessDeniedException`, `UnrecognizedClientException`, `RequestLimitExceeded`, …), its message
    /// and its HTTP status code.
    case service(type: String, message: String, statusCode: Int)

    /// One entry of `CancellationReasons` of a cancelled transaction.
    public struct CancellationReason: Sendable, Hashable {
        /// `None`, `ConditionalCheckFailed`, `TransactionConflict`, `ValidationError`, …
        public var code: String
        public var message: String?
        public var item: Item?
        public init(code: String, message: String? = nil, item: Item? = nil) {
            self.code = code
            self.message = message
            self.item = item
        }
    }

    /// DynamoDB's error type name, e.g. `ValidationException`.
    public var code: String {
        switch self {
        case .validationException: "ValidationException"
        case .conditionalCheckFailedException: "ConditionalCheckFailedException"
        case .resourceNotFoundException: "ResourceNotFoundException"
        case .resourceInUseException: "ResourceInUseException"
        case .transactionCanceledException: "TransactionCanceledException"
        case .transactionConflictException: "TransactionConflictException"
        case .provisionedThroughputExceededException: "ProvisionedThroughputExceededException"
        case .throttlingException: "ThrottlingException"
        case .itemCollectionSizeLimitExceededException: "ItemCollectionSizeLimitExceededException"
        case .idempotentParameterMismatchException: "IdempotentParameterMismatchException"
        case .limitExceededException: "LimitExceededException"
        case .serializationException: "SerializationException"
        case .internalServerError: "InternalServerError"
        case .expiredIteratorException: "ExpiredIteratorException"
        case .trimmedDataAccessException: "TrimmedDataAccessException"
        case .service(let type, _, _): type
        }
    }

    /// The message DynamoDB puts next to the type name.
    public var message: String {
        switch self {
        case .validationException(let m), .conditionalCheckFailedException(let m, _), .resourceNotFoundException(let m),
            .resourceInUseException(let m), .transactionCanceledException(let m, _), .transactionConflictException(let m),
            .provisionedThroughputExceededException(let m), .throttlingException(let m),
            .itemCollectionSizeLimitExceededException(let m), .idempotentParameterMismatchException(let m),
            .limitExceededException(let m), .serializationException(let m), .internalServerError(let m),
            .expiredIteratorException(let m), .trimmedDataAccessException(let m), .service(_, let m, _):
            m
        }
    }

    /// The `__type` field of a DynamoDB JSON error body.
    public var wireType: String { "com.amazonaws.dynamodb.v20120810#\(code)" }

    /// HTTP status code DynamoDB answers with.
    public var httpStatus: Int {
        switch self {
        case .internalServerError: return 500
        case .service(_, _, let status): return status
        default: return 400
        }
    }

    /// Whether AWS SDKs' standard retry mode tries the request again: throttling (`ThrottlingException`,
    /// `ProvisionedThroughputExceededException`, `RequestLimitExceeded`, …), `InternalServerError` and
    /// other 5xx answers. Never a failed condition, a validation error or an authentication error.
    public var isRetryable: Bool {
        switch self {
        case .provisionedThroughputExceededException, .throttlingException, .internalServerError: true
        case .service(let type, _, let status): status >= 500 || Self.retryableTypes.contains(type)
        default: false
        }
    }

    /// Error types retried whatever their status (the AWS SDKs' throttling and transient error codes).
    public static let retryableTypes: Set<String> = [
        "ProvisionedThroughputExceededException", "ThrottlingException", "Throttling", "ThrottledException",
        "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "TooManyRequestsException",
        "InternalServerError", "InternalFailure", "ServiceUnavailable", "TransactionInProgressException",
    ]

    public var description: String { "\(code): \(message)" }
}

extension DynamoError {
    /// Shorthand for a `ValidationException`.
    static func validation(_ message: String) -> DynamoError { .validationException(message) }
}
