/// An `AWS::DynamoDB::Table` or `AWS::Serverless::SimpleTable`, read and type-checked.
public struct TableDefinition: Sendable, Hashable {
    /// The logical id.
    public var logicalId: String
    /// The resource type.
    public var resourceType: String
    /// `TableName` resolved, or the logical id when absent (the local physical name).
    public var tableName: String
    /// `KeySchema` (for a SimpleTable, its `PrimaryKey` as the `HASH` key).
    public var keySchema: [KeySchemaElement]
    /// `AttributeDefinitions`.
    public var attributeDefinitions: [AttributeDefinition]
    /// `GlobalSecondaryIndexes`.
    public var globalSecondaryIndexes: [SecondaryIndex]
    /// `LocalSecondaryIndexes`.
    public var localSecondaryIndexes: [SecondaryIndex]
    /// `StreamSpecification.StreamViewType` (`NEW_IMAGE`, `OLD_IMAGE`, `NEW_AND_OLD_IMAGES`, `KEYS_ONLY`).
    public var streamViewType: String?
    /// `TimeToLiveSpecification`.
    public var timeToLive: TimeToLiveSpecification?
    /// `BillingMode`: as written, else `PROVISIONED` for tables (CloudFormation's default) and
    /// `PAY_PER_REQUEST` for SimpleTables without `ProvisionedThroughput`.
    public var billingMode: String
    /// The resource's `Condition`.
    public var condition: String?
    /// The properties, unresolved.
    public var properties: TemplateMap

    /// Whether this came from `AWS::Serverless::SimpleTable`.
    public var isSimpleTable: Bool { resourceType == ResourceType.simpleTable }
    /// Whether the table has a stream.
    public var hasStream: Bool { streamViewType != nil }
    /// The `HASH` attribute.
    public var partitionKey: String? { keySchema.first { $0.keyType == .hash }?.attributeName }
    /// The `RANGE` attribute.
    public var sortKey: String? { keySchema.first { $0.keyType == .range }?.attributeName }
    /// The declared type (`S`, `N`, `B`) of an attribute.
    public func attributeType(of name: String) -> String? {
        attributeDefinitions.first { $0.attributeName == name }?.attributeType
    }

