/// A JSON document or fragment, as parsed: numbers keep their literal text and objects keep their key order.
///
/// `JSONValue` is `Codable`, so it can sit inside other `Codable` types as a free-form field. With
/// ``SluiceJSONEncoder``/``SluiceJSONDecoder`` it passes through unchanged; with other coders it maps onto
/// their containers (numbers become `Int64`, `UInt64` or `Double`).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    // MARK: Parsing and serializing

    /// Parses a complete JSON text (see ``JSONParser``).
    public init(parsing bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        self = try JSONParser.parse(bytes, maxDepth: maxDepth)
    }

    /// Parses a complete JSON text (see ``JSONParser``).
    public init(parsing text: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        self = try JSONParser.parse(text, maxDepth: maxDepth)
    }

    /// The value as UTF-8 JSON text (compact unless `formatting` says otherwise).
    public func serialized(formatting: JSONFormatting = []) -> [UInt8] {
        JSONSerializer.serialize(self, formatting: formatting)
    }

    /// The value as JSON text (compact unless `formatting` says otherwise).
    public func jsonString(formatting: JSONFormatting = []) -> String {
        String(decoding: serialized(formatting: formatting), as: UTF8.self)
    }

    // MARK: Accessors

    /// True for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
    /// The boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
    /// The number, if this is a number.
    public var numberValue: JSONNumber? {
        if case .number(let n) = self { return n }
        return nil
    }
    /// The number as `Int`, if this is a number with an integral value that fits.
    public var intValue: Int? { numberValue?.int }
    /// The number as `Int64`, if this is a number with an integral value that fits.
    public var int64Value: Int64? { numberValue?.int64 }
    /// The number as `UInt64`, if this is a number with a non-negative integral value that fits.
    public var uint64Value: UInt64? { numberValue?.uint64 }
    /// The number as `Double`, if this is a finite number.
    public var doubleValue: Double? { numberValue?.double }
    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
    /// The members, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The value of the (last) member with this key, if this is an object that has one.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The element at `index`, if this is an array and the index is in range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }

    /// "null", "a boolean", "a number", "a string", "an array" or "an object" (used in error messages).
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text.
    public var description: String { jsonString() }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    /// A float literal; infinities (impossible to write as a literal) would become `null`.
    public init(floatLiteral value: Double) { self = JSONNumber(value).map(JSONValue.number) ?? .null }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object literal; keys keep the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}
