import DynamoModel
import SluiceJSON

/// Members read as SluiceJSON's Codable containers read them. The `optional…` readers return nil for a
/// member they cannot read, and `.some(nil)` for one that is absent or null (`decodeIfPresent`).
enum PlainJSON {
    struct Present<T> {
        var value: T?
    }

    /// An integer written as plain digits (anything else goes through the decoder's own conversion).
    static func int(_ value: JSONValue?) -> Int? {
        guard case .number(let number)? = value else { return nil }
        let text = number.text.utf8
        guard let first = text.first, first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")),
            text.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return Int(number.text)
    }

    static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    static func optionalString(_ value: JSONValue?) -> Present<String>? {
        switch value {
        case nil, .null?: return Present(value: nil)
        case .string(let text)?: return Present(value: text)
        default: return nil
        }
    }

    static func optionalBool(_ value: JSONValue?) -> Present<Bool>? {
        switch value {
        case nil, .null?: return Present(value: nil)
        case .bool(let flag)?: return Present(value: flag)
        default: return nil
        }
    }

    static func optionalInt(_ value: JSONValue?) -> Present<Int>? {
        switch value {
        case nil, .null?: return Present(value: nil)
        case let value?: return int(value).map { Present(value: $0) }
        }
    }

    /// A string-valued enumeration; an unknown value is left to its `init(from:)` (and its error).
    static func optionalEnum<T: RawRepresentable>(_ value: JSONValue?, _ type: T.Type) -> Present<T>? where T.RawValue == String {
        switch value {
        case nil, .null?: return Present(value: nil)
        case .string(let text)?: return T(rawValue: text).map { Present(value: $0) }
        default: return nil
        }
    }

    /// A `[String: String]`; a repeated key keeps its last value, as the decoder's lookups do.
    static func optionalStringMap(_ value: JSONValue?) -> Present<[String: String]>? {
        switch value {
        case nil, .null?: return Present(value: nil)
        case .object(let members)?:
            var map: [String: String] = [:]
            map.reserveCapacity(members.count)
            for (name, member) in members {
                guard case .string(let text) = member else { return nil }
                map[name] = text
            }
            return Present(value: map)
        default: return nil
        }
    }

    static func value(_ map: [String: String]) -> JSONValue {
        var object = JSONObject()
        object.reserveCapacity(map.count)
        for (name, text) in map { object.append(key: name, value: .string(text)) }
        return .object(object)
    }

    static func optionalItem(_ value: JSONValue?) -> Present<Item>? {
        switch value {
        case nil, .null?: return Present(value: nil)
        case let value?: return Item(jsonValue: value).map { Present(value: $0) }
        }
    }

    static func optionalCapacity(_ value: JSONValue?) -> Present<ConsumedCapacity>? {
        switch value {
        case nil, .null?: return Present(value: nil)
        case let value?: return (try? SluiceJSONDecoder().decode(ConsumedCapacity.self, from: value)).map { Present(value: $0) }
        }
    }

    static func encoded(_ value: some Encodable) -> JSONValue {
        (try? SluiceJSONEncoder().encodeToValue(value)) ?? .object(JSONObject())
    }
}
