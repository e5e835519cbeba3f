/// Decodes `Decodable` values from JSON, like Foundation's `JSONDecoder` but without Foundation.
///
/// ```swift
/// let order = try SluiceJSONDecoder().decode(Order.self, from: bytes)    // [UInt8]
/// let order = try SluiceJSONDecoder().decode(Order.self, from: text)     // String
/// let order = try SluiceJSONDecoder().decode(Order.self, from: tree)     // JSONValue
/// ```
///
/// Input is parsed strictly (see ``JSONParser``); a parse failure is thrown as
/// `DecodingError.dataCorrupted` whose `underlyingError` is the ``JSONParseError`` (byte offset and reason).
/// Mismatches are Swift's standard errors with the coding path of the offending value: `typeMismatch`,
/// `keyNotFound`, `valueNotFound` (a `null` or a missing array element) and `dataCorrupted`
/// (a number that does not fit the requested type, such as `300` for `UInt8` or `1.5` for `Int`).
///
/// Strings and sub-trees are handed to the decoded values straight from the parsed tree, without copying.
public struct SluiceJSONDecoder: Sendable {
    /// How object keys are matched to coding keys.
    public var keyDecodingStrategy: JSONKeyDecodingStrategy = .useDefaultKeys
    /// The deepest nesting of arrays and objects the parser accepts.
    public var maxDepth: Int = JSONParser.defaultMaxDepth
    /// Context for the values' `init(from:)`, available as `decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    public init() {}

    /// Decodes a `T` from UTF-8 JSON text.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try decode(type, from: try parse { () throws(JSONParseError) in try JSONParser.parse(bytes, maxDepth: maxDepth) })
    }

    /// Decodes a `T` from UTF-8 JSON text.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        try decode(type, from: try parse { () throws(JSONParseError) in try JSONParser.parse(bytes, maxDepth: maxDepth) })
    }

    /// Decodes a `T` from JSON text.
    public func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decode(type, from: try parse { () throws(JSONParseError) in try JSONParser.parse(text, maxDepth: maxDepth) })
    }

    /// Decodes a `T` from an already parsed ``JSONValue`` (for example a free-form field).
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        let options = _DecoderOptions(
            convertFromSnakeCase: keyDecodingStrategy == .convertFromSnakeCase, userInfo: userInfo)
        let decoder = _JSONDecoderImpl(value: value, options: options, parent: nil, step: .root)
        return try decoder.decodeValue(T.self)
    }

    private func parse(_ body: () throws(JSONParseError) -> JSONValue) throws -> JSONValue {
        do {
            return try body()
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "The given data was not valid JSON. \(error)", underlyingError: error))
        }
    }
}

struct _DecoderOptions {
    let convertFromSnakeCase: Bool
    let userInfo: [CodingUserInfoKey: Any]

    init(convertFromSnakeCase: Bool, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.convertFromSnakeCase = convertFromSnakeCase
        self.userInfo = userInfo
    }
}

/// The `Decoder` handed to `init(from:)`: one value of the tree, and one step of the coding path.
final class _JSONDecoderImpl: Decoder, SingleValueDecodingContainer {
    let value: JSONValue
    let options: _DecoderOptions
    let parent: _JSONDecoderImpl?
    let step: _PathStep

    init(value: JSONValue, options: _DecoderOptions, parent: _JSONDecoderImpl?, step: _PathStep) {
        self.value = value
        self.options = options
        self.parent = parent
        self.step = step
    }

    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node: _JSONDecoderImpl? = self
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

