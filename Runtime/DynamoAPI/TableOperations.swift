import DynamoModel

/// A global or local secondary index in CreateTable.
public struct SecondaryIndex: Codable, Sendable, Hashable {
    public var indexName: String
    public var keySchema: [KeySchemaElement]
    public var projection: Projection
    public var provisionedThroughput: ProvisionedThroughput?
    public init(indexName: String, keySchema: [KeySchemaElement], projection: Projection = Projection(), provisionedThroughput: ProvisionedThroughput? = nil) {
        self.indexName = indexName
        self.keySchema = keySchema
        self.projection = projection
        self.provisionedThroughput = provisionedThroughput
    }
    enum CodingKeys: String, CodingKey {
        case indexName = "IndexName", keySchema = "KeySchema", projection = "Projection"
        case provisionedThroughput = "ProvisionedThroughput"
    }
}

/// A secondary index as DescribeTable reports it.
public struct SecondaryIndexDescription: Codable, Sendable, Hashable {
    public var indexName: String
    public var keySchema: [KeySchemaElement]
    public var projection: Projection
    public var indexStatus: String?
    public var indexArn: String?
    public var itemCount: Int?
    public var indexSizeBytes: Int?
    public init(indexName: String, keySchema: [KeySchemaElement], projection: Projection, indexStatus: String? = nil, indexArn: String? = nil, itemCount: Int? = nil, indexSizeBytes: Int? = nil) {
        self.indexName = indexName
        self.keySchema = keySchema
        self.projection = projection
        self.indexStatus = indexStatus
        self.indexArn = indexArn
        self.itemCount = itemCount
        self.indexSizeBytes = indexSizeBytes
    }
    enum CodingKeys: String, CodingKey {
        case indexName = "IndexName", keySchema = "KeySchema", projection = "Projection", indexStatus = "IndexStatus"
        case indexArn = "IndexArn", itemCount = "ItemCount", indexSizeBytes = "IndexSizeBytes"
    }
}

/// `BillingModeSummary` of a table description.
public struct BillingModeSummary: Codable, Sendable, Hashable {
    public var billingMode: String
    public init(billingMode: String) { self.billingMode = billingMode }
    enum CodingKeys: String, CodingKey { case billingMode = "BillingMode" }
}

/// `TableDescription` / `Table` of the control-plane responses.
public struct TableDescription: Codable, Sendable, Hashable {
    public var tableName: String
    public var tableArn: String?
    public var tableId: String?
    public var tableStatus: String
    public var keySchema: [KeySchemaElement]
    public var attributeDefinitions: [AttributeDefinition]
    public var creationDateTime: Double?
    public var itemCount: Int?
    public var tableSizeBytes: Int?
    public var billingModeSummary: BillingModeSummary?
    public var globalSecondaryIndexes: [SecondaryIndexDescription]?
    public var localSecondaryIndexes: [SecondaryIndexDescription]?
    public var streamSpecification: StreamSpecification?
    public var latestStreamLabel: String?
    public var latestStreamArn: String?
    public init(
        tableName: String, tableArn: String? = nil, tableId: String? = nil, tableStatus: String = "ACTIVE",
        keySchema: [KeySchemaElement], attributeDefinitions: [AttributeDefinition], creationDateTime: Double? = nil,
        itemCount: Int? = nil, tableSizeBytes: Int? = nil, billingModeSummary: BillingModeSummary? = nil,
        globalSecondaryIndexes: [SecondaryIndexDescription]? = nil, localSecondaryIndexes: [SecondaryIndexDescription]? = nil,
        streamSpecification: StreamSpecification? = nil, latestStreamLabel: String? = nil, latestStreamArn: String? = nil
    ) {
        self.tableName = tableName
        self.tableArn = tableArn
        self.tableId = tableId
        self.tableStatus = tableStatus
        self.keySchema = keySchema
        self.attributeDefinitions = attributeDefinitions
        self.creationDateTime = creationDateTime
        self.itemCount = itemCount
        self.tableSizeBytes = tableSizeBytes
        self.billingModeSummary = billingModeSummary
        self.globalSecondaryIndexes = globalSecondaryIndexes
        self.localSecondaryIndexes = localSecondaryIndexes
        self.streamSpecification = streamSpecification
        self.latestStreamLabel = latestStreamLabel
        self.latestStreamArn = latestStreamArn
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", tableArn = "TableArn", tableId = "TableId", tableStatus = "TableStatus"
        case keySchema = "KeySchema", attributeDefinitions = "AttributeDefinitions", creationDateTime = "CreationDateTime"
        case itemCount = "ItemCount", tableSizeBytes = "TableSizeBytes", billingModeSummary = "BillingModeSummary"
        case globalSecondaryIndexes = "GlobalSecondaryIndexes", localSecondaryIndexes = "LocalSecondaryIndexes"
        case streamSpecification = "StreamSpecification", latestStreamLabel = "LatestStreamLabel"
        case latestStreamArn = "LatestStreamArn"
    }
}

