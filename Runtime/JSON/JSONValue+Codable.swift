extension JSONValue: Codable {
    /// With ``SluiceJSONEncoder`` the value is stored as is (numbers keep their text). With other encoders,
    /// numbers become `Int64`, `UInt64` or `Double` (in that order of preference) and objects keyed containers.
    public func encode(to encoder: any Encoder) throws {
        if let encoder = encoder as? _JSONEncoderImpl {
            encoder.storage = .value(self)
            return
        }
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let b):
            var container = encoder.singleValueContainer()
            try container.encode(b)
        case .string(let s):
            var container = encoder.singleValueContainer()
            try container.encode(s)
        case .number(let n):
            var container = encoder.singleValueContainer()
            if let i = n.int64, n.isIntegerLiteral {
                try container.encode(i)
            } else if let u = n.uint64, n.isIntegerLiteral {
                try container.encode(u)
            } else if let d = n.double {
                try container.encode(d)
            } else {
                throw EncodingError.invalidValue(
                    n.text, .init(codingPath: encoder.codingPath, debugDescription: "Number \(n.text) is out of range."))
            }
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case .object(let object):
            var container = encoder.container(keyedBy: JSONCodingKey.self)
            for member in object.members {
                try container.encode(member.value, forKey: JSONCodingKey(stringValue: member.key))
            }
        }
    }

    /// With ``SluiceJSONDecoder`` the parsed value is taken as is. With other decoders the value is probed
    /// (null, bool, integer, double, string, array, object); object key order is whatever they report.
    public init(from decoder: any Decoder) throws {
        if let decoder = decoder as? _JSONDecoderImpl {
            self = decoder.value
            return
        }
        if let container = try? decoder.singleValueContainer() {
            if container.decodeNil() {
                self = .null
                return
            }
            if let b = try? container.decode(Bool.self) {
                self = .bool(b)
                return
            }
            if let i = try? container.decode(Int64.self) {
                self = .number(JSONNumber(i))
                return
            }
            if let u = try? container.decode(UInt64.self) {
                self = .number(JSONNumber(u))
                return
            }
            if let d = try? container.decode(Double.self), let n = JSONNumber(d) {
                self = .number(n)
                return
            }
            if let s = try? container.decode(String.self) {
                self = .string(s)
                return
            }
        }
        if var container = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !container.isAtEnd { elements.append(try container.decode(JSONValue.self)) }
            self = .array(elements)
            return
        }
        let container = try decoder.container(keyedBy: JSONCodingKey.self)
        var object = JSONObject()
        for key in container.allKeys {
            object.append(key: key.stringValue, value: try container.decode(JSONValue.self, forKey: key))
        }
        self = .object(object)
    }
}

extension JSONNumber: Codable {
    /// Encodes as a JSON number (through ``JSONValue``).
    public func encode(to encoder: any Encoder) throws {
        try JSONValue.number(self).encode(to: encoder)
    }

    /// Decodes a JSON number, keeping its text with ``SluiceJSONDecoder``.
    public init(from decoder: any Decoder) throws {
        guard case .number(let n) = try JSONValue(from: decoder) else {
            throw DecodingError.typeMismatch(
                JSONNumber.self, .init(codingPath: decoder.codingPath, debugDescription: "Expected a number."))
        }
        self = n
    }
}

extension JSONObject: Codable {
    /// Encodes as a JSON object (through ``JSONValue``).
    public func encode(to encoder: any Encoder) throws {
        try JSONValue.object(self).encode(to: encoder)
    }

    /// Decodes a JSON object, keeping its member order with ``SluiceJSONDecoder``.
    public init(from decoder: any Decoder) throws {
        guard case .object(let o) = try JSONValue(from: decoder) else {
            throw DecodingError.typeMismatch(
                JSONObject.self, .init(codingPath: decoder.codingPath, debugDescription: "Expected an object."))
        }
        self = o
    }
}
