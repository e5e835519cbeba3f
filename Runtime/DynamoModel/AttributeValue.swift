/// A DynamoDB attribute value: one of the ten types of DynamoDB's data model.
///
/// Numbers keep their decimal text so no precision is lost between the wire, the engine and the lake;
/// binaries are raw bytes (base64 only on the wire). The `Codable` form is DynamoDB's JSON
/// (`{"S":"x"}`, `{"N":"1"}`, `{"M":{…}}`, …), as the DynamoDB API and stream events carry it.
public enum AttributeValue: Sendable, Hashable {
    case s(String)
    case n(String)
    case b([UInt8])
    case bool(Bool)
    case null
    case m([String: AttributeValue])
    case l([AttributeValue])
    case ss([String])
    case ns([String])
    case bs([[UInt8]])

    /// DynamoDB's one- or two-letter type descriptor (`S`, `N`, `B`, `BOOL`, `NULL`, `M`, `L`, `SS`, `NS`, `BS`).
    public var typeDescriptor: String {
        switch self {
        case .s: "S"
        case .n: "N"
        case .b: "B"
        case .bool: "BOOL"
        case .null: "NULL"
        case .m: "M"
        case .l: "L"
        case .ss: "SS"
        case .ns: "NS"
        case .bs: "BS"
        }
    }
}

/// An item: attribute names to values.
public typealias Item = [String: AttributeValue]

extension AttributeValue: Codable {
    private struct TypeKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TypeKey.self)
        let keys = container.allKeys
        guard keys.count == 1, let key = keys.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: keys.isEmpty
                    ? "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
                    : "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"))
        }
        func bytes(_ text: String) throws -> [UInt8] {
            guard let decoded = Base64.decode(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "Invalid base64 in binary attribute value")
            }
            return decoded
        }
        switch key.stringValue {
        case "S": self = .s(try container.decode(String.self, forKey: key))
        case "N": self = .n(try container.decode(String.self, forKey: key))
        case "B": self = .b(try bytes(container.decode(String.self, forKey: key)))
        case "BOOL": self = .bool(try container.decode(Bool.self, forKey: key))
        case "NULL":
            guard try container.decode(Bool.self, forKey: key) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "Null attribute value types must have the value of true")
            }
            self = .null
        case "M": self = .m(try container.decode([String: AttributeValue].self, forKey: key))
        case "L": self = .l(try container.decode([AttributeValue].self, forKey: key))
        case "SS": self = .ss(try container.decode([String].self, forKey: key))
        case "NS": self = .ns(try container.decode([String].self, forKey: key))
        case "BS": self = .bs(try container.decode([String].self, forKey: key).map(bytes))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "Unknown attribute value type '\(key.stringValue)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TypeKey.self)
        let key = TypeKey(stringValue: typeDescriptor)
        switch self {
        case .s(let v): try container.encode(v, forKey: key)
        case .n(let v): try container.encode(v, forKey: key)
        case .b(let v): try container.encode(Base64.encode(v), forKey: key)
        case .bool(let v): try container.encode(v, forKey: key)
        case .null: try container.encode(true, forKey: key)
        case .m(let v): try container.encode(v, forKey: key)
        case .l(let v): try container.encode(v, forKey: key)
        case .ss(let v): try container.encode(v, forKey: key)
        case .ns(let v): try container.encode(v, forKey: key)
        case .bs(let v): try container.encode(v.map(Base64.encode), forKey: key)
        }
    }
}