    /// Reads a table resource (`AWS::DynamoDB::Table` or `AWS::Serverless::SimpleTable`).
    /// - Throws: ``TemplateError`` for wrong types, missing keys or unresolvable names.
    public init(resource: TemplateResource, template: SAMTemplate, resolver: LocalResolver) throws {
        let simple = resource.type == ResourceType.simpleTable
        let properties = simple
            ? GlobalsMerger.merge(globals: template.globals(for: "SimpleTable"), into: resource.properties)
            : resource.properties
        let reader = PropertyReader(
            template: template, resolver: resolver, logicalId: resource.logicalId, properties: properties)
        logicalId = resource.logicalId
        resourceType = resource.type
        condition = resource.condition
        self.properties = properties
        tableName = try reader.string("TableName") ?? resource.logicalId
        if simple {
            let name = try reader.string("PrimaryKey.Name") ?? "id"
            let type = try reader.string("PrimaryKey.Type") ?? "String"
            let shortType: String
            switch type {
            case "String": shortType = "S"
            case "Number": shortType = "N"
            case "Binary": shortType = "B"
            default: throw reader.invalid("PrimaryKey.Type", "must be String, Number or Binary (found '\(type)')")
            }
            keySchema = [KeySchemaElement(attributeName: name, keyType: .hash)]
            attributeDefinitions = [AttributeDefinition(attributeName: name, attributeType: shortType)]
            globalSecondaryIndexes = []
            localSecondaryIndexes = []
            streamViewType = nil
            timeToLive = nil
            billingMode = reader.raw("ProvisionedThroughput") == nil ? "PAY_PER_REQUEST" : "PROVISIONED"
            return
        }
        keySchema = try Self.keySchema(reader, "KeySchema", required: true)
        attributeDefinitions = try (reader.list("AttributeDefinitions") ?? []).enumerated().map { index, item in
            let path = "AttributeDefinitions.\(index)"
            let name = try reader.required(reader.string(item["AttributeName"], path + ".AttributeName"), path + ".AttributeName")
            let type = try reader.required(reader.string(item["AttributeType"], path + ".AttributeType"), path + ".AttributeType")
            guard ["S", "N", "B"].contains(type) else {
                throw reader.invalid(path + ".AttributeType", "must be S, N or B (found '\(type)')")
            }
            return AttributeDefinition(attributeName: name, attributeType: type)
        }
        globalSecondaryIndexes = try Self.indexes(reader, "GlobalSecondaryIndexes")
        localSecondaryIndexes = try Self.indexes(reader, "LocalSecondaryIndexes")
        if try reader.map("StreamSpecification") != nil {
            streamViewType = try reader.required(
                reader.string("StreamSpecification.StreamViewType"), "StreamSpecification.StreamViewType")
        } else {
            streamViewType = nil
        }
        if try reader.map("TimeToLiveSpecification") != nil {
            timeToLive = TimeToLiveSpecification(
                attributeName: try reader.required(
                    reader.string("TimeToLiveSpecification.AttributeName"), "TimeToLiveSpecification.AttributeName"),
                enabled: try reader.bool("TimeToLiveSpecification.Enabled") ?? false)
        } else {
            timeToLive = nil
        }
        billingMode = try reader.string("BillingMode") ?? "PROVISIONED"
        for element in keySchema + (globalSecondaryIndexes + localSecondaryIndexes).flatMap(\.keySchema)
        where attributeType(of: element.attributeName) == nil {
            throw reader.invalid(
                "AttributeDefinitions", "must define key attribute '\(element.attributeName)' used in a KeySchema")
        }
    }

    private static func keySchema(_ reader: PropertyReader, _ path: String, required: Bool) throws -> [KeySchemaElement] {
        let items = try reader.list(reader.resolved(path), path)
        if required, items?.isEmpty ?? true { throw reader.invalid(path, "is required") }
        return try (items ?? []).enumerated().map { index, item in
            let itemPath = "\(path).\(index)"
            let name = try reader.required(reader.string(item["AttributeName"], itemPath + ".AttributeName"), itemPath + ".AttributeName")
            let typeText = try reader.required(reader.string(item["KeyType"], itemPath + ".KeyType"), itemPath + ".KeyType")
            guard let type = KeySchemaElement.KeyType(rawValue: typeText) else {
                throw reader.invalid(itemPath + ".KeyType", "must be HASH or RANGE (found '\(typeText)')")
            }
            return KeySchemaElement(attributeName: name, keyType: type)
        }
    }

    private static func indexes(_ reader: PropertyReader, _ path: String) throws -> [SecondaryIndex] {
        try (reader.list(path) ?? []).enumerated().map { index, _ in
            let itemPath = "\(path).\(index)"
            let name = try reader.required(reader.string(itemPath + ".IndexName"), itemPath + ".IndexName")
            let keys = try keySchema(reader, itemPath + ".KeySchema", required: true)
            let projectionType = try reader.string(itemPath + ".Projection.ProjectionType") ?? "KEYS_ONLY"
            guard ["ALL", "KEYS_ONLY", "INCLUDE"].contains(projectionType) else {
                throw reader.invalid(
                    itemPath + ".Projection.ProjectionType", "must be ALL, KEYS_ONLY or INCLUDE (found '\(projectionType)')")
            }
            let nonKey = try reader.stringList(itemPath + ".Projection.NonKeyAttributes") ?? []
            return SecondaryIndex(
                indexName: name, keySchema: keys,
                projection: Projection(projectionType: projectionType, nonKeyAttributes: nonKey))
        }
    }
}
