/// One element of a `KeySchema`.
public struct KeySchemaElement: Sendable, Hashable {
    /// `HASH` (partition key) or `RANGE` (sort key).
    public enum KeyType: String, Sendable, Hashable {
        /// The partition key.
        case hash = "HASH"
        /// The sort key.
        case range = "RANGE"
    }

    /// `AttributeName`.
    public var attributeName: String
    /// `KeyType`.
    public var keyType: KeyType

    /// Creates an element.
    public init(attributeName: String, keyType: KeyType) {
        self.attributeName = attributeName
        self.keyType = keyType
    }
}

/// One `AttributeDefinitions` entry.
public struct AttributeDefinition: Sendable, Hashable {
    /// `AttributeName`.
    public var attributeName: String
    /// `AttributeType`: `S`, `N` or `B`.
    public var attributeType: String

    /// Creates a definition.
    public init(attributeName: String, attributeType: String) {
        self.attributeName = attributeName
        self.attributeType = attributeType
    }
}

/// An index's `Projection`.
public struct Projection: Sendable, Hashable {
    /// `ProjectionType`: `ALL`, `KEYS_ONLY` or `INCLUDE` (`KEYS_ONLY` when absent, as in DynamoDB).
    public var projectionType: String
    /// `NonKeyAttributes` (for `INCLUDE`).
    public var nonKeyAttributes: [String]

    /// Creates a projection.
    public init(projectionType: String = "KEYS_ONLY", nonKeyAttributes: [String] = []) {
        self.projectionType = projectionType
        self.nonKeyAttributes = nonKeyAttributes
    }
}

/// A global or local secondary index.
public struct SecondaryIndex: Sendable, Hashable {
    /// `IndexName`.
    public var indexName: String
    /// `KeySchema`.
    public var keySchema: [KeySchemaElement]
    /// `Projection`.
    public var projection: Projection

    /// Creates an index.
    public init(indexName: String, keySchema: [KeySchemaElement], projection: Projection) {
        self.indexName = indexName
        self.keySchema = keySchema
        self.projection = projection
    }

    /// The `HASH` attribute.
    public var partitionKey: String? { keySchema.first { $0.keyType == .hash }?.attributeName }
    /// The `RANGE` attribute.
    public var sortKey: String? { keySchema.first { $0.keyType == .range }?.attributeName }
}

/// `TimeToLiveSpecification`.
public struct TimeToLiveSpecification: Sendable, Hashable {
    /// `AttributeName`.
    public var attributeName: String
    /// `Enabled`.
    public var enabled: Bool

    /// Creates a specification.
    public init(attributeName: String, enabled: Bool) {
        self.attributeName = attributeName
        self.enabled = enabled
    }
}
