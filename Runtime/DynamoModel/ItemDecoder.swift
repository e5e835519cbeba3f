/// Decodes Swift `Decodable` values from DynamoDB items (the inverse of ``ItemEncoder``).
///
/// `N` decodes into any integer or floating-point type (integers must be exact and in range) or
/// ``DynamoNumber``; `SS`/`NS`/`BS` decode into sets or arrays; `B` into `[UInt8]`; `NULL` and
/// missing attributes into `nil` optionals.
public struct ItemDecoder: Sendable {
    public init() {}

    /// Decodes a value from an item.
    public func decode<T: Decodable>(_ type: T.Type, from item: Item) throws -> T {
        try decode(type, fromValue: .m(item))
    }

    /// Decodes a value from one attribute value.
    public func decode<T: Decodable>(_ type: T.Type, fromValue value: AttributeValue) throws -> T {
        try ItemDecoding.unbox(value, as: type, codingPath: [])
    }
}

struct ItemDecoding: Decoder {
    let value: AttributeValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func unbox<T: Decodable>(_ value: AttributeValue, as type: T.Type, codingPath: [any CodingKey]) throws -> T {
        if type == AttributeValue.self { return value as! T }
        if type == DynamoNumber.self {
            guard case .n(let text) = value, let n = try? DynamoNumber(parsing: text) else {
                throw mismatch(type, value, codingPath)
            }
            return n as! T
        }
        if type == [UInt8].self, case .b(let bytes) = value { return bytes as! T }
        return try T(from: ItemDecoding(value: value, codingPath: codingPath))
    }

