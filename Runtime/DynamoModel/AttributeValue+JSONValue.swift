import SluiceJSON

/// DynamoDB JSON straight from and to ``JSONValue``, the fast path SluiceJSON's coders take for attribute
/// values (items come by the hundred per response). Anything malformed returns nil, and `init(from:)`
/// reports it with DynamoDB's messages.
extension AttributeValue: JSONValueRepresentable {
    public init?(jsonValue: JSONValue) {
        guard case .object(let object) = jsonValue, object.count == 1 else { return nil }
        let (key, value) = object[0]
        switch (key, value) {
        case ("S", .string(let text)): self = .s(text)
        case ("N", .string(let text)): self = .n(text)
        case ("BOOL", .bool(let flag)): self = .bool(flag)
        case ("NULL", .bool(true)): self = .null
        case ("B", .string(let text)):
            guard let bytes = Base64.decode(text) else { return nil }
            self = .b(bytes)
        case ("M", let members):
            guard let map = Item(jsonValue: members) else { return nil }
            self = .m(map)
        case ("L", .array(let elements)):
            var list: [AttributeValue] = []
            list.reserveCapacity(elements.count)
            for element in elements {
                guard let attribute = AttributeValue(jsonValue: element) else { return nil }
                list.append(attribute)
            }
            self = .l(list)
        case ("SS", .array(let elements)):
            guard let strings = Self.strings(elements) else { return nil }
            self = .ss(strings)
        case ("NS", .array(let elements)):
            guard let strings = Self.strings(elements) else { return nil }
            self = .ns(strings)
        case ("BS", .array(let elements)):
            guard let strings = Self.strings(elements) else { return nil }
            var binaries: [[UInt8]] = []
            for text in strings {
                guard let bytes = Base64.decode(text) else { return nil }
                binaries.append(bytes)
            }
            self = .bs(binaries)
        default: return nil
        }
    }

    // Built with loops and `JSONObject.append` rather than `map` and `JSONObject(_:)`: those are generic
    // across modules, so each call looked up generic metadata at run time (a tenth of the table server's
    // time per query).
    public var jsonValue: JSONValue {
        let value: JSONValue
        switch self {
        case .s(let text), .n(let text): value = .string(text)
        case .b(let bytes): value = .string(Base64.encode(bytes))
        case .bool(let flag): value = .bool(flag)
        case .null: value = .bool(true)
        case .m(let map): value = map.jsonValue
        case .l(let list):
            var elements: [JSONValue] = []
            elements.reserveCapacity(list.count)
            for element in list { elements.append(element.jsonValue) }
            value = .array(elements)
        case .ss(let strings), .ns(let strings):
            var elements: [JSONValue] = []
            elements.reserveCapacity(strings.count)
            for text in strings { elements.append(.string(text)) }
            value = .array(elements)
        case .bs(let binaries):
            var elements: [JSONValue] = []
            elements.reserveCapacity(binaries.count)
            for bytes in binaries { elements.append(.string(Base64.encode(bytes))) }
            value = .array(elements)
        }
        var object = JSONObject()
        object.reserveCapacity(1)
        object.append(key: typeDescriptor, value: value)
        return .object(object)
    }

    private static func strings(_ elements: [JSONValue]) -> [String]? {
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let text) = element else { return nil }
            strings.append(text)
        }
        return strings
    }
}

/// Items (`[String: AttributeValue]`, also the `M` type) take the same direct path: an item is decoded and
/// encoded by the hundred per query.
extension Dictionary: JSONValueRepresentable where Key == String, Value == AttributeValue {
    public init?(jsonValue: JSONValue) {
        guard case .object(let members) = jsonValue else { return nil }
        var map: [String: AttributeValue] = [:]
        map.reserveCapacity(members.count)
        for (name, member) in members {  // a repeated name keeps its last value, as the Codable path does
            guard let attribute = AttributeValue(jsonValue: member) else { return nil }
            map[name] = attribute
        }
        self = map
    }

    public var jsonValue: JSONValue {
        var object = JSONObject()
        object.reserveCapacity(count)
        for (name, attribute) in self { object.append(key: name, value: attribute.jsonValue) }
        return .object(object)
    }
}
