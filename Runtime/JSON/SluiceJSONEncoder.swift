/// Encodes `Encodable` values as JSON, like Foundation's `JSONEncoder` but without Foundation.
///
/// ```swift
/// let bytes = try SluiceJSONEncoder().encode(order)          // [UInt8], compact
/// let text = try SluiceJSONEncoder().encodeToString(order)   // String
/// let tree = try SluiceJSONEncoder().encodeToValue(order)    // JSONValue
/// ```
///
/// - Object members are written in the order the value encodes its keys.
/// - Optionals encoded with `encodeIfPresent` (what synthesized conformances use) are omitted when `nil`.
/// - `[String: T]` and `[Int: T]` dictionaries become JSON objects.
/// - Infinite and NaN floats throw `EncodingError.invalidValue`, with the coding path.
/// - A value that encodes nothing at the top level throws; nested, it becomes `{}`.
public struct SluiceJSONEncoder: Sendable {
    /// Layout of the output: compact by default.
    public var outputFormatting: JSONFormatting = []
    /// How coding keys become object keys.
    public var keyEncodingStrategy: JSONKeyEncodingStrategy = .useDefaultKeys
    /// Context for the values' `encode(to:)`, available as `encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    public init() {}

    /// Encodes `value` as UTF-8 JSON text.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        JSONSerializer.serialize(try encodeToValue(value), formatting: outputFormatting)
    }

    /// Encodes `value` as JSON text.
    public func encodeToString<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    /// Encodes `value` as a ``JSONValue`` tree.
    public func encodeToValue<T: Encodable>(_ value: T) throws -> JSONValue {
        let options = _EncoderOptions(
            convertToSnakeCase: keyEncodingStrategy == .convertToSnakeCase, userInfo: userInfo)
        let encoder = _JSONEncoderImpl(options: options, parent: nil, step: .root)
        let node = try encoder.box(value)
        guard let node else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        return node.resolved()
    }
}

struct _EncoderOptions {
    let convertToSnakeCase: Bool
    let userInfo: [CodingUserInfoKey: Any]

    init(convertToSnakeCase: Bool, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.convertToSnakeCase = convertToSnakeCase
        self.userInfo = userInfo
    }
}

/// A value under construction. Arrays and objects are references so containers can keep adding to them.
enum _EncodingNode {
    case value(JSONValue)
    case array(_EncodingArray)
    case object(_EncodingObject)
    /// A `superEncoder()`: whatever it ends up holding.
    case encoder(_JSONEncoderImpl)

    func resolved() -> JSONValue {
        switch self {
        case .value(let v): v
        case .array(let a): .array(a.items.map { $0.resolved() })
        case .object(let o): .object(JSONObject(members: zip(o.keys, o.values).map { (key: $0, value: $1.resolved()) }))
        case .encoder(let e): e.storage?.resolved() ?? .object(JSONObject())
        }
    }
}

final class _EncodingArray {
    var items: [_EncodingNode] = []
}

final class _EncodingObject {
    var keys: [String] = []
    var values: [_EncodingNode] = []
    /// Built once the object grows large, so re-encoding a key stays O(1).
    private var index: [String: Int]?

    /// Sets `key`: a key encoded twice keeps its first position and its last value.
    func set(_ key: String, _ node: _EncodingNode) {
        if let index {
            if let i = index[key] {
                values[i] = node
                return
            }
        } else if keys.count < 16 {
            if let i = keys.firstIndex(of: key) {
                values[i] = node
                return
            }
        } else {
            var built = [String: Int](minimumCapacity: keys.count * 2)
            for (i, k) in keys.enumerated() { built[k] = i }
            index = built
            set(key, node)
            return
        }
        index?[key] = keys.count
        keys.append(key)
        values.append(node)
    }

    func get(_ key: String) -> _EncodingNode? {
        if let index { return index[key].map { values[$0] } }
        return keys.firstIndex(of: key).map { values[$0] }
    }
}

/// The `Encoder` handed to `encode(to:)`. Each instance is also one step of the coding path.
final class _JSONEncoderImpl: Encoder, SingleValueEncodingContainer {
    let options: _EncoderOptions
    let parent: _JSONEncoderImpl?
    let step: _PathStep
    var storage: _EncodingNode?

