import DynamoModel

/// The event Lambda sends for a batch of DynamoDB stream records: `{"Records":[…]}`.
///
/// Each record is DynamoModel's ``StreamRecord``: its keys and images are typed ``AttributeValue`` items,
/// and `eventSourceARN` names the stream.
public struct DynamoDBEvent: Codable, Sendable, Hashable {
    /// The stream records, oldest first.
    public var records: [StreamRecord]

    enum CodingKeys: String, CodingKey {
        case records = "Records"
    }

    public init(records: [StreamRecord]) { self.records = records }
}
