import DynamoModel

/// `ReturnValues` of PutItem, UpdateItem and DeleteItem.
public enum ReturnValue: String, Codable, Sendable, Hashable {
    case none = "NONE"
    case allOld = "ALL_OLD"
    case updatedOld = "UPDATED_OLD"
    case allNew = "ALL_NEW"
    case updatedNew = "UPDATED_NEW"
}

/// `ReturnValuesOnConditionCheckFailure`: whether a failed condition returns the old item.
public enum ReturnValuesOnConditionCheckFailure: String, Codable, Sendable, Hashable {
    case none = "NONE"
    case allOld = "ALL_OLD"
}

/// `Select` of Query and Scan.
public enum Select: String, Codable, Sendable, Hashable {
    case allAttributes = "ALL_ATTRIBUTES"
    case allProjectedAttributes = "ALL_PROJECTED_ATTRIBUTES"
    case specificAttributes = "SPECIFIC_ATTRIBUTES"
    case count = "COUNT"
}

/// `ReturnConsumedCapacity`.
public enum ReturnConsumedCapacity: String, Codable, Sendable, Hashable {
    case indexes = "INDEXES"
    case total = "TOTAL"
    case none = "NONE"

    /// Decodes the value; another string fails with DynamoDB's validation message (a wire server
    /// answers it as a `ValidationException`).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "1 validation error detected: Value '\(text)' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"))
        }
        self = value
    }
}

/// Units consumed by one table or index, a part of ``ConsumedCapacity`` (`ReturnConsumedCapacity = INDEXES`).
public struct Capacity: Codable, Sendable, Hashable {
    public var capacityUnits: Double?
    public var readCapacityUnits: Double?
    public var writeCapacityUnits: Double?
    public init(capacityUnits: Double? = nil, readCapacityUnits: Double? = nil, writeCapacityUnits: Double? = nil) {
        self.capacityUnits = capacityUnits
        self.readCapacityUnits = readCapacityUnits
        self.writeCapacityUnits = writeCapacityUnits
    }
    enum CodingKeys: String, CodingKey {
        case capacityUnits = "CapacityUnits", readCapacityUnits = "ReadCapacityUnits", writeCapacityUnits = "WriteCapacityUnits"
    }
}

/// `ConsumedCapacity` of a response: returned only when `ReturnConsumedCapacity` is `TOTAL` (the totals)
/// or `INDEXES` (the totals plus `Table` and one entry per secondary index touched).
public struct ConsumedCapacity: Codable, Sendable, Hashable {
    public var tableName: String?
    public var capacityUnits: Double?
    public var readCapacityUnits: Double?
    public var writeCapacityUnits: Double?
    public var table: Capacity?
    public var globalSecondaryIndexes: [String: Capacity]?
    public var localSecondaryIndexes: [String: Capacity]?
    public init(
        tableName: String? = nil, capacityUnits: Double? = nil, readCapacityUnits: Double? = nil, writeCapacityUnits: Double? = nil,
        table: Capacity? = nil, globalSecondaryIndexes: [String: Capacity]? = nil, localSecondaryIndexes: [String: Capacity]? = nil
    ) {
        self.tableName = tableName
        self.capacityUnits = capacityUnits
        self.readCapacityUnits = readCapacityUnits
        self.writeCapacityUnits = writeCapacityUnits
        self.table = table
        self.globalSecondaryIndexes = globalSecondaryIndexes
        self.localSecondaryIndexes = localSecondaryIndexes
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", capacityUnits = "CapacityUnits"
        case readCapacityUnits = "ReadCapacityUnits", writeCapacityUnits = "WriteCapacityUnits"
        case table = "Table", globalSecondaryIndexes = "GlobalSecondaryIndexes", localSecondaryIndexes = "LocalSecondaryIndexes"
    }
}

/// One element of a `KeySchema`: attribute name and `HASH` or `RANGE`.
public struct KeySchemaElement: Codable, Sendable, Hashable {
    public enum KeyType: String, Codable, Sendable, Hashable {
        case hash = "HASH"
        case range = "RANGE"
    }
    public var attributeName: String
    public var keyType: KeyType
    public init(attributeName: String, keyType: KeyType) {
        self.attributeName = attributeName
        self.keyType = keyType
    }
    enum CodingKeys: String, CodingKey { case attributeName = "AttributeName", keyType = "KeyType" }
}

/// One `AttributeDefinitions` entry: a key attribute's name and scalar type.
public struct AttributeDefinition: Codable, Sendable, Hashable {
    public var attributeName: String
    public var attributeType: KeyAttributeType
    public init(attributeName: String, attributeType: KeyAttributeType) {
        self.attributeName = attributeName
        self.attributeType = attributeType
    }
    enum CodingKeys: String, CodingKey { case attributeName = "AttributeName", attributeType = "AttributeType" }
}

/// A secondary index's `Projection`.
public struct Projection: Codable, Sendable, Hashable {
    public enum ProjectionType: String, Codable, Sendable, Hashable {
        case all = "ALL"
        case keysOnly = "KEYS_ONLY"
        case include = "INCLUDE"
    }
    public var projectionType: ProjectionType?
    public var nonKeyAttributes: [String]?
    public init(projectionType: ProjectionType? = .all, nonKeyAttributes: [String]? = nil) {
        self.projectionType = projectionType
        self.nonKeyAttributes = nonKeyAttributes
    }
    enum CodingKeys: String, CodingKey { case projectionType = "ProjectionType", nonKeyAttributes = "NonKeyAttributes" }
}

/// `ProvisionedThroughput` (accepted and echoed; the embedded engine does not throttle).
public struct ProvisionedThroughput: Codable, Sendable, Hashable {
    public var readCapacityUnits: Int
    public var writeCapacityUnits: Int
    public init(readCapacityUnits: Int, writeCapacityUnits: Int) {
        self.readCapacityUnits = readCapacityUnits
        self.writeCapacityUnits = writeCapacityUnits
    }
    enum CodingKeys: String, CodingKey { case readCapacityUnits = "ReadCapacityUnits", writeCapacityUnits = "WriteCapacityUnits" }
}

/// `StreamViewType`: what a stream record carries besides the keys.
public enum StreamViewType: String, Codable, Sendable, Hashable {
    case keysOnly = "KEYS_ONLY"
    case newImage = "NEW_IMAGE"
    case oldImage = "OLD_IMAGE"
    case newAndOldImages = "NEW_AND_OLD_IMAGES"
}

/// `StreamSpecification` of CreateTable, UpdateTable and DescribeTable.
public struct StreamSpecification: Codable, Sendable, Hashable {
    public var streamEnabled: Bool
    public var streamViewType: StreamViewType?
    public init(streamEnabled: Bool, streamViewType: StreamViewType? = nil) {
        self.streamEnabled = streamEnabled
        self.streamViewType = streamViewType
    }
    enum CodingKeys: String, CodingKey { case streamEnabled = "StreamEnabled", streamViewType = "StreamViewType" }
}