/// CreateTable request.
public struct CreateTableInput: Codable, Sendable, Hashable {
    public var tableName: String
    public var keySchema: [KeySchemaElement]
    public var attributeDefinitions: [AttributeDefinition]
    public var globalSecondaryIndexes: [SecondaryIndex]?
    public var localSecondaryIndexes: [SecondaryIndex]?
    public var billingMode: String?
    public var provisionedThroughput: ProvisionedThroughput?
    public var streamSpecification: StreamSpecification?
    public init(
        tableName: String, keySchema: [KeySchemaElement], attributeDefinitions: [AttributeDefinition],
        globalSecondaryIndexes: [SecondaryIndex]? = nil, localSecondaryIndexes: [SecondaryIndex]? = nil,
        billingMode: String? = "PAY_PER_REQUEST", provisionedThroughput: ProvisionedThroughput? = nil,
        streamSpecification: StreamSpecification? = nil
    ) {
        self.tableName = tableName
        self.keySchema = keySchema
        self.attributeDefinitions = attributeDefinitions
        self.globalSecondaryIndexes = globalSecondaryIndexes
        self.localSecondaryIndexes = localSecondaryIndexes
        self.billingMode = billingMode
        self.provisionedThroughput = provisionedThroughput
        self.streamSpecification = streamSpecification
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", keySchema = "KeySchema", attributeDefinitions = "AttributeDefinitions"
        case globalSecondaryIndexes = "GlobalSecondaryIndexes", localSecondaryIndexes = "LocalSecondaryIndexes"
        case billingMode = "BillingMode", provisionedThroughput = "ProvisionedThroughput"
        case streamSpecification = "StreamSpecification"
    }
}

/// CreateTable, UpdateTable and DeleteTable response.
public struct TableDescriptionOutput: Codable, Sendable, Hashable {
    public var tableDescription: TableDescription
    public init(tableDescription: TableDescription) { self.tableDescription = tableDescription }
    enum CodingKeys: String, CodingKey { case tableDescription = "TableDescription" }
}
public typealias CreateTableOutput = TableDescriptionOutput
public typealias DeleteTableOutput = TableDescriptionOutput
public typealias UpdateTableOutput = TableDescriptionOutput

/// DeleteTable request.
public struct DeleteTableInput: Codable, Sendable, Hashable {
    public var tableName: String
    public init(tableName: String) { self.tableName = tableName }
    enum CodingKeys: String, CodingKey { case tableName = "TableName" }
}

/// DescribeTable request.
public struct DescribeTableInput: Codable, Sendable, Hashable {
    public var tableName: String
    public init(tableName: String) { self.tableName = tableName }
    enum CodingKeys: String, CodingKey { case tableName = "TableName" }
}

/// DescribeTable response.
public struct DescribeTableOutput: Codable, Sendable, Hashable {
    public var table: TableDescription
    public init(table: TableDescription) { self.table = table }
    enum CodingKeys: String, CodingKey { case table = "Table" }
}

/// ListTables request.
public struct ListTablesInput: Codable, Sendable, Hashable {
    public var exclusiveStartTableName: String?
    public var limit: Int?
    public init(exclusiveStartTableName: String? = nil, limit: Int? = nil) {
        self.exclusiveStartTableName = exclusiveStartTableName
        self.limit = limit
    }
    enum CodingKeys: String, CodingKey { case exclusiveStartTableName = "ExclusiveStartTableName", limit = "Limit" }
}

