/// Encodes Swift `Encodable` values as DynamoDB items, so handlers never build attribute maps by hand.
///
/// Mapping: integers and floating-point numbers → `N` (exact text; NaN and infinities are errors),
/// ``DynamoNumber`` → `N`, `String` → `S`, `Bool` → `BOOL`, `[UInt8]` → `B`, `Set<String>` → `SS`,
/// `Set` of integers or `Double` → `NS`, `Set<[UInt8]>` → `BS` (an empty set is omitted, as
/// DynamoDB cannot store one), other arrays → `L`, structs and dictionaries with string keys → `M`,
/// ``AttributeValue`` passes through, `nil` optionals are omitted (an explicit `encodeNil` gives `NULL`).
/// Foundation types such as `Date` are not special-cased (they encode as whatever their `Codable`
/// conformance produces).
public struct ItemEncoder: Sendable {
    public init() {}

    /// Encodes a value whose encoded form is a map (a struct, class or `[String: …]`) as an item.
    public func encode<T: Encodable>(_ value: T) throws -> Item {
        guard case .m(let item)? = try encodeValue(value) else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "Top-level value did not encode as a map"))
        }
        return item
    }

    /// Encodes any value as one attribute value (`nil` when it encodes to nothing, e.g. an empty set).
    public func encodeValue<T: Encodable>(_ value: T) throws -> AttributeValue? {
        let slot = EncodingSlot()
        try EncodingSlot.box(value, into: slot, codingPath: [])
        return slot.resolve()
    }
}

/// A node of the value being encoded.
final class EncodingSlot {
    var single: AttributeValue?
    var keyed: [String: EncodingSlot]?
    var unkeyed: [EncodingSlot]?

    func resolve() -> AttributeValue? {
        if let keyed {
            var map: [String: AttributeValue] = [:]
            for (k, slot) in keyed { if let v = slot.resolve() { map[k] = v } }
            return .m(map)
        }
        if let unkeyed { return .l(unkeyed.map { $0.resolve() ?? .null }) }
        return single
    }

    static func box<T: Encodable>(_ value: T, into slot: EncodingSlot, codingPath: [any CodingKey]) throws {
        if let special = try special(value, codingPath: codingPath) {
            slot.single = special.value
            return
        }
        try value.encode(to: ItemEncoding(slot: slot, codingPath: codingPath))
    }

    /// Types with a direct DynamoDB form; `.some(nil)` for an empty set (omitted).
    private static func special<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> Special? {
        switch value {
        case let v as AttributeValue: return Special(value: v)
        case let v as DynamoNumber: return Special(value: .number(v))
        case let v as [UInt8]: return Special(value: .b(v))
        case let v as Set<String>: return Special(value: v.isEmpty ? nil : .ss(v.sorted()))
        case let v as Set<[UInt8]>: return Special(value: v.isEmpty ? nil : .bs(Array(v)))
        case let v as Set<Int>: return Special(value: v.isEmpty ? nil : .ns(v.sorted().map { String($0) }))
        case let v as Set<Int64>: return Special(value: v.isEmpty ? nil : .ns(v.sorted().map { String($0) }))
        case let v as Set<Double>:
            if v.isEmpty { return Special(value: nil) }
            return Special(value: .ns(try v.sorted().map { try number($0, codingPath: codingPath) }))
        default: return nil
        }
    }

    private struct Special {
        var value: AttributeValue?
    }

    /// Exact number text for a floating-point value.
    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, codingPath: [any CodingKey]) throws
        -> String
    {
        guard value.isFinite, let n = try? DynamoNumber(parsing: value.description) else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: codingPath, debugDescription: "\(value) cannot be stored as a DynamoDB number"))
        }
        return n.description
    }
}