    init(options: _EncoderOptions, parent: _JSONEncoderImpl?, step: _PathStep) {
        self.options = options
        self.parent = parent
        self.step = step
    }

    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node: _JSONEncoderImpl? = self
        while let current = node {
            if let key = current.step.codingKey { keys.append(key) }
            node = current.parent
        }
        return keys.reversed()
    }

    func path(appending step: _PathStep) -> [any CodingKey] {
        codingPath + [step.codingKey].compactMap { $0 }
    }

    var userInfo: [CodingUserInfoKey: Any] { options.userInfo }

    func child(_ step: _PathStep) -> _JSONEncoderImpl {
        _JSONEncoderImpl(options: options, parent: self, step: step)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: _EncodingObject
        if case .object(let existing) = storage {
            object = existing
        } else {
            object = _EncodingObject()
            storage = .object(object)
        }
        return KeyedEncodingContainer(_KeyedEncoder<Key>(encoder: self, object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: _EncodingArray
        if case .array(let existing) = storage {
            array = existing
        } else {
            array = _EncodingArray()
            storage = .array(array)
        }
        return _UnkeyedEncoder(encoder: self, array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: Boxing

    /// Encodes `value` into this encoder; `nil` if it encoded nothing.
    func box<T: Encodable>(_ value: T) throws -> _EncodingNode? {
        if let primitive = try boxPrimitive(value, path: codingPath) { return primitive }
        if !options.convertToSnakeCase, let direct = value as? any JSONValueRepresentable { return .value(direct.jsonValue) }
        try encodeValue(value)
        return storage
    }

    /// The node for `value` at `step` below this encoder (`{}` if it encoded nothing).
    func box<T: Encodable>(_ value: T, at step: _PathStep) throws -> _EncodingNode {
        if let primitive = try boxPrimitive(value, path: path(appending: step)) { return primitive }
        if !options.convertToSnakeCase, let direct = value as? any JSONValueRepresentable { return .value(direct.jsonValue) }
        let child = child(step)
        try child.encodeValue(value)
        return child.storage ?? .value(.object(JSONObject()))
    }

    /// Runs `value.encode(to: self)`, except for `[String: T]` under a key strategy, whose keys stay as they are.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if options.convertToSnakeCase, let dictionary = value as? any _StringKeyedDictionaryEncodable {
            let object = _EncodingObject()
            for (key, element) in dictionary._jsonMembers {
                object.set(key, try box(element, at: .key(JSONCodingKey(stringValue: key))))
            }
            storage = .object(object)
            return
        }
        try value.encode(to: self)
    }

    /// Primitives reached through generic code (such as the elements of `[String]`) and `JSONValue`,
    /// encoded without a child encoder.
    @inline(__always)
    func boxPrimitive<T: Encodable>(_ value: T, path: @autoclosure () -> [any CodingKey]) throws -> _EncodingNode? {
        if T.self == String.self { return .value(.string(unsafeBitCast(value, to: String.self))) }
        if T.self == Int.self { return .value(.number(JSONNumber(unsafeBitCast(value, to: Int.self)))) }
        if T.self == Bool.self { return .value(.bool(unsafeBitCast(value, to: Bool.self))) }
        if T.self == Double.self { return .value(try Self.number(unsafeBitCast(value, to: Double.self), path())) }
        if T.self == JSONValue.self { return .value(unsafeBitCast(value, to: JSONValue.self)) }
        return nil
    }

    static func number<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F, _ path: [any CodingKey]) throws
        -> JSONValue
    {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: path, debugDescription: "Unable to encode \(F.self).\(value) directly in JSON."))
        }
        return .number(JSONNumber(unchecked: JSONNumber.format(value)))
    }

    // MARK: SingleValueEncodingContainer

    func encodeNil() { storage = .value(.null) }
    func encode(_ value: Bool) { storage = .value(.bool(value)) }
    func encode(_ value: String) { storage = .value(.string(value)) }
    func encode(_ value: Double) throws { storage = .value(try Self.number(value, codingPath)) }
    func encode(_ value: Float) throws { storage = .value(try Self.number(value, codingPath)) }
    func encode(_ value: Int) { storage = .value(.number(JSONNumber(value))) }
    func encode(_ value: Int8) { storage = .value(.number(JSONNumber(value))) }
    func encode(_ value: Int16) { storage = .value(.number(JSONNumber(value))) }
    func encode(_ value: Int32) { storage = .value(.number(JSONNumber(value))) }
    func encode(_ value: Int64) { storage = .value(.number(JSONNumber(value))) }
    func encode(_ value: Int128) { storage = .value(.number(JSONNumber(value))) }
    func encode(_ value: UInt) { storage = .value(.number(JSONNumber(value))) }
    func encode(_ value: UInt8) { storage = .value(.number(JSONNumber(value))) }
    func encode(_ value: UInt16) { storage = .value(.number(JSONNumber(value))) }
    func encode(_ value: UInt32) { storage = .value(.number(JSONNumber(value))) }
    func encode(_ value: UInt64) { storage = .value(.number(JSONNumber(value))) }
    func encode(_ value: UInt128) { storage = .value(.number(JSONNumber(value))) }
    func encode<T: Encodable>(_ value: T) throws {
        if let primitive = try boxPrimitive(value, path: codingPath) {
            storage = primitive
        } else {
            try encodeValue(value)
        }
    }
}
