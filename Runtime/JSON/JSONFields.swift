/// Reading and writing members the way SluiceJSON's Codable containers do, for the direct `JSONValue`
/// paths of the event and DynamoDB types. The `optional…` readers return nil when the member has the wrong
/// type, and `.some(nil)` when it is absent or null (`decodeIfPresent`).
public enum JSONFields {
    /// A member's value that was read: nil when the member is absent or null.
    public struct Present<T> {
        public var value: T?

        public init(value: T?) {
            self.value = value
        }
    }

    public static func isAbsent(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: true
        default: false
        }
    }

    public static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    /// An integer written as plain digits (anything else goes through the decoder's own conversion).
    public static func int64(_ value: JSONValue?) -> Int64? {
        guard case .number(let number)? = value else { return nil }
        let text = number.text.utf8
        guard let first = text.first, first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")),
            text.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return Int64(number.text)
    }

    public static func int(_ value: JSONValue?) -> Int? {
        int64(value).map { Int($0) }
    }

    public static func optionalInt(_ value: JSONValue?) -> Present<Int>? {
        if isAbsent(value) { return Present(value: nil) }
        return int(value).map { Present(value: $0) }
    }

    /// A string-valued enumeration; an unknown value is left to its `init(from:)` (and its error).
    public static func optionalEnum<T: RawRepresentable>(_ value: JSONValue?, _ type: T.Type) -> Present<T>? where T.RawValue == String {
        if isAbsent(value) { return Present(value: nil) }
        return string(value).flatMap(T.init(rawValue:)).map { Present(value: $0) }
    }

    public static func optionalString(_ value: JSONValue?) -> Present<String>? {
        if isAbsent(value) { return Present(value: nil) }
        return string(value).map { Present(value: $0) }
    }

    public static func optionalBool(_ value: JSONValue?) -> Present<Bool>? {
        if isAbsent(value) { return Present(value: nil) }
        if case .bool(let flag)? = value { return Present(value: flag) }
        return nil
    }

    public static func optionalStrings(_ value: JSONValue?) -> Present<[String]>? {
        if isAbsent(value) { return Present(value: nil) }
        guard case .array(let elements)? = value else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let text) = element else { return nil }
            strings.append(text)
        }
        return Present(value: strings)
    }

    /// A `[String: String]`; a repeated key keeps its last value, as the decoder's lookups do.
    public static func optionalStringMap(_ value: JSONValue?) -> Present<[String: String]>? {
        if isAbsent(value) { return Present(value: nil) }
        guard case .object(let members)? = value else { return nil }
        var map: [String: String] = [:]
        map.reserveCapacity(members.count)
        for (name, member) in members {
            guard case .string(let text) = member else { return nil }
            map[name] = text
        }
        return Present(value: map)
    }

    /// A `[String: [String]]`; a repeated key keeps its last value.
    public static func optionalStringListMap(_ value: JSONValue?) -> Present<[String: [String]]>? {
        if isAbsent(value) { return Present(value: nil) }
        guard case .object(let members)? = value else { return nil }
        var map: [String: [String]] = [:]
        map.reserveCapacity(members.count)
        for (name, member) in members {
            guard let strings = optionalStrings(member)?.value else { return nil }
            map[name] = strings
        }
        return Present(value: map)
    }

    public static func value(_ strings: [String]) -> JSONValue {
        var elements: [JSONValue] = []
        elements.reserveCapacity(strings.count)
        for text in strings { elements.append(.string(text)) }
        return .array(elements)
    }

    /// A `[String: String]` in the dictionary's own order, as its `encode(to:)` writes it.
    public static func value(_ map: [String: String]) -> JSONValue {
        var object = JSONObject()
        object.reserveCapacity(map.count)
        for (name, text) in map { object.append(key: name, value: .string(text)) }
        return .object(object)
    }

    /// Rare members (mutual TLS, IAM, Lambda authorizers) through the Codable encoder.
    public static func encoded(_ value: some Encodable) -> JSONValue {
        (try? SluiceJSONEncoder().encodeToValue(value)) ?? .object(JSONObject())
    }
}
