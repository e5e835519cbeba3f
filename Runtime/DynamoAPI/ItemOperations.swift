import DynamoModel

/// PutItem request.
public struct PutItemInput: Codable, Sendable, Hashable {
    public var tableName: String
    public var item: Item
    public var conditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: Item?
    public var returnValues: ReturnValue?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(
        tableName: String, item: Item, conditionExpression: String? = nil,
        expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: Item? = nil,
        returnValues: ReturnValue? = nil, returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil,
        returnConsumedCapacity: ReturnConsumedCapacity? = nil
    ) {
        self.tableName = tableName
        self.item = item
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValues = returnValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
        self.returnConsumedCapacity = returnConsumedCapacity
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", item = "Item", conditionExpression = "ConditionExpression"
        case expressionAttributeNames = "ExpressionAttributeNames", expressionAttributeValues = "ExpressionAttributeValues"
        case returnValues = "ReturnValues", returnValuesOnConditionCheckFailure = "ReturnValuesOnConditionCheckFailure"
        case returnConsumedCapacity = "ReturnConsumedCapacity"
    }
}

/// PutItem response.
public struct PutItemOutput: Codable, Sendable, Hashable {
    public var attributes: Item?
    public var consumedCapacity: ConsumedCapacity?
    public init(attributes: Item? = nil, consumedCapacity: ConsumedCapacity? = nil) {
        self.attributes = attributes
        self.consumedCapacity = consumedCapacity
    }
    enum CodingKeys: String, CodingKey { case attributes = "Attributes", consumedCapacity = "ConsumedCapacity" }
}

/// GetItem request.
public struct GetItemInput: Codable, Sendable, Hashable {
    public var tableName: String
    public var key: Item
    public var consistentRead: Bool?
    public var projectionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(
        tableName: String, key: Item, consistentRead: Bool? = nil, projectionExpression: String? = nil,
        expressionAttributeNames: [String: String]? = nil, returnConsumedCapacity: ReturnConsumedCapacity? = nil
    ) {
        self.tableName = tableName
        self.key = key
        self.consistentRead = consistentRead
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.returnConsumedCapacity = returnConsumedCapacity
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", key = "Key", consistentRead = "ConsistentRead"
        case projectionExpression = "ProjectionExpression", expressionAttributeNames = "ExpressionAttributeNames"
        case returnConsumedCapacity = "ReturnConsumedCapacity"
    }
}

/// GetItem response: `Item` is absent when there is no such item.
public struct GetItemOutput: Codable, Sendable, Hashable {
    public var item: Item?
    public var consumedCapacity: ConsumedCapacity?
    public init(item: Item? = nil, consumedCapacity: ConsumedCapacity? = nil) {
        self.item = item
        self.consumedCapacity = consumedCapacity
    }
    enum CodingKeys: String, CodingKey { case item = "Item", consumedCapacity = "ConsumedCapacity" }
}

/// UpdateItem request.
public struct UpdateItemInput: Codable, Sendable, Hashable {
    public var tableName: String
    public var key: Item
    public var updateExpression: String?
    public var conditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: Item?
    public var returnValues: ReturnValue?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(
        tableName: String, key: Item, updateExpression: String? = nil, conditionExpression: String? = nil,
        expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: Item? = nil,
        returnValues: ReturnValue? = nil, returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil,
        returnConsumedCapacity: ReturnConsumedCapacity? = nil
    ) {
        self.tableName = tableName
        self.key = key
        self.updateExpression = updateExpression
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValues = returnValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
        self.returnConsumedCapacity = returnConsumedCapacity
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", key = "Key", updateExpression = "UpdateExpression"
        case conditionExpression = "ConditionExpression"
        case expressionAttributeNames = "ExpressionAttributeNames", expressionAttributeValues = "ExpressionAttributeValues"
        case returnValues = "ReturnValues", returnValuesOnConditionCheckFailure = "ReturnValuesOnConditionCheckFailure"
        case returnConsumedCapacity = "ReturnConsumedCapacity"
    }
}

/// UpdateItem response.
public struct UpdateItemOutput: Codable, Sendable, Hashable {
    public var attributes: Item?
    public var consumedCapacity: ConsumedCapacity?
    public init(attributes: Item? = nil, consumedCapacity: ConsumedCapacity? = nil) {
        self.attributes = attributes
        self.consumedCapacity = consumedCapacity
    }
    enum CodingKeys: String, CodingKey { case attributes = "Attributes", consumedCapacity = "ConsumedCapacity" }
}

/// DeleteItem request.
public struct DeleteItemInput: Codable, Sendable, Hashable {
    public var tableName: String
    public var key: Item
    public var conditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: Item?
    public var returnValues: ReturnValue?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(
        tableName: String, key: Item, conditionExpression: String? = nil,
        expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: Item? = nil,
        returnValues: ReturnValue? = nil, returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil,
        returnConsumedCapacity: ReturnConsumedCapacity? = nil
    ) {
        self.tableName = tableName
        self.key = key
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValues = returnValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
        self.returnConsumedCapacity = returnConsumedCapacity
    }
    enum CodingKeys: String, CodingKey {
        case tableName = "TableName", key = "Key", conditionExpression = "ConditionExpression"
        case expressionAttributeNames = "ExpressionAttributeNames", expressionAttributeValues = "ExpressionAttributeValues"
        case returnValues = "ReturnValues", returnValuesOnConditionCheckFailure = "ReturnValuesOnConditionCheckFailure"
        case returnConsumedCapacity = "ReturnConsumedCapacity"
    }
}

/// DeleteItem response.
public struct DeleteItemOutput: Codable, Sendable, Hashable {
    public var attributes: Item?
    public var consumedCapacity: ConsumedCapacity?
    public init(attributes: Item? = nil, consumedCapacity: ConsumedCapacity? = nil) {
        self.attributes = attributes
        self.consumedCapacity = consumedCapacity
    }
    enum CodingKeys: String, CodingKey { case attributes = "Attributes", consumedCapacity = "ConsumedCapacity" }
}
