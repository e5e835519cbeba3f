/// A partial-batch response for stream and queue event sources:
/// `{"batchItemFailures":[{"itemIdentifier":"…"}]}`.
///
/// For DynamoDB streams the identifier is the failed record's `dynamodb.SequenceNumber`; Lambda retries
/// from the lowest one reported. An empty list reports the whole batch as processed.
/// (The function's event-source mapping must enable `ReportBatchItemFailures`.)
public struct BatchItemFailures: Codable, Sendable, Hashable {
    /// One record that failed.
    public struct Failure: Codable, Sendable, Hashable {
        public var itemIdentifier: String
        public init(itemIdentifier: String) { self.itemIdentifier = itemIdentifier }
    }

    /// The records that failed.
    public var batchItemFailures: [Failure]

    public init(batchItemFailures: [Failure] = []) { self.batchItemFailures = batchItemFailures }

    /// A response reporting the given identifiers, in order.
    public init(itemIdentifiers: [String]) {
        self.batchItemFailures = itemIdentifiers.map(Failure.init(itemIdentifier:))
    }

    /// The reported identifiers, in order.
    public var itemIdentifiers: [String] { batchItemFailures.map(\.itemIdentifier) }
}
