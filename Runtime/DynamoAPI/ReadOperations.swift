import DynamoModel

/// Query request.
public struct QueryInput: Codable, Sendable, Hashable {
    public var tableName: String
    public var indexName: String?
    public var keyConditionExpression: String?
    public var filterExpression: String?
    public var projectionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: Item?
    public var select: Select?
    public var limit: Int?
    public var exclusiveStartKey: Item?
    public var scanIndexForward: Bool?
    public var consistentRead: Bool?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(
        tableName: String, indexName: String? = nil, keyConditionExpression: String? = nil,
        filterExpression: String? = nil, projectionExpression: String? = nil,
        expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: Item? = nil,
        select: Select? = nil, limit: Int? = nil, exclusiveStartKey: Item? = nil, scanIndexForward: Bool? = nil,
        consistentRead: Bool? = nil, returnConsumedCapacity: ReturnConsumedCapacity? = nil
    ) {
        self.tableName = tableName
        self.indexName = indexName
        self.keyConditionExpression = keyConditionExpression
        self.filterExpression = filterExpression
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.select = select
        self.limit = limit
        self.exclusiveStartKey = exclusiveStartKey
        self.scanIndexForward = scanIndexForward
        self.consistentRead = consistentRead
        self.returnConsumedCapacity = returnConsumedCapacity
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", indexName = "IndexName", keyConditionExpression = "KeyConditionExpression"
        case filterExpression = "FilterExpression", projectionExpression = "ProjectionExpression"
        case expressionAttributeNames = "ExpressionAttributeNames", expressionAttributeValues = "ExpressionAttributeValues"
        case select = "Select", limit = "Limit", exclusiveStartKey = "ExclusiveStartKey"
        case scanIndexForward = "ScanIndexForward", consistentRead = "ConsistentRead"
        case returnConsumedCapacity = "ReturnConsumedCapacity"
    }
}

/// Scan request.
public struct ScanInput: Codable, Sendable, Hashable {
    public var tableName: String
    public var indexName: String?
    public var filterExpression: String?
    public var projectionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: Item?
    public var select: Select?
    public var limit: Int?
    public var exclusiveStartKey: Item?
    public var segment: Int?
    public var totalSegments: Int?
    public var consistentRead: Bool?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(
        tableName: String, indexName: String? = nil, filterExpression: String? = nil,
        projectionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil,
        expressionAttributeValues: Item? = nil, select: Select? = nil, limit: Int? = nil,
        exclusiveStartKey: Item? = nil, segment: Int? = nil, totalSegments: Int? = nil, consistentRead: Bool? = nil,
        returnConsumedCapacity: ReturnConsumedCapacity? = nil
    ) {
        self.tableName = tableName
        self.indexName = indexName
        self.filterExpression = filterExpression
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.select = select
        self.limit = limit
        self.exclusiveStartKey = exclusiveStartKey
        self.segment = segment
        self.totalSegments = totalSegments
        self.consistentRead = consistentRead
        self.returnConsumedCapacity = returnConsumedCapacity
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", indexName = "IndexName"
        case filterExpression = "FilterExpression", projectionExpression = "ProjectionExpression"
        case expressionAttributeNames = "ExpressionAttributeNames", expressionAttributeValues = "ExpressionAttributeValues"
        case select = "Select", limit = "Limit", exclusiveStartKey = "ExclusiveStartKey"
        case segment = "Segment", totalSegments = "TotalSegments", consistentRead = "ConsistentRead"
        case returnConsumedCapacity = "ReturnConsumedCapacity"
    }
}

/// Query response (`Items` is absent for `Select = COUNT`).
public struct QueryOutput: Codable, Sendable, Hashable {
    public var items: [Item]?
    public var count: Int
    public var scannedCount: Int
    public var lastEvaluatedKey: Item?
    public var consumedCapacity: ConsumedCapacity?
    public init(items: [Item]? = nil, count: Int = 0, scannedCount: Int = 0, lastEvaluatedKey: Item? = nil, consumedCapacity: ConsumedCapacity? = nil) {
        self.items = items
        self.count = count
        self.scannedCount = scannedCount
        self.lastEvaluatedKey = lastEvaluatedKey
        self.consumedCapacity = consumedCapacity
    }
    enum CodingKeys: String, CodingKey {
        case items = "Items", count = "Count", scannedCount = "ScannedCount"
        case lastEvaluatedKey = "LastEvaluatedKey", consumedCapacity = "ConsumedCapacity"
    }
}

/// Scan response: the same shape as Query's.
public typealias ScanOutput = QueryOutput
