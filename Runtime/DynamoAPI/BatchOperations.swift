import DynamoModel

/// Keys to read from one table in BatchGetItem (also the shape of `UnprocessedKeys`).
public struct KeysAndAttributes: Codable, Sendable, Hashable {
    public var keys: [Item]
    public var projectionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var consistentRead: Bool?
    public init(keys: [Item], projectionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil, consistentRead: Bool? = nil) {
        self.keys = keys
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.consistentRead = consistentRead
    }
    enum CodingKeys: String, CodingKey {
        case keys = "Keys", projectionExpression = "ProjectionExpression"
        case expressionAttributeNames = "ExpressionAttributeNames", consistentRead = "ConsistentRead"
    }
}

/// BatchGetItem request: table name → keys.
public struct BatchGetItemInput: Codable, Sendable, Hashable {
    public var requestItems: [String: KeysAndAttributes]
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(requestItems: [String: KeysAndAttributes], returnConsumedCapacity: ReturnConsumedCapacity? = nil) {
        self.requestItems = requestItems
        self.returnConsumedCapacity = returnConsumedCapacity
    }
    enum CodingKeys: String, CodingKey { case requestItems = "RequestItems", returnConsumedCapacity = "ReturnConsumedCapacity" }
}

/// BatchGetItem response: table name → found items (in no particular order).
public struct BatchGetItemOutput: Codable, Sendable, Hashable {
    public var responses: [String: [Item]]
    public var unprocessedKeys: [String: KeysAndAttributes]
    public var consumedCapacity: [ConsumedCapacity]?
    public init(responses: [String: [Item]] = [:], unprocessedKeys: [String: KeysAndAttributes] = [:], consumedCapacity: [ConsumedCapacity]? = nil) {
        self.responses = responses
        self.unprocessedKeys = unprocessedKeys
        self.consumedCapacity = consumedCapacity
    }
    enum CodingKeys: String, CodingKey {
        case responses = "Responses", unprocessedKeys = "UnprocessedKeys", consumedCapacity = "ConsumedCapacity"
    }
}

/// One request of BatchWriteItem: exactly one of `PutRequest` and `DeleteRequest`.
public struct WriteRequest: Codable, Sendable, Hashable {
    public struct PutRequest: Codable, Sendable, Hashable {
        public var item: Item
        public init(item: Item) { self.item = item }
        enum CodingKeys: String, CodingKey { case item = "Item" }
    }
    public struct DeleteRequest: Codable, Sendable, Hashable {
        public var key: Item
        public init(key: Item) { self.key = key }
        enum CodingKeys: String, CodingKey { case key = "Key" }
    }
    public var putRequest: PutRequest?
    public var deleteRequest: DeleteRequest?
    public init(putRequest: PutRequest? = nil, deleteRequest: DeleteRequest? = nil) {
        self.putRequest = putRequest
        self.deleteRequest = deleteRequest
    }
    /// A put of `item`.
    public static func put(_ item: Item) -> WriteRequest { WriteRequest(putRequest: PutRequest(item: item)) }
    /// A delete of `key`.
    public static func delete(_ key: Item) -> WriteRequest { WriteRequest(deleteRequest: DeleteRequest(key: key)) }
    enum CodingKeys: String, CodingKey { case putRequest = "PutRequest", deleteRequest = "DeleteRequest" }
}

/// BatchWriteItem request: table name → puts and deletes.
public struct BatchWriteItemInput: Codable, Sendable, Hashable {
    public var requestItems: [String: [WriteRequest]]
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(requestItems: [String: [WriteRequest]], returnConsumedCapacity: ReturnConsumedCapacity? = nil) {
        self.requestItems = requestItems
        self.returnConsumedCapacity = returnConsumedCapacity
    }
    enum CodingKeys: String, CodingKey { case requestItems = "RequestItems", returnConsumedCapacity = "ReturnConsumedCapacity" }
}

/// BatchWriteItem response.
public struct BatchWriteItemOutput: Codable, Sendable, Hashable {
    public var unprocessedItems: [String: [WriteRequest]]
    public var consumedCapacity: [ConsumedCapacity]?
    public init(unprocessedItems: [String: [WriteRequest]] = [:], consumedCapacity: [ConsumedCapacity]? = nil) {
        self.unprocessedItems = unprocessedItems
        self.consumedCapacity = consumedCapacity
    }
    enum CodingKeys: String, CodingKey { case unprocessedItems = "UnprocessedItems", consumedCapacity = "ConsumedCapacity" }
}

/// The parts every transactional write action shares.
public struct TransactCondition: Codable, Sendable, Hashable {
    public var tableName: String
    public var key: Item
    public var conditionExpression: String
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: Item?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?
    public init(tableName: String, key: Item, conditionExpression: String, expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: Item? = nil, returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil) {
        self.tableName = tableName
        self.key = key
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", key = "Key", conditionExpression = "ConditionExpression"
        case expressionAttributeNames = "ExpressionAttributeNames", expressionAttributeValues = "ExpressionAttributeValues"
        case returnValuesOnConditionCheckFailure = "ReturnValuesOnConditionCheckFailure"
    }
}

/// `Put` of TransactWriteItems.
public struct TransactPut: Codable, Sendable, Hashable {
    public var tableName: String
    public var item: Item
    public var conditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: Item?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?
    public init(tableName: String, item: Item, conditionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: Item? = nil, returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil) {
        self.tableName = tableName
        self.item = item
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", item = "Item", conditionExpression = "ConditionExpression"
        case expressionAttributeNames = "ExpressionAttributeNames", expressionAttributeValues = "ExpressionAttributeValues"
        case returnValuesOnConditionCheckFailure = "ReturnValuesOnConditionCheckFailure"
    }
}

