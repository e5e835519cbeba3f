import DynamoModel

/// ListStreams request.
public struct ListStreamsInput: Codable, Sendable, Hashable {
    public var tableName: String?
    public var limit: Int?
    public var exclusiveStartStreamArn: String?
    public init(tableName: String? = nil, limit: Int? = nil, exclusiveStartStreamArn: String? = nil) {
        self.tableName = tableName
        self.limit = limit
        self.exclusiveStartStreamArn = exclusiveStartStreamArn
    }
    enum CodingKeys: String, CodingKey { case tableName = "TableName", limit = "Limit", exclusiveStartStreamArn = "ExclusiveStartStreamArn" }
}

/// One entry of ListStreams.
public struct StreamSummary: Codable, Sendable, Hashable {
    public var streamArn: String
    public var tableName: String
    public var streamLabel: String
    public init(streamArn: String, tableName: String, streamLabel: String) {
        self.streamArn = streamArn
        self.tableName = tableName
        self.streamLabel = streamLabel
    }
    enum CodingKeys: String, CodingKey { case streamArn = "StreamArn", tableName = "TableName", streamLabel = "StreamLabel" }
}

/// ListStreams response.
public struct ListStreamsOutput: Codable, Sendable, Hashable {
    public var streams: [StreamSummary]
    public var lastEvaluatedStreamArn: String?
    public init(streams: [StreamSummary] = [], lastEvaluatedStreamArn: String? = nil) {
        self.streams = streams
        self.lastEvaluatedStreamArn = lastEvaluatedStreamArn
    }
    enum CodingKeys: String, CodingKey { case streams = "Streams", lastEvaluatedStreamArn = "LastEvaluatedStreamArn" }
}

/// DescribeStream request.
public struct DescribeStreamInput: Codable, Sendable, Hashable {
    public var streamArn: String
    public var limit: Int?
    public var exclusiveStartShardId: String?
    public init(streamArn: String, limit: Int? = nil, exclusiveStartShardId: String? = nil) {
        self.streamArn = streamArn
        self.limit = limit
        self.exclusiveStartShardId = exclusiveStartShardId
    }
    enum CodingKeys: String, CodingKey { case streamArn = "StreamArn", limit = "Limit", exclusiveStartShardId = "ExclusiveStartShardId" }
}

/// `SequenceNumberRange` of a shard (no ending number while the shard is open).
public struct SequenceNumberRange: Codable, Sendable, Hashable {
    public var startingSequenceNumber: String?
    public var endingSequenceNumber: String?
    public init(startingSequenceNumber: String? = nil, endingSequenceNumber: String? = nil) {
        self.startingSequenceNumber = startingSequenceNumber
        self.endingSequenceNumber = endingSequenceNumber
    }
    enum CodingKeys: String, CodingKey { case startingSequenceNumber = "StartingSequenceNumber", endingSequenceNumber = "EndingSequenceNumber" }
}

/// One shard of a stream.
public struct Shard: Codable, Sendable, Hashable {
    public var shardId: String
    public var sequenceNumberRange: SequenceNumberRange
    public var parentShardId: String?
    public init(shardId: String, sequenceNumberRange: SequenceNumberRange, parentShardId: String? = nil) {
        self.shardId = shardId
        self.sequenceNumberRange = sequenceNumberRange
        self.parentShardId = parentShardId
    }
    enum CodingKeys: String, CodingKey { case shardId = "ShardId", sequenceNumberRange = "SequenceNumberRange", parentShardId = "ParentShardId" }
}

/// `StreamDescription` of DescribeStream.
public struct StreamDescription: Codable, Sendable, Hashable {
    public var streamArn: String
    public var streamLabel: String
    /// `ENABLING`, `ENABLED`, `DISABLING` or `DISABLED`.
    public var streamStatus: String
    public var streamViewType: StreamViewType
    public var creationRequestDateTime: Double
    public var tableName: String
    public var keySchema: [KeySchemaElement]
    public var shards: [Shard]
    public var lastEvaluatedShardId: String?
    public init(streamArn: String, streamLabel: String, streamStatus: String, streamViewType: StreamViewType, creationRequestDateTime: Double, tableName: String, keySchema: [KeySchemaElement], shards: [Shard], lastEvaluatedShardId: String? = nil) {
        self.streamArn = streamArn
        self.streamLabel = streamLabel
        self.streamStatus = streamStatus
        self.streamViewType = streamViewType
        self.creationRequestDateTime = creationRequestDateTime
        self.tableName = tableName
        self.keySchema = keySchema
        self.shards = shards
        self.lastEvaluatedShardId = lastEvaluatedShardId
    }
    enum CodingKeys: String, CodingKey {
        case streamArn = "StreamArn", streamLabel = "StreamLabel", streamStatus = "StreamStatus"
        case streamViewType = "StreamViewType", creationRequestDateTime = "CreationRequestDateTime"
        case tableName = "TableName", keySchema = "KeySchema", shards = "Shards", lastEvaluatedShardId = "LastEvaluatedShardId"
    }
}

/// DescribeStream response.
public struct DescribeStreamOutput: Codable, Sendable, Hashable {
    public var streamDescription: StreamDescription
    public init(streamDescription: StreamDescription) { self.streamDescription = streamDescription }
    enum CodingKeys: String, CodingKey { case streamDescription = "StreamDescription" }
}

/// `ShardIteratorType` of GetShardIterator.
public enum ShardIteratorType: String, Codable, Sendable, Hashable {
    case trimHorizon = "TRIM_HORIZON"
    case latest = "LATEST"
    case atSequenceNumber = "AT_SEQUENCE_NUMBER"
    case afterSequenceNumber = "AFTER_SEQUENCE_NUMBER"
}

/// GetShardIterator request.
public struct GetShardIteratorInput: Codable, Sendable, Hashable {
    public var streamArn: String
    public var shardId: String
    public var shardIteratorType: ShardIteratorType
    public var sequenceNumber: String?
    public init(streamArn: String, shardId: String, shardIteratorType: ShardIteratorType, sequenceNumber: String? = nil) {
        self.streamArn = streamArn
        self.shardId = shardId
        self.shardIteratorType = shardIteratorType
        self.sequenceNumber = sequenceNumber
    }
    enum CodingKeys: String, CodingKey {
        case streamArn = "StreamArn", shardId = "ShardId", shardIteratorType = "ShardIteratorType"
        case sequenceNumber = "SequenceNumber"
    }
}

/// GetShardIterator response.
public struct GetShardIteratorOutput: Codable, Sendable, Hashable {
    public var shardIterator: String?
    public init(shardIterator: String?) { self.shardIterator = shardIterator }
    enum CodingKeys: String, CodingKey { case shardIterator = "ShardIterator" }
}

/// GetRecords request.
public struct GetRecordsInput: Codable, Sendable, Hashable {
    public var shardIterator: String
    public var limit: Int?
    public init(shardIterator: String, limit: Int? = nil) {
        self.shardIterator = shardIterator
        self.limit = limit
    }
    enum CodingKeys: String, CodingKey { case shardIterator = "ShardIterator", limit = "Limit" }
}

/// GetRecords response (`NextShardIterator` is absent once a closed shard is exhausted).
public struct GetRecordsOutput: Codable, Sendable, Hashable {
    public var records: [StreamRecord]
    public var nextShardIterator: String?
    public init(records: [StreamRecord] = [], nextShardIterator: String? = nil) {
        self.records = records
        self.nextShardIterator = nextShardIterator
    }
    enum CodingKeys: String, CodingKey { case records = "Records", nextShardIterator = "NextShardIterator" }
}
