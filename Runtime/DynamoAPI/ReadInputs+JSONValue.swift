import DynamoModel
import SluiceJSON

/// GetItem and Query requests straight from and to ``JSONValue``: a client encodes one per call and the
/// table server decodes it. Only the plain shape is read here; anything else (an unknown enumeration value,
/// a wrong type, an unusual number) returns nil and goes through `init(from:)`, which reports it with
/// DynamoDB's messages. `jsonValue` writes what `encode(to:)` writes.
extension QueryInput: JSONValueRepresentable {
    public init?(jsonValue: JSONValue) {
        guard case .object(let object) = jsonValue, let tableName = JSONFields.string(object["TableName"]),
            let indexName = JSONFields.optionalString(object["IndexName"]),
            let keyConditionExpression = JSONFields.optionalString(object["KeyConditionExpression"]),
            let filterExpression = JSONFields.optionalString(object["FilterExpression"]),
            let projectionExpression = JSONFields.optionalString(object["ProjectionExpression"]),
            let names = JSONFields.optionalStringMap(object["ExpressionAttributeNames"]),
            let values = PlainJSON.optionalItem(object["ExpressionAttributeValues"]),
            let select = JSONFields.optionalEnum(object["Select"], Select.self),
            let limit = JSONFields.optionalInt(object["Limit"]),
            let exclusiveStartKey = PlainJSON.optionalItem(object["ExclusiveStartKey"]),
            let scanIndexForward = JSONFields.optionalBool(object["ScanIndexForward"]),
            let consistentRead = JSONFields.optionalBool(object["ConsistentRead"]),
            let returnConsumedCapacity = JSONFields.optionalEnum(object["ReturnConsumedCapacity"], ReturnConsumedCapacity.self)
        else { return nil }
        self.init(
            tableName: tableName, indexName: indexName.value, keyConditionExpression: keyConditionExpression.value,
            filterExpression: filterExpression.value, projectionExpression: projectionExpression.value,
            expressionAttributeNames: names.value, expressionAttributeValues: values.value, select: select.value,
            limit: limit.value, exclusiveStartKey: exclusiveStartKey.value, scanIndexForward: scanIndexForward.value,
            consistentRead: consistentRead.value, returnConsumedCapacity: returnConsumedCapacity.value)
    }

    public var jsonValue: JSONValue {
        var object = JSONObject()
        object.reserveCapacity(13)
        object.append(key: "TableName", value: .string(tableName))
        if let indexName { object.append(key: "IndexName", value: .string(indexName)) }
        if let keyConditionExpression { object.append(key: "KeyConditionExpression", value: .string(keyConditionExpression)) }
        if let filterExpression { object.append(key: "FilterExpression", value: .string(filterExpression)) }
        if let projectionExpression { object.append(key: "ProjectionExpression", value: .string(projectionExpression)) }
        if let expressionAttributeNames { object.append(key: "ExpressionAttributeNames", value: JSONFields.value(expressionAttributeNames)) }
        if let expressionAttributeValues { object.append(key: "ExpressionAttributeValues", value: expressionAttributeValues.jsonValue) }
        if let select { object.append(key: "Select", value: .string(select.rawValue)) }
        if let limit { object.append(key: "Limit", value: .number(JSONNumber(limit))) }
        if let exclusiveStartKey { object.append(key: "ExclusiveStartKey", value: exclusiveStartKey.jsonValue) }
        if let scanIndexForward { object.append(key: "ScanIndexForward", value: .bool(scanIndexForward)) }
        if let consistentRead { object.append(key: "ConsistentRead", value: .bool(consistentRead)) }
        if let returnConsumedCapacity { object.append(key: "ReturnConsumedCapacity", value: .string(returnConsumedCapacity.rawValue)) }
        return .object(object)
    }
}

extension GetItemInput: JSONValueRepresentable {
    public init?(jsonValue: JSONValue) {
        guard case .object(let object) = jsonValue, let tableName = JSONFields.string(object["TableName"]),
            let keyValue = object["Key"], let key = Item(jsonValue: keyValue),
            let consistentRead = JSONFields.optionalBool(object["ConsistentRead"]),
            let projectionExpression = JSONFields.optionalString(object["ProjectionExpression"]),
            let names = JSONFields.optionalStringMap(object["ExpressionAttributeNames"]),
            let returnConsumedCapacity = JSONFields.optionalEnum(object["ReturnConsumedCapacity"], ReturnConsumedCapacity.self)
        else { return nil }
        self.init(
            tableName: tableName, key: key, consistentRead: consistentRead.value, projectionExpression: projectionExpression.value,
            expressionAttributeNames: names.value, returnConsumedCapacity: returnConsumedCapacity.value)
    }

    public var jsonValue: JSONValue {
        var object = JSONObject()
        object.reserveCapacity(6)
        object.append(key: "TableName", value: .string(tableName))
        object.append(key: "Key", value: key.jsonValue)
        if let consistentRead { object.append(key: "ConsistentRead", value: .bool(consistentRead)) }
        if let projectionExpression { object.append(key: "ProjectionExpression", value: .string(projectionExpression)) }
        if let expressionAttributeNames { object.append(key: "ExpressionAttributeNames", value: JSONFields.value(expressionAttributeNames)) }
        if let returnConsumedCapacity { object.append(key: "ReturnConsumedCapacity", value: .string(returnConsumedCapacity.rawValue)) }
        return .object(object)
    }
}
