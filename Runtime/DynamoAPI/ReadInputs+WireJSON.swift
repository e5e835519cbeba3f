import DynamoModel

/// GetItem and Query requests read straight from the request bytes with ``DynamoJSONScanner`` when they
/// have the plain form (the table server reads one per call). Anything else (a repeated or unknown member,
/// an escaped string, a number that is not plain digits, an unknown enumeration value, a wrong type)
/// returns nil and goes through the parser and `init(from:)`, which read or reject it with their errors.
extension QueryInput: WireJSONDecodable {
    public init?(wireJSON bytes: [UInt8]) {
        let input: QueryInput? = bytes.withUnsafeBufferPointer { buffer in
            var scanner = DynamoJSONScanner(buffer)
            var input = QueryInput(tableName: "")
            var tableName: String?
            var seen: Set<String> = []
            let read = scanner.object { scanner, key in
                guard seen.insert(key).inserted else { return false }
                if scanner.consumeNull() { return key != "TableName" }
                switch key {
                case "TableName": tableName = scanner.string()
                case "IndexName": input.indexName = scanner.string()
                case "KeyConditionExpression": input.keyConditionExpression = scanner.string()
                case "FilterExpression": input.filterExpression = scanner.string()
                case "ProjectionExpression": input.projectionExpression = scanner.string()
                case "ExpressionAttributeNames": input.expressionAttributeNames = scanner.stringMap()
                case "ExpressionAttributeValues": input.expressionAttributeValues = scanner.item()
                case "Select": input.select = scanner.string().flatMap(Select.init(rawValue:))
                case "Limit": input.limit = scanner.integer()
                case "ExclusiveStartKey": input.exclusiveStartKey = scanner.item()
                case "ScanIndexForward": input.scanIndexForward = scanner.boolean()
                case "ConsistentRead": input.consistentRead = scanner.boolean()
                case "ReturnConsumedCapacity":
                    input.returnConsumedCapacity = scanner.string().flatMap(ReturnConsumedCapacity.init(rawValue:))
                default: return false
                }
                return input.has(key) || (key == "TableName" && tableName != nil)
            }
            guard read, scanner.isAtEnd(), let tableName else { return nil }
            input.tableName = tableName
            return input
        }
        guard let input else { return nil }
        self = input
    }

    /// Whether the member `key` (its wire name) holds a value.
    private func has(_ key: String) -> Bool {
        switch key {
        case "IndexName": indexName != nil
        case "KeyConditionExpression": keyConditionExpression != nil
        case "FilterExpression": filterExpression != nil
        case "ProjectionExpression": projectionExpression != nil
        case "ExpressionAttributeNames": expressionAttributeNames != nil
        case "ExpressionAttributeValues": expressionAttributeValues != nil
        case "Select": select != nil
        case "Limit": limit != nil
        case "ExclusiveStartKey": exclusiveStartKey != nil
        case "ScanIndexForward": scanIndexForward != nil
        case "ConsistentRead": consistentRead != nil
        case "ReturnConsumedCapacity": returnConsumedCapacity != nil
        default: false
        }
    }
}

extension GetItemInput: WireJSONDecodable {
    public init?(wireJSON bytes: [UInt8]) {
        let input: GetItemInput? = bytes.withUnsafeBufferPointer { buffer in
            var scanner = DynamoJSONScanner(buffer)
            var tableName: String?
            var key: Item?
            var consistentRead: Bool?
            var projectionExpression: String?
            var names: [String: String]?
            var returnConsumedCapacity: ReturnConsumedCapacity?
            var seen: Set<String> = []
            let read = scanner.object { scanner, member in
                guard seen.insert(member).inserted else { return false }
                if scanner.consumeNull() { return member != "TableName" && member != "Key" }
                switch member {
                case "TableName":
                    tableName = scanner.string()
                    return tableName != nil
                case "Key":
                    key = scanner.item()
                    return key != nil
                case "ConsistentRead":
                    consistentRead = scanner.boolean()
                    return consistentRead != nil
                case "ProjectionExpression":
                    projectionExpression = scanner.string()
                    return projectionExpression != nil
                case "ExpressionAttributeNames":
                    names = scanner.stringMap()
                    return names != nil
                case "ReturnConsumedCapacity":
                    returnConsumedCapacity = scanner.string().flatMap(ReturnConsumedCapacity.init(rawValue:))
                    return returnConsumedCapacity != nil
                default: return false
                }
            }
            guard read, scanner.isAtEnd(), let tableName, let key else { return nil }
            return GetItemInput(
                tableName: tableName, key: key, consistentRead: consistentRead, projectionExpression: projectionExpression,
                expressionAttributeNames: names, returnConsumedCapacity: returnConsumedCapacity)
        }
        guard let input else { return nil }
        self = input
    }
}

extension DynamoJSONScanner {
    /// An object of plain strings (`ExpressionAttributeNames`); a repeated key goes to the general path.
    mutating func stringMap() -> [String: String]? {
        var map: [String: String] = [:]
        let read = object { scanner, key in
            guard map[key] == nil, let value = scanner.string() else { return false }
            map[key] = value
            return true
        }
        return read ? map : nil
    }
}
