/// Keyed container of ``SluiceJSONDecoder``: looks members up in a JSON object (the last of duplicates wins).
struct _KeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// The decoder whose path this container is at.
    let decoder: _JSONDecoderImpl
    let object: JSONObject
    /// For large objects (such as dictionaries), key → position of the last member with that key.
    let index: [String: Int]?

    init(decoder: _JSONDecoderImpl, object: JSONObject) {
        self.decoder = decoder
        if decoder.options.convertFromSnakeCase {
            self.object = JSONObject(members: object.members.map { (key: _SnakeCase.toCamelCase($0.key), value: $0.value) })
        } else {
            self.object = object
        }
        if self.object.count > 16 {
            var index = [String: Int](minimumCapacity: self.object.count)
            for (i, member) in self.object.members.enumerated() { index[member.key] = i }
            self.index = index
        } else {
            self.index = nil
        }
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        let members = object.members
        // One member (every DynamoDB AttributeValue) needs no duplicate check.
        if members.count == 1 { return Key(stringValue: members[0].key).map { [$0] } ?? [] }
        var seen = Set<String>(minimumCapacity: members.count)
        var keys: [Key] = []
        keys.reserveCapacity(members.count)
        for member in members where seen.insert(member.key).inserted {
            if let key = Key(stringValue: member.key) { keys.append(key) }
        }
        return keys
    }

    @inline(__always)
    func lookup(_ key: Key) -> JSONValue? {
        if let index {
            return index[key.stringValue].map { object.members[$0].value }
        }
        return object[key.stringValue]
    }

    func contains(_ key: Key) -> Bool { lookup(key) != nil }

    @inline(__always)
    func value(_ key: Key) throws -> JSONValue {
        guard let value = lookup(key) else {
            throw DecodingError.keyNotFound(
                key,
                .init(codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return value
    }

    func path(_ key: Key) -> [any CodingKey] { decoder.path(appending: .key(key)) }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key).isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).unwrapBool(path(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key).unwrapString(path(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(key).unwrapFloat(Double.self, path(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(key).unwrapFloat(Float.self, path(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key).unwrapInteger(Int.self, path(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(key).unwrapInteger(Int8.self, path(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(key).unwrapInteger(Int16.self, path(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(key).unwrapInteger(Int32.self, path(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key).unwrapInteger(Int64.self, path(key)) }
    func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 { try value(key).unwrapInteger(Int128.self, path(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(key).unwrapInteger(UInt.self, path(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(key).unwrapInteger(UInt8.self, path(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(key).unwrapInteger(UInt16.self, path(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(key).unwrapInteger(UInt32.self, path(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(key).unwrapInteger(UInt64.self, path(key)) }
    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 { try value(key).unwrapInteger(UInt128.self, path(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.unbox(T.self, from: try value(key), step: .key(key))
    }

    // One lookup instead of the default contains + decodeNil + decode.
    @inline(__always)
    func present(_ key: Key) -> JSONValue? {
        guard let value = lookup(key), !value.isNull else { return nil }
        return value
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try present(key).map { try $0.unwrapBool(path(key)) }
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try present(key).map { try $0.unwrapString(path(key)) }
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try present(key).map { try $0.unwrapFloat(type, path(key)) }
    }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try present(key).map { try $0.unwrapFloat(type, path(key)) }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try present(key).map { try $0.unwrapInteger(Int.self, path(key)) }
    }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try present(key).map { try $0.unwrapInteger(Int8.self, path(key)) }
    }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try present(key).map { try $0.unwrapInteger(Int16.self, path(key)) }
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try present(key).map { try $0.unwrapInteger(Int32.self, path(key)) }
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try present(key).map { try $0.unwrapInteger(Int64.self, path(key)) }
    }
    func decodeIfPresent(_ type: Int128.Type, forKey key: Key) throws -> Int128? {
        try present(key).map { try $0.unwrapInteger(Int128.self, path(key)) }
    }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try present(key).map { try $0.unwrapInteger(UInt.self, path(key)) }
    }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try present(key).map { try $0.unwrapInteger(UInt8.self, path(key)) }
    }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try present(key).map { try $0.unwrapInteger(UInt16.self, path(key)) }
    }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try present(key).map { try $0.unwrapInteger(UInt32.self, path(key)) }
    }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try present(key).map { try $0.unwrapInteger(UInt64.self, path(key)) }
    }
    func decodeIfPresent(_ type: UInt128.Type, forKey key: Key) throws -> UInt128? {
        try present(key).map { try $0.unwrapInteger(UInt128.self, path(key)) }
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try decoder.unbox(T.self, from: $0, step: .key(key)) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try decoder.child(try value(key), .key(key)).container(keyedBy: NestedKey.self)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(try value(key), .key(key)).unkeyedContainer()
    }

    /// A decoder for the member `super` (`null` if there is none).
    func superDecoder() throws -> any Decoder {
        decoder.child(object["super"] ?? .null, .superKey)
    }

    /// A decoder for the member `key` (`null` if there is none).
    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.child(lookup(key) ?? .null, .key(key))
    }
}

/// Unkeyed container of ``SluiceJSONDecoder``: walks the elements of a JSON array.
struct _UnkeyedDecoder: UnkeyedDecodingContainer {
    let decoder: _JSONDecoderImpl
    let elements: [JSONValue]
    private(set) var currentIndex = 0

    init(decoder: _JSONDecoderImpl, elements: [JSONValue]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    var path: [any CodingKey] { decoder.path(appending: .index(currentIndex)) }

    /// The current element; throws `valueNotFound` at the end (the index is not advanced).
    @inline(__always)
    func next(_ type: Any.Type) throws -> JSONValue {
        guard currentIndex < elements.count else {
            throw DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "Unkeyed container is at end."))
        }
        return elements[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard try next(Any?.self).isNull else { return false }
        currentIndex += 1
        return true
    }

    @inline(__always)
    mutating func advance<T>(_ result: T) -> T {
        currentIndex += 1
        return result
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { advance(try next(type).unwrapBool(path)) }
    mutating func decode(_ type: String.Type) throws -> String { advance(try next(type).unwrapString(path)) }
    mutating func decode(_ type: Double.Type) throws -> Double { advance(try next(type).unwrapFloat(type, path)) }
    mutating func decode(_ type: Float.Type) throws -> Float { advance(try next(type).unwrapFloat(type, path)) }
    mutating func decode(_ type: Int.Type) throws -> Int { advance(try next(type).unwrapInteger(type, path)) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { advance(try next(type).unwrapInteger(type, path)) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { advance(try next(type).unwrapInteger(type, path)) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { advance(try next(type).unwrapInteger(type, path)) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { advance(try next(type).unwrapInteger(type, path)) }
    mutating func decode(_ type: Int128.Type) throws -> Int128 { advance(try next(type).unwrapInteger(type, path)) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { advance(try next(type).unwrapInteger(type, path)) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { advance(try next(type).unwrapInteger(type, path)) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { advance(try next(type).unwrapInteger(type, path)) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { advance(try next(type).unwrapInteger(type, path)) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { advance(try next(type).unwrapInteger(type, path)) }
    mutating func decode(_ type: UInt128.Type) throws -> UInt128 {
        advance(try next(type).unwrapInteger(type, path))
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        advance(try decoder.unbox(T.self, from: try next(type), step: .index(currentIndex)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let element = try next(KeyedDecodingContainer<NestedKey>.self)
        return advance(try decoder.child(element, .index(currentIndex)).container(keyedBy: NestedKey.self))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let element = try next((any UnkeyedDecodingContainer).self)
        return advance(try decoder.child(element, .index(currentIndex)).unkeyedContainer())
    }

    mutating func superDecoder() throws -> any Decoder {
        let element = try next((any Decoder).self)
        return advance(decoder.child(element, .index(currentIndex)))
    }
}