/// `Delete` of TransactWriteItems.
public struct TransactDelete: Codable, Sendable, Hashable {
    public var tableName: String
    public var key: Item
    public var conditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: Item?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?
    public init(tableName: String, key: Item, conditionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: Item? = nil, returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil) {
        self.tableName = tableName
        self.key = key
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", key = "Key", conditionExpression = "ConditionExpression"
        case expressionAttributeNames = "ExpressionAttributeNames", expressionAttributeValues = "ExpressionAttributeValues"
        case returnValuesOnConditionCheckFailure = "ReturnValuesOnConditionCheckFailure"
    }
}

/// `Update` of TransactWriteItems.
public struct TransactUpdate: Codable, Sendable, Hashable {
    public var tableName: String
    public var key: Item
    public var updateExpression: String
    public var conditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: Item?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?
    public init(tableName: String, key: Item, updateExpression: String, conditionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: Item? = nil, returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil) {
        self.tableName = tableName
        self.key = key
        self.updateExpression = updateExpression
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", key = "Key", updateExpression = "UpdateExpression"
        case conditionExpression = "ConditionExpression"
        case expressionAttributeNames = "ExpressionAttributeNames", expressionAttributeValues = "ExpressionAttributeValues"
        case returnValuesOnConditionCheckFailure = "ReturnValuesOnConditionCheckFailure"
    }
}

/// One action of TransactWriteItems: exactly one of the four is set.
public struct TransactWriteItem: Codable, Sendable, Hashable {
    public var conditionCheck: TransactCondition?
    public var put: TransactPut?
    public var delete: TransactDelete?
    public var update: TransactUpdate?
    public init(conditionCheck: TransactCondition? = nil, put: TransactPut? = nil, delete: TransactDelete? = nil, update: TransactUpdate? = nil) {
        self.conditionCheck = conditionCheck
        self.put = put
        self.delete = delete
        self.update = update
    }
    enum CodingKeys: String, CodingKey { case conditionCheck = "ConditionCheck", put = "Put", delete = "Delete", update = "Update" }
}

/// TransactWriteItems request.
public struct TransactWriteItemsInput: Codable, Sendable, Hashable {
    public var transactItems: [TransactWriteItem]
    public var clientRequestToken: String?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(transactItems: [TransactWriteItem], clientRequestToken: String? = nil, returnConsumedCapacity: ReturnConsumedCapacity? = nil) {
        self.transactItems = transactItems
        self.clientRequestToken = clientRequestToken
        self.returnConsumedCapacity = returnConsumedCapacity
    }
    enum CodingKeys: String, CodingKey {
        case transactItems = "TransactItems", clientRequestToken = "ClientRequestToken"
        case returnConsumedCapacity = "ReturnConsumedCapacity"
    }
}

/// TransactWriteItems response.
public struct TransactWriteItemsOutput: Codable, Sendable, Hashable {
    public var consumedCapacity: [ConsumedCapacity]?
    public init(consumedCapacity: [ConsumedCapacity]? = nil) { self.consumedCapacity = consumedCapacity }
    enum CodingKeys: String, CodingKey { case consumedCapacity = "ConsumedCapacity" }
}

/// `Get` of TransactGetItems.
public struct TransactGet: Codable, Sendable, Hashable {
    public var tableName: String
    public var key: Item
    public var projectionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public init(tableName: String, key: Item, projectionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil) {
        self.tableName = tableName
        self.key = key
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", key = "Key", projectionExpression = "ProjectionExpression"
        case expressionAttributeNames = "ExpressionAttributeNames"
    }
}

/// One action of TransactGetItems.
public struct TransactGetItem: Codable, Sendable, Hashable {
    public var get: TransactGet
    public init(get: TransactGet) { self.get = get }
    enum CodingKeys: String, CodingKey { case get = "Get" }
}

/// TransactGetItems request.
public struct TransactGetItemsInput: Codable, Sendable, Hashable {
    public var transactItems: [TransactGetItem]
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(transactItems: [TransactGetItem], returnConsumedCapacity: ReturnConsumedCapacity? = nil) {
        self.transactItems = transactItems
        self.returnConsumedCapacity = returnConsumedCapacity
    }
    enum CodingKeys: String, CodingKey { case transactItems = "TransactItems", returnConsumedCapacity = "ReturnConsumedCapacity" }
}

/// One entry of TransactGetItems' `Responses` (`Item` absent when not found).
public struct ItemResponse: Codable, Sendable, Hashable {
    public var item: Item?
    public init(item: Item? = nil) { self.item = item }
    enum CodingKeys: String, CodingKey { case item = "Item" }
}

/// TransactGetItems response: one entry per action, in order.
public struct TransactGetItemsOutput: Codable, Sendable, Hashable {
    public var responses: [ItemResponse]
    public var consumedCapacity: [ConsumedCapacity]?
    public init(responses: [ItemResponse] = [], consumedCapacity: [ConsumedCapacity]? = nil) {
        self.responses = responses
        self.consumedCapacity = consumedCapacity
    }
    enum CodingKeys: String, CodingKey { case responses = "Responses", consumedCapacity = "ConsumedCapacity" }
}