    func child(_ value: JSONValue, _ step: _PathStep) -> _JSONDecoderImpl {
        _JSONDecoderImpl(value: value, options: options, parent: self, step: step)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(_KeyedDecoder<Key>(decoder: self, object: try objectValue()))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch value {
        case .array(let elements): return _UnkeyedDecoder(decoder: self, elements: elements)
        case .null:
            throw DecodingError.valueNotFound(
                [Any].self,
                .init(codingPath: codingPath, debugDescription: "Cannot get unkeyed decoding container -- found null value instead"))
        default:
            throw value.typeMismatch([Any].self, codingPath)
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func objectValue() throws -> JSONObject {
        switch value {
        case .object(let object): return object
        case .null:
            throw DecodingError.valueNotFound(
                [String: Any].self,
                .init(codingPath: codingPath, debugDescription: "Cannot get keyed decoding container -- found null value instead"))
        default:
            throw value.typeMismatch([String: Any].self, codingPath)
        }
    }

    // MARK: Unboxing

    /// Decodes `value` (this decoder's own value) as a `T`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        // Primitives reached through generic code (such as the elements of `[String]`) and `JSONValue`.
        // `unsafeBitCast` is exact here: `T` is that very type.
        if T.self == String.self { return unsafeBitCast(try value.unwrapString(codingPath), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(try value.unwrapInteger(Int.self, codingPath), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(try value.unwrapFloat(Double.self, codingPath), to: T.self) }
        if T.self == Bool.self { return unsafeBitCast(try value.unwrapBool(codingPath), to: T.self) }
        if T.self == JSONValue.self { return unsafeBitCast(value, to: T.self) }
        if options.convertFromSnakeCase, let dictionary = T.self as? any _StringKeyedDictionaryDecodable.Type {
            return try dictionary._decode(from: objectValue(), decoder: self) as! T
        }
        if !options.convertFromSnakeCase, let direct = T.self as? any JSONValueRepresentable.Type,
           let decoded = direct.init(jsonValue: value) {
            return decoded as! T
        }
        return try T(from: self)
    }

    /// Decodes `value`, found at `step` below this decoder, as a `T`.
    func unbox<T: Decodable>(_ type: T.Type, from value: JSONValue, step: _PathStep) throws -> T {
        if T.self == String.self {
            return unsafeBitCast(try value.unwrapString(path(appending: step)), to: T.self)
        }
        if T.self == Int.self {
            return unsafeBitCast(try value.unwrapInteger(Int.self, path(appending: step)), to: T.self)
        }
        if T.self == Double.self {
            return unsafeBitCast(try value.unwrapFloat(Double.self, path(appending: step)), to: T.self)
        }
        if T.self == Bool.self { return unsafeBitCast(try value.unwrapBool(path(appending: step)), to: T.self) }
        if T.self == JSONValue.self { return unsafeBitCast(value, to: T.self) }
        return try child(value, step).decodeValue(T.self)
    }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try value.unwrapBool(codingPath) }
    func decode(_ type: String.Type) throws -> String { try value.unwrapString(codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try value.unwrapFloat(type, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try value.unwrapFloat(type, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try value.unwrapInteger(type, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try value.unwrapInteger(type, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try value.unwrapInteger(type, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try value.unwrapInteger(type, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try value.unwrapInteger(type, codingPath) }
    func decode(_ type: Int128.Type) throws -> Int128 { try value.unwrapInteger(type, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try value.unwrapInteger(type, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try value.unwrapInteger(type, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try value.unwrapInteger(type, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try value.unwrapInteger(type, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try value.unwrapInteger(type, codingPath) }
    func decode(_ type: UInt128.Type) throws -> UInt128 { try value.unwrapInteger(type, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(T.self) }
}

extension JSONValue {
    func typeMismatch(_ type: Any.Type, _ path: [any CodingKey]) -> DecodingError {
        .typeMismatch(type, .init(codingPath: path, debugDescription: "Expected to decode \(type) but found \(kindDescription) instead."))
    }

    func mismatch(_ type: Any.Type, _ path: [any CodingKey]) -> DecodingError {
        if case .null = self {
            return .valueNotFound(type, .init(codingPath: path, debugDescription: "Cannot get value of type \(type) -- found null value instead"))
        }
        return typeMismatch(type, path)
    }

    @inline(__always)
    func unwrapBool(_ path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        guard case .bool(let b) = self else { throw mismatch(Bool.self, path()) }
        return b
    }

    @inline(__always)
    func unwrapString(_ path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard case .string(let s) = self else { throw mismatch(String.self, path()) }
        return s
    }

    @inline(__always)
    func unwrapInteger<T: FixedWidthInteger>(_ type: T.Type, _ path: @autoclosure () -> [any CodingKey]) throws -> T {
        guard case .number(let n) = self else { throw mismatch(T.self, path()) }
        if case .value(let v) = JSONNumber.parseInteger(n.text, as: T.self) { return v }
        guard let v = n.integer(as: T.self) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path(), debugDescription: "Parsed JSON number <\(n.text)> does not fit in \(T.self)."))
        }
        return v
    }

    @inline(__always)
    func unwrapFloat<T: BinaryFloatingPoint & LosslessStringConvertible>(
        _ type: T.Type, _ path: @autoclosure () -> [any CodingKey]
    ) throws -> T {
        guard case .number(let n) = self else { throw mismatch(T.self, path()) }
        guard let v = T(n.text), v.isFinite else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path(), debugDescription: "Parsed JSON number <\(n.text)> does not fit in \(T.self)."))
        }
        return v
    }
}
