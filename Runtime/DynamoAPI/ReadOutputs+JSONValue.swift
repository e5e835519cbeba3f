import DynamoModel
import SluiceJSON

/// GetItem and Query/Scan outputs straight from ``JSONValue``: a client decodes one per call, items and
/// all. Only the plain shape is read here (counts in plain digits, items as DynamoDB JSON); anything else
/// returns nil and goes through `init(from:)`, with its errors. `jsonValue` writes what `encode(to:)` writes.
extension QueryOutput: JSONValueRepresentable {
    public init?(jsonValue: JSONValue) {
        guard case .object(let object) = jsonValue, let count = JSONFields.int(object["Count"]),
            let scannedCount = JSONFields.int(object["ScannedCount"])
        else { return nil }
        var items: [Item]?
        switch object["Items"] {
        case nil, .null?: items = nil
        case .array(let elements)?:
            var list: [Item] = []
            list.reserveCapacity(elements.count)
            for element in elements {
                guard let item = Item(jsonValue: element) else { return nil }
                list.append(item)
            }
            items = list
        default: return nil
        }
        guard let lastEvaluatedKey = PlainJSON.optionalItem(object["LastEvaluatedKey"]),
            let consumedCapacity = PlainJSON.optionalCapacity(object["ConsumedCapacity"])
        else { return nil }
        self.init(
            items: items, count: count, scannedCount: scannedCount, lastEvaluatedKey: lastEvaluatedKey.value,
            consumedCapacity: consumedCapacity.value)
    }

    public var jsonValue: JSONValue {
        var object = JSONObject()
        object.reserveCapacity(5)
        if let items {
            var elements: [JSONValue] = []
            elements.reserveCapacity(items.count)
            for item in items { elements.append(item.jsonValue) }
            object.append(key: "Items", value: .array(elements))
        }
        object.append(key: "Count", value: .number(JSONNumber(count)))
        object.append(key: "ScannedCount", value: .number(JSONNumber(scannedCount)))
        if let lastEvaluatedKey { object.append(key: "LastEvaluatedKey", value: lastEvaluatedKey.jsonValue) }
        if let consumedCapacity { object.append(key: "ConsumedCapacity", value: JSONFields.encoded(consumedCapacity)) }
        return .object(object)
    }
}

extension GetItemOutput: JSONValueRepresentable {
    public init?(jsonValue: JSONValue) {
        guard case .object(let object) = jsonValue, let item = PlainJSON.optionalItem(object["Item"]),
            let consumedCapacity = PlainJSON.optionalCapacity(object["ConsumedCapacity"])
        else { return nil }
        self.init(item: item.value, consumedCapacity: consumedCapacity.value)
    }

    public var jsonValue: JSONValue {
        var object = JSONObject()
        if let item { object.append(key: "Item", value: item.jsonValue) }
        if let consumedCapacity { object.append(key: "ConsumedCapacity", value: JSONFields.encoded(consumedCapacity)) }
        return .object(object)
    }
}