struct ItemEncoding: Encoder {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if slot.keyed == nil { slot.keyed = [:] }
        return KeyedEncodingContainer(KeyedItemEncoding<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if slot.unkeyed == nil { slot.unkeyed = [] }
        return UnkeyedItemEncoding(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleItemEncoding(slot: slot, codingPath: codingPath)
    }
}

struct KeyedItemEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]

    private func child(_ key: Key) -> EncodingSlot {
        let child = EncodingSlot()
        slot.keyed?[key.stringValue] = child
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { child(key).single = .null }
    mutating func encode(_ value: Bool, forKey key: Key) throws { child(key).single = .bool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { child(key).single = .s(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        child(key).single = .n(try EncodingSlot.number(value, codingPath: codingPath + [key]))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        child(key).single = .n(try EncodingSlot.number(value, codingPath: codingPath + [key]))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { child(key).single = .n(String(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { child(key).single = .n(String(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { child(key).single = .n(String(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { child(key).single = .n(String(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { child(key).single = .n(String(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { child(key).single = .n(String(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { child(key).single = .n(String(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { child(key).single = .n(String(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { child(key).single = .n(String(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { child(key).single = .n(String(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try EncodingSlot.box(value, into: child(key), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        ItemEncoding(slot: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        ItemEncoding(slot: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        ItemEncoding(slot: child(Key(stringValue: "super")!), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        ItemEncoding(slot: child(key), codingPath: codingPath + [key])
    }
}

struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { intValue.map { "Index \($0)" } ?? "" }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

struct UnkeyedItemEncoding: UnkeyedEncodingContainer {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]
    var count: Int { slot.unkeyed?.count ?? 0 }

    private func next() -> EncodingSlot {
        let child = EncodingSlot()
        slot.unkeyed?.append(child)
        return child
    }

    mutating func encodeNil() throws { next().single = .null }
    mutating func encode(_ value: Bool) throws { next().single = .bool(value) }
    mutating func encode(_ value: String) throws { next().single = .s(value) }
    mutating func encode(_ value: Double) throws { next().single = .n(try EncodingSlot.number(value, codingPath: codingPath)) }
    mutating func encode(_ value: Float) throws { next().single = .n(try EncodingSlot.number(value, codingPath: codingPath)) }
    mutating func encode(_ value: Int) throws { next().single = .n(String(value)) }
    mutating func encode(_ value: Int8) throws { next().single = .n(String(value)) }
    mutating func encode(_ value: Int16) throws { next().single = .n(String(value)) }
    mutating func encode(_ value: Int32) throws { next().single = .n(String(value)) }
    mutating func encode(_ value: Int64) throws { next().single = .n(String(value)) }
    mutating func encode(_ value: UInt) throws { next().single = .n(String(value)) }
    mutating func encode(_ value: UInt8) throws { next().single = .n(String(value)) }
    mutating func encode(_ value: UInt16) throws { next().single = .n(String(value)) }
    mutating func encode(_ value: UInt32) throws { next().single = .n(String(value)) }
    mutating func encode(_ value: UInt64) throws { next().single = .n(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [IndexKey(count)]
        try EncodingSlot.box(value, into: next(), codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [IndexKey(count)]
        return ItemEncoding(slot: next(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [IndexKey(count)]
        return ItemEncoding(slot: next(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        ItemEncoding(slot: next(), codingPath: codingPath)
    }
}

struct SingleItemEncoding: SingleValueEncodingContainer {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.single = .null }
    mutating func encode(_ value: Bool) throws { slot.single = .bool(value) }
    mutating func encode(_ value: String) throws { slot.single = .s(value) }
    mutating func encode(_ value: Double) throws { slot.single = .n(try EncodingSlot.number(value, codingPath: codingPath)) }
    mutating func encode(_ value: Float) throws { slot.single = .n(try EncodingSlot.number(value, codingPath: codingPath)) }
    mutating func encode(_ value: Int) throws { slot.single = .n(String(value)) }
    mutating func encode(_ value: Int8) throws { slot.single = .n(String(value)) }
    mutating func encode(_ value: Int16) throws { slot.single = .n(String(value)) }
    mutating func encode(_ value: Int32) throws { slot.single = .n(String(value)) }
    mutating func encode(_ value: Int64) throws { slot.single = .n(String(value)) }
    mutating func encode(_ value: UInt) throws { slot.single = .n(String(value)) }
    mutating func encode(_ value: UInt8) throws { slot.single = .n(String(value)) }
    mutating func encode(_ value: UInt16) throws { slot.single = .n(String(value)) }
    mutating func encode(_ value: UInt32) throws { slot.single = .n(String(value)) }
    mutating func encode(_ value: UInt64) throws { slot.single = .n(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try EncodingSlot.box(value, into: slot, codingPath: codingPath)
    }
}
