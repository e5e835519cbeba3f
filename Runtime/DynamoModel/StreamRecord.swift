/// One change record of a DynamoDB stream, in the shape the Streams API's `GetRecords`
/// and Lambda's DynamoDB event both carry (field names as AWS spells them on the wire).
public struct StreamRecord: Codable, Sendable, Hashable {
    /// The kind of change.
    public enum EventName: String, Codable, Sendable, Hashable {
        case insert = "INSERT"
        case modify = "MODIFY"
        case remove = "REMOVE"
    }

    /// Who made the change: present only for TTL deletions (`{"type":"Service","principalId":"dynamodb.amazonaws.com"}`).
    public struct Identity: Codable, Sendable, Hashable {
        public var type: String
        public var principalId: String
        public init(type: String, principalId: String) {
            self.type = type
            self.principalId = principalId
        }
        /// The identity DynamoDB puts on deletions made by Time to Live.
        public static let timeToLive = Identity(type: "Service", principalId: "dynamodb.amazonaws.com")
    }

    public var eventID: String
    public var eventName: EventName
    public var eventVersion: String
    public var eventSource: String
    public var awsRegion: String
    public var dynamodb: StreamRecordData
    /// Set in Lambda events; absent from the Streams API's `GetRecords` records.
    public var eventSourceARN: String?
    public var userIdentity: Identity?

    public init(
        eventID: String, eventName: EventName, eventVersion: String = "1.1", eventSource: String = "aws:dynamodb",
        awsRegion: String, dynamodb: StreamRecordData, eventSourceARN: String? = nil, userIdentity: Identity? = nil
    ) {
        self.eventID = eventID
        self.eventName = eventName
        self.eventVersion = eventVersion
        self.eventSource = eventSource
        self.awsRegion = awsRegion
        self.dynamodb = dynamodb
        self.eventSourceARN = eventSourceARN
        self.userIdentity = userIdentity
    }
}

/// The `dynamodb` part of a stream record: keys, images and position in the shard.
public struct StreamRecordData: Codable, Sendable, Hashable {
    /// Seconds since the epoch (DynamoDB rounds it to the second on the wire; Lambda events may carry a fraction).
    public var approximateCreationDateTime: Double?
    public var keys: Item
    public var newImage: Item?
    public var oldImage: Item?
    /// A decimal string, strictly increasing within a shard.
    public var sequenceNumber: String
    public var sizeBytes: Int
    /// `KEYS_ONLY`, `NEW_IMAGE`, `OLD_IMAGE` or `NEW_AND_OLD_IMAGES`.
    public var streamViewType: String?

    enum CodingKeys: String, CodingKey {
        case approximateCreationDateTime = "ApproximateCreationDateTime"
        case keys = "Keys"
        case newImage = "NewImage"
        case oldImage = "OldImage"
        case sequenceNumber = "SequenceNumber"
        case sizeBytes = "SizeBytes"
        case streamViewType = "StreamViewType"
    }

    public init(
        approximateCreationDateTime: Double?, keys: Item, newImage: Item?, oldImage: Item?,
        sequenceNumber: String, sizeBytes: Int, streamViewType: String?
    ) {
        self.approximateCreationDateTime = approximateCreationDateTime
        self.keys = keys
        self.newImage = newImage
        self.oldImage = oldImage
        self.sequenceNumber = sequenceNumber
        self.sizeBytes = sizeBytes
        self.streamViewType = streamViewType
    }
}