    static func mismatch(_ type: Any.Type, _ value: AttributeValue, _ codingPath: [any CodingKey]) -> DecodingError {
        .typeMismatch(
            type,
            .init(codingPath: codingPath, debugDescription: "Expected \(type) but found a \(value.typeDescriptor) value"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .m(let map) = value else { throw Self.mismatch([String: Any].self, value, codingPath) }
        return KeyedDecodingContainer(KeyedItemDecoding<Key>(map: map, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let elements: [AttributeValue]
        switch value {
        case .l(let v): elements = v
        case .ss(let v): elements = v.map(AttributeValue.s)
        case .ns(let v): elements = v.map(AttributeValue.n)
        case .bs(let v): elements = v.map(AttributeValue.b)
        case .b(let v): elements = v.map { .n(String($0)) }
        default: throw Self.mismatch([Any].self, value, codingPath)
        }
        return UnkeyedItemDecoding(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleItemDecoding(value: value, codingPath: codingPath)
    }
}

/// Scalar conversions shared by the containers.
enum ScalarDecoding {
    static func bool(_ v: AttributeValue, _ path: [any CodingKey]) throws -> Bool {
        guard case .bool(let b) = v else { throw ItemDecoding.mismatch(Bool.self, v, path) }
        return b
    }

    static func string(_ v: AttributeValue, _ path: [any CodingKey]) throws -> String {
        guard case .s(let s) = v else { throw ItemDecoding.mismatch(String.self, v, path) }
        return s
    }

    static func float<F: LosslessStringConvertible>(_ v: AttributeValue, _ path: [any CodingKey]) throws -> F {
        guard case .n(let text) = v, let f = F(text) else { throw ItemDecoding.mismatch(F.self, v, path) }
        return f
    }

    static func integer<I: FixedWidthInteger>(_ v: AttributeValue, _ path: [any CodingKey]) throws -> I {
        guard case .n(let text) = v else { throw ItemDecoding.mismatch(I.self, v, path) }
        if let i = I(text) { return i }
        // Exponent or fraction forms of whole numbers ("1E+3", "10.0").
        if let n = try? DynamoNumber(parsing: text), n.exponent >= n.digits.count, let i = I(n.description) { return i }
        throw DecodingError.dataCorrupted(
            .init(codingPath: path, debugDescription: "Number \(text) does not fit in \(I.self)"))
    }
}

struct KeyedItemDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let map: [String: AttributeValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { map.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { map[key.stringValue] != nil }

    private func value(_ key: Key) throws -> AttributeValue {
        guard let v = map[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "No attribute named \(key.stringValue)"))
        }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let v = map[key.stringValue] else { return true }
        return v == .null
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try ScalarDecoding.bool(value(key), codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try ScalarDecoding.string(value(key), codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try ScalarDecoding.float(value(key), codingPath + [key]) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try ScalarDecoding.float(value(key), codingPath + [key]) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try ScalarDecoding.integer(value(key), codingPath + [key]) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try ScalarDecoding.integer(value(key), codingPath + [key]) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try ScalarDecoding.integer(value(key), codingPath + [key]) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try ScalarDecoding.integer(value(key), codingPath + [key]) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try ScalarDecoding.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try ScalarDecoding.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try ScalarDecoding.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try ScalarDecoding.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try ScalarDecoding.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try ScalarDecoding.integer(value(key), codingPath + [key]) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try ItemDecoding.unbox(value(key), as: type, codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try ItemDecoding(value: value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ItemDecoding(value: value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ItemDecoding(value: map["super"] ?? .m([:]), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ItemDecoding(value: try value(key), codingPath: codingPath + [key])
    }
}

struct UnkeyedItemDecoding: UnkeyedDecodingContainer {
    let elements: [AttributeValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(elements: [AttributeValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> (AttributeValue, [any CodingKey]) {
        let path = codingPath + [IndexKey(currentIndex)]
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, .init(codingPath: path, debugDescription: "Unkeyed container is at its end"))
        }
        defer { currentIndex += 1 }
        return (elements[currentIndex], path)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { let (v, p) = try next(); return try ScalarDecoding.bool(v, p) }
    mutating func decode(_ type: String.Type) throws -> String { let (v, p) = try next(); return try ScalarDecoding.string(v, p) }
    mutating func decode(_ type: Double.Type) throws -> Double { let (v, p) = try next(); return try ScalarDecoding.float(v, p) }
    mutating func decode(_ type: Float.Type) throws -> Float { let (v, p) = try next(); return try ScalarDecoding.float(v, p) }
    mutating func decode(_ type: Int.Type) throws -> Int { let (v, p) = try next(); return try ScalarDecoding.integer(v, p) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { let (v, p) = try next(); return try ScalarDecoding.integer(v, p) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { let (v, p) = try next(); return try ScalarDecoding.integer(v, p) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { let (v, p) = try next(); return try ScalarDecoding.integer(v, p) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { let (v, p) = try next(); return try ScalarDecoding.integer(v, p) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { let (v, p) = try next(); return try ScalarDecoding.integer(v, p) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let (v, p) = try next(); return try ScalarDecoding.integer(v, p) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let (v, p) = try next(); return try ScalarDecoding.integer(v, p) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let (v, p) = try next(); return try ScalarDecoding.integer(v, p) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let (v, p) = try next(); return try ScalarDecoding.integer(v, p) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (v, p) = try next()
        return try ItemDecoding.unbox(v, as: type, codingPath: p)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (v, p) = try next()
        return try ItemDecoding(value: v, codingPath: p).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (v, p) = try next()
        return try ItemDecoding(value: v, codingPath: p).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (v, p) = try next()
        return ItemDecoding(value: v, codingPath: p)
    }
}

struct SingleItemDecoding: SingleValueDecodingContainer {
    let value: AttributeValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try ScalarDecoding.bool(value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try ScalarDecoding.string(value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try ScalarDecoding.float(value, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try ScalarDecoding.float(value, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try ScalarDecoding.integer(value, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try ScalarDecoding.integer(value, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try ScalarDecoding.integer(value, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try ScalarDecoding.integer(value, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try ScalarDecoding.integer(value, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try ScalarDecoding.integer(value, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try ScalarDecoding.integer(value, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try ScalarDecoding.integer(value, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try ScalarDecoding.integer(value, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try ScalarDecoding.integer(value, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try ItemDecoding.unbox(value, as: type, codingPath: codingPath)
    }
}
