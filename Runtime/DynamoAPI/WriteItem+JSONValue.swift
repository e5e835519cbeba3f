import DynamoModel
import SluiceJSON

/// PutItem requests and responses straight from and to ``JSONValue`` (a client encodes the request and decodes
/// the response, the table server the other way round), like the read operations: only the plain shape is
/// read here, anything else returns nil and goes through `init(from:)` and its messages. `jsonValue` writes
/// what `encode(to:)` writes.
extension PutItemInput: JSONValueRepresentable {
    public init?(jsonValue: JSONValue) {
        guard case .object(let object) = jsonValue, let tableName = JSONFields.string(object["TableName"]),
            let itemValue = object["Item"], let item = Item(jsonValue: itemValue),
            let conditionExpression = JSONFields.optionalString(object["ConditionExpression"]),
            let names = JSONFields.optionalStringMap(object["ExpressionAttributeNames"]),
            let values = PlainJSON.optionalItem(object["ExpressionAttributeValues"]),
            let returnValues = JSONFields.optionalEnum(object["ReturnValues"], ReturnValue.self),
            let onFailure = JSONFields.optionalEnum(
                object["ReturnValuesOnConditionCheckFailure"], ReturnValuesOnConditionCheckFailure.self),
            let returnConsumedCapacity = JSONFields.optionalEnum(object["ReturnConsumedCapacity"], ReturnConsumedCapacity.self)
        else { return nil }
        self.init(
            tableName: tableName, item: item, conditionExpression: conditionExpression.value,
            expressionAttributeNames: names.value, expressionAttributeValues: values.value, returnValues: returnValues.value,
            returnValuesOnConditionCheckFailure: onFailure.value, returnConsumedCapacity: returnConsumedCapacity.value)
    }

    public var jsonValue: JSONValue {
        var object = JSONObject()
        object.reserveCapacity(8)
        object.append(key: "TableName", value: .string(tableName))
        object.append(key: "Item", value: item.jsonValue)
        if let conditionExpression { object.append(key: "ConditionExpression", value: .string(conditionExpression)) }
        if let expressionAttributeNames { object.append(key: "ExpressionAttributeNames", value: JSONFields.value(expressionAttributeNames)) }
        if let expressionAttributeValues { object.append(key: "ExpressionAttributeValues", value: expressionAttributeValues.jsonValue) }
        if let returnValues { object.append(key: "ReturnValues", value: .string(returnValues.rawValue)) }
        if let returnValuesOnConditionCheckFailure {
            object.append(key: "ReturnValuesOnConditionCheckFailure", value: .string(returnValuesOnConditionCheckFailure.rawValue))
        }
        if let returnConsumedCapacity { object.append(key: "ReturnConsumedCapacity", value: .string(returnConsumedCapacity.rawValue)) }
        return .object(object)
    }
}

extension PutItemOutput: JSONValueRepresentable {
    public init?(jsonValue: JSONValue) {
        guard case .object(let object) = jsonValue, let attributes = PlainJSON.optionalItem(object["Attributes"]),
            let consumedCapacity = PlainJSON.optionalCapacity(object["ConsumedCapacity"])
        else { return nil }
        self.init(attributes: attributes.value, consumedCapacity: consumedCapacity.value)
    }

    public var jsonValue: JSONValue {
        var object = JSONObject()
        if let attributes { object.append(key: "Attributes", value: attributes.jsonValue) }
        if let consumedCapacity { object.append(key: "ConsumedCapacity", value: JSONFields.encoded(consumedCapacity)) }
        return .object(object)
    }
}