/// ListTables response.
public struct ListTablesOutput: Codable, Sendable, Hashable {
    public var tableNames: [String]
    public var lastEvaluatedTableName: String?
    public init(tableNames: [String] = [], lastEvaluatedTableName: String? = nil) {
        self.tableNames = tableNames
        self.lastEvaluatedTableName = lastEvaluatedTableName
    }
    enum CodingKeys: String, CodingKey { case tableNames = "TableNames", lastEvaluatedTableName = "LastEvaluatedTableName" }
}

/// UpdateTable request (the embedded engine supports turning the stream on and off).
public struct UpdateTableInput: Codable, Sendable, Hashable {
    public var tableName: String
    public var streamSpecification: StreamSpecification?
    public var billingMode: String?
    public var provisionedThroughput: ProvisionedThroughput?
    public init(tableName: String, streamSpecification: StreamSpecification? = nil, billingMode: String? = nil, provisionedThroughput: ProvisionedThroughput? = nil) {
        self.tableName = tableName
        self.streamSpecification = streamSpecification
        self.billingMode = billingMode
        self.provisionedThroughput = provisionedThroughput
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", streamSpecification = "StreamSpecification", billingMode = "BillingMode"
        case provisionedThroughput = "ProvisionedThroughput"
    }
}

/// `TimeToLiveSpecification` of UpdateTimeToLive.
public struct TimeToLiveSpecification: Codable, Sendable, Hashable {
    public var attributeName: String
    public var enabled: Bool
    public init(attributeName: String, enabled: Bool) {
        self.attributeName = attributeName
        self.enabled = enabled
    }
    enum CodingKeys: String, CodingKey { case attributeName = "AttributeName", enabled = "Enabled" }
}

/// UpdateTimeToLive request.
public struct UpdateTimeToLiveInput: Codable, Sendable, Hashable {
    public var tableName: String
    public var timeToLiveSpecification: TimeToLiveSpecification
    public init(tableName: String, timeToLiveSpecification: TimeToLiveSpecification) {
        self.tableName = tableName
        self.timeToLiveSpecification = timeToLiveSpecification
    }
    enum CodingKeys: String, CodingKey { case tableName = "TableName", timeToLiveSpecification = "TimeToLiveSpecification" }
}

/// UpdateTimeToLive response.
public struct UpdateTimeToLiveOutput: Codable, Sendable, Hashable {
    public var timeToLiveSpecification: TimeToLiveSpecification
    public init(timeToLiveSpecification: TimeToLiveSpecification) { self.timeToLiveSpecification = timeToLiveSpecification }
    enum CodingKeys: String, CodingKey { case timeToLiveSpecification = "TimeToLiveSpecification" }
}

/// DescribeTimeToLive request.
public struct DescribeTimeToLiveInput: Codable, Sendable, Hashable {
    public var tableName: String
    public init(tableName: String) { self.tableName = tableName }
    enum CodingKeys: String, CodingKey { case tableName = "TableName" }
}

/// `TimeToLiveDescription`: `TimeToLiveStatus` is `ENABLED` or `DISABLED`.
public struct TimeToLiveDescription: Codable, Sendable, Hashable {
    public var timeToLiveStatus: String
    public var attributeName: String?
    public init(timeToLiveStatus: String, attributeName: String? = nil) {
        self.timeToLiveStatus = timeToLiveStatus
        self.attributeName = attributeName
    }
    enum CodingKeys: String, CodingKey { case timeToLiveStatus = "TimeToLiveStatus", attributeName = "AttributeName" }
}

/// DescribeTimeToLive response.
public struct DescribeTimeToLiveOutput: Codable, Sendable, Hashable {
    public var timeToLiveDescription: TimeToLiveDescription
    public init(timeToLiveDescription: TimeToLiveDescription) { self.timeToLiveDescription = timeToLiveDescription }
    enum CodingKeys: String, CodingKey { case timeToLiveDescription = "TimeToLiveDescription" }
}
