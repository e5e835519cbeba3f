import DynamoModel

/// PutItem requests read straight from the request bytes with ``DynamoJSONScanner`` when they have the
/// plain form, as GetItem and Query are (see `ReadInputs+WireJSON.swift`): the table server reads one per
/// write. Anything else returns nil and goes through the parser and `init(from:)` with their errors.
extension PutItemInput: WireJSONDecodable {
    public init?(wireJSON bytes: [UInt8]) {
        let input: PutItemInput? = bytes.withUnsafeBufferPointer { buffer in
            var scanner = DynamoJSONScanner(buffer)
            var tableName: String?
            var item: Item?
            var input = PutItemInput(tableName: "", item: [:])
            var seen: Set<String> = []
            let read = scanner.object { scanner, member in
                guard seen.insert(member).inserted else { return false }
                if scanner.consumeNull() { return member != "TableName" && member != "Item" }
                switch member {
                case "TableName":
                    tableName = scanner.string()
                    return tableName != nil
                case "Item":
                    item = scanner.item()
                    return item != nil
                case "ConditionExpression":
                    input.conditionExpression = scanner.string()
                    return input.conditionExpression != nil
                case "ExpressionAttributeNames":
                    input.expressionAttributeNames = scanner.stringMap()
                    return input.expressionAttributeNames != nil
                case "ExpressionAttributeValues":
                    input.expressionAttributeValues = scanner.item()
                    return input.expressionAttributeValues != nil
                case "ReturnValues":
                    input.returnValues = scanner.string().flatMap(ReturnValue.init(rawValue:))
                    return input.returnValues != nil
                case "ReturnValuesOnConditionCheckFailure":
                    input.returnValuesOnConditionCheckFailure =
                        scanner.string().flatMap(ReturnValuesOnConditionCheckFailure.init(rawValue:))
                    return input.returnValuesOnConditionCheckFailure != nil
                case "ReturnConsumedCapacity":
                    input.returnConsumedCapacity = scanner.string().flatMap(ReturnConsumedCapacity.init(rawValue:))
                    return input.returnConsumedCapacity != nil
                default: return false
                }
            }
            guard read, scanner.isAtEnd(), let tableName, let item else { return nil }
            input.tableName = tableName
            input.item = item
            return input
        }
        guard let input else { return nil }
        self = input
    }
}
