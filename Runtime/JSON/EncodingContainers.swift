/// Keyed container of ``SluiceJSONEncoder``: adds members to a JSON object.
struct _KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    /// The encoder whose path this container is at.
    let encoder: _JSONEncoderImpl
    let object: _EncodingObject

    var codingPath: [any CodingKey] { encoder.codingPath }

    @inline(__always)
    func name(_ key: Key) -> String {
        encoder.options.convertToSnakeCase ? _SnakeCase.fromCamelCase(key.stringValue) : key.stringValue
    }

    @inline(__always)
    func set(_ value: JSONValue, _ key: Key) {
        object.set(name(key), .value(value))
    }

    mutating func encodeNil(forKey key: Key) { set(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) { set(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) { set(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        set(try _JSONEncoderImpl.number(value, encoder.path(appending: .key(key))), key)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        set(try _JSONEncoderImpl.number(value, encoder.path(appending: .key(key))), key)
    }
    mutating func encode(_ value: Int, forKey key: Key) { set(.number(JSONNumber(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) { set(.number(JSONNumber(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) { set(.number(JSONNumber(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) { set(.number(JSONNumber(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) { set(.number(JSONNumber(value)), key) }
    mutating func encode(_ value: Int128, forKey key: Key) { set(.number(JSONNumber(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) { set(.number(JSONNumber(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) { set(.number(JSONNumber(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { set(.number(JSONNumber(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { set(.number(JSONNumber(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) { set(.number(JSONNumber(value)), key) }
    mutating func encode(_ value: UInt128, forKey key: Key) { set(.number(JSONNumber(value)), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.set(name(key), try encoder.box(value, at: .key(key)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested: _EncodingObject
        if case .object(let existing) = object.get(name(key)) {
            nested = existing
        } else {
            nested = _EncodingObject()
            object.set(name(key), .object(nested))
        }
        return KeyedEncodingContainer(_KeyedEncoder<NestedKey>(encoder: encoder.child(.key(key)), object: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested: _EncodingArray
        if case .array(let existing) = object.get(name(key)) {
            nested = existing
        } else {
            nested = _EncodingArray()
            object.set(name(key), .array(nested))
        }
        return _UnkeyedEncoder(encoder: encoder.child(.key(key)), array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let child = encoder.child(.superKey)
        object.set("super", .encoder(child))
        return child
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = encoder.child(.key(key))
        object.set(name(key), .encoder(child))
        return child
    }
}

/// Unkeyed container of ``SluiceJSONEncoder``: appends elements to a JSON array.
struct _UnkeyedEncoder: UnkeyedEncodingContainer {
    let encoder: _JSONEncoderImpl
    let array: _EncodingArray

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.items.count }

    @inline(__always)
    func append(_ value: JSONValue) {
        array.items.append(.value(value))
    }

    mutating func encodeNil() { append(.null) }
    mutating func encode(_ value: Bool) { append(.bool(value)) }
    mutating func encode(_ value: String) { append(.string(value)) }
    mutating func encode(_ value: Double) throws {
        append(try _JSONEncoderImpl.number(value, encoder.path(appending: .index(count))))
    }
    mutating func encode(_ value: Float) throws {
        append(try _JSONEncoderImpl.number(value, encoder.path(appending: .index(count))))
    }
    mutating func encode(_ value: Int) { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: Int8) { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: Int16) { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: Int32) { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: Int64) { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: Int128) { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: UInt) { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: UInt8) { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: UInt16) { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: UInt32) { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: UInt64) { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: UInt128) { append(.number(JSONNumber(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try encoder.box(value, at: .index(count)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = _EncodingObject()
        let child = encoder.child(.index(count))
        array.items.append(.object(nested))
        return KeyedEncodingContainer(_KeyedEncoder<NestedKey>(encoder: child, object: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = _EncodingArray()
        let child = encoder.child(.index(count))
        array.items.append(.array(nested))
        return _UnkeyedEncoder(encoder: child, array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let child = encoder.child(.index(count))
        array.items.append(.encoder(child))
        return child
    }
}
