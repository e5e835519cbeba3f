import DynamoModel
import SluiceJSON

/// The DynamoDB-specific members of the direct `JSONValue` paths; the rest is SluiceJSON's ``JSONFields``.
enum PlainJSON {
    static func optionalItem(_ value: JSONValue?) -> JSONFields.Present<Item>? {
        if JSONFields.isAbsent(value) { return JSONFields.Present(value: nil) }
        return value.flatMap(Item.init(jsonValue:)).map { JSONFields.Present(value: $0) }
    }

    static func optionalCapacity(_ value: JSONValue?) -> JSONFields.Present<ConsumedCapacity>? {
        if JSONFields.isAbsent(value) { return JSONFields.Present(value: nil) }
        return value.flatMap { try? SluiceJSONDecoder().decode(ConsumedCapacity.self, from: $0) }.map { JSONFields.Present(value: $0) }
    }
}
