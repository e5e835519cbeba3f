/// A coding key the coders make up: array indices (`"Index 3"`, intValue 3), `super`, and free-form keys.
public struct JSONCodingKey: CodingKey, Sendable, Hashable {
    public let stringValue: String
    public let intValue: Int?

    public init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    public init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }

    /// The key for an element of an unkeyed container (as Foundation names it: `Index 3`).
    public init(index: Int) {
        self.stringValue = "Index \(index)"
        self.intValue = index
    }

    /// The key `super`, used by `superEncoder()`/`superDecoder()`.
    public static let `super` = JSONCodingKey(stringValue: "super")
}

/// One step of a coding path, kept unmaterialized until someone asks for `codingPath`.
enum _PathStep {
    case root
    case key(any CodingKey)
    case index(Int)
    case superKey

    var codingKey: (any CodingKey)? {
        switch self {
        case .root: nil
        case .key(let key): key
        case .index(let i): JSONCodingKey(index: i)
        case .superKey: JSONCodingKey.super
        }
    }
}

// MARK: Key strategies

/// How ``SluiceJSONEncoder`` turns coding keys into object keys.
public enum JSONKeyEncodingStrategy: Sendable, Hashable {
    /// Use each key's `stringValue` as is (the default).
    case useDefaultKeys
    /// `myURLProperty` → `my_url_property`, as Foundation's `.convertToSnakeCase`.
    /// Keys of `[String: T]` dictionaries are left alone.
    case convertToSnakeCase
}

/// How ``SluiceJSONDecoder`` matches object keys to coding keys.
public enum JSONKeyDecodingStrategy: Sendable, Hashable {
    /// Match keys exactly (the default).
    case useDefaultKeys
    /// `my_url_property` → `myUrlProperty` before matching, as Foundation's `.convertFromSnakeCase`.
    /// Keys of `[String: T]` dictionaries are left alone.
    case convertFromSnakeCase
}

enum _SnakeCase {
    /// Foundation's algorithm: words start at an uppercase letter; a run of capitals is one word
    /// except for its last letter when a lowercase letter follows (`URLValue` → `url_value`).
    static func fromCamelCase(_ key: String) -> String {
        let chars = Array(key)
        guard !chars.isEmpty else { return key }
        var words: [Range<Int>] = []
        var wordStart = 0
        var searchStart = 1
        let end = chars.count
        while let upper = (searchStart..<end).first(where: { chars[$0].isUppercase }) {
            words.append(wordStart..<upper)
            guard let lower = (upper..<end).first(where: { chars[$0].isLowercase }) else {
                wordStart = upper
                searchStart = end
                break
            }
            if lower == upper + 1 {
                wordStart = upper
            } else {
                words.append(upper..<(lower - 1))
                wordStart = lower - 1
            }
            searchStart = lower + 1
        }
        words.append(wordStart..<end)
        return words.filter { !$0.isEmpty }.map { String(chars[$0]).lowercased() }.joined(separator: "_")
    }

    /// Foundation's algorithm: leading/trailing underscores are kept, inner words joined in camel case.
    static func toCamelCase(_ key: String) -> String {
        guard let first = key.firstIndex(where: { $0 != "_" }) else { return key }
        var last = key.index(before: key.endIndex)
        while last > first, key[last] == "_" { key.formIndex(before: &last) }
        let core = key[first...last]
        let components = core.split(separator: "_")
        let joined: String
        if components.count == 1 {
            joined = String(core)
        } else {
            joined = components[0].lowercased()
                + components.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
        }
        return String(key[..<first]) + joined + String(key[key.index(after: last)...])
    }
}

/// Lets the coders recognise `[String: T]` so key strategies leave its keys alone.
protocol _StringKeyedDictionaryEncodable {
    var _jsonMembers: [(String, any Encodable)] { get }
}

extension Dictionary: _StringKeyedDictionaryEncodable where Key == String, Value: Encodable {
    var _jsonMembers: [(String, any Encodable)] { map { ($0.key, $0.value as any Encodable) } }
}

protocol _StringKeyedDictionaryDecodable {
    static func _decode(from object: JSONObject, decoder: _JSONDecoderImpl) throws -> Self
}

extension Dictionary: _StringKeyedDictionaryDecodable where Key == String, Value: Decodable {
    static func _decode(from object: JSONObject, decoder: _JSONDecoderImpl) throws -> Self {
        var result: [String: Value] = [:]
        result.reserveCapacity(object.count)
        for member in object.members {
            result[member.key] = try decoder.unbox(Value.self, from: member.value, step: .key(JSONCodingKey(stringValue: member.key)))
        }
        return result
    }
}
