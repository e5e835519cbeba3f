/// DynamoDB's item size rules and item-level limits.
///
/// Size = UTF-8 bytes of every attribute name + size of its value, where a string counts its UTF-8
/// bytes, a binary its bytes, a number `(significant digits + 1) / 2 + 1`, a Boolean or null 1,
/// a set the sum of its elements, and a list or map 3 bytes + 1 per element + its elements
/// (map keys counted like attribute names).
public enum ItemSize {
    /// Largest item DynamoDB stores: 400 KB.
    public static let maxItemBytes = 409_600
    /// Deepest nesting of a document, counting the attribute as level 1: a leaf may sit at level 32, so an
    /// attribute holds at most 31 lists or maps one inside the other (as measured on DynamoDB).
    public static let maxNestingDepth = 32
    /// Largest partition key value.
    public static let maxPartitionKeyBytes = 2048
    /// Largest sort key value.
    public static let maxSortKeyBytes = 1024

    /// The size of an item in bytes.
    public static func of(_ item: Item) -> Int {
        item.reduce(0) { $0 + $1.key.utf8.count + of($1.value) }
    }

    /// The size of one attribute value in bytes (without its name).
    public static func of(_ value: AttributeValue) -> Int {
        switch value {
        case .s(let s): s.utf8.count
        case .b(let b): b.count
        case .n(let n): numberSize(n)
        case .bool, .null: 1
        case .ss(let v): v.reduce(0) { $0 + $1.utf8.count }
        case .ns(let v): v.reduce(0) { $0 + numberSize($1) }
        case .bs(let v): v.reduce(0) { $0 + $1.count }
        case .l(let v): 3 + v.reduce(0) { $0 + 1 + of($1) }
        case .m(let v): 3 + v.reduce(0) { $0 + 1 + $1.key.utf8.count + of($1.value) }
        }
    }

    /// Size of a number: 1 byte per two significant digits, plus 1.
    public static func numberSize(_ text: String) -> Int {
        let digits = (try? DynamoNumber(parsing: text))?.digits.count ?? text.utf8.count
        return (digits + 1) / 2 + 1
    }

    /// Checks an item the way PutItem does: valid numbers, non-empty sets without duplicates,
    /// nesting depth, and the 400 KB limit.
    public static func validate(_ item: Item) throws(DynamoError) {
        for (_, value) in item { try validate(value, depth: 0) }
        if of(item) > maxItemBytes {
            throw .validationException("Item size has exceeded the maximum allowed size")
        }
    }

    /// Checks one value (numbers, sets, nesting), as inside an item or an expression value.
    public static func validate(_ value: AttributeValue, depth: Int = 0) throws(DynamoError) {
        switch value {
        case .n(let text):
            _ = try DynamoNumber(parsing: text)
        case .ss(let v):
            if v.isEmpty { throw invalidParameter("An string set  may not be empty") }
            if Set(v).count != v.count { throw duplicates(v) }
        case .bs(let v):
            if v.isEmpty { throw invalidParameter("Binary sets should not be empty") }
            if Set(v).count != v.count { throw duplicates(v.map(Base64.encode)) }
        case .ns(let v):
            if v.isEmpty { throw invalidParameter("An number set  may not be empty") }
            var seen = Set<DynamoNumber>()
            for text in v {
                let n = try DynamoNumber(parsing: text)
                if !seen.insert(n).inserted { throw duplicates(v) }
            }
        case .l(let v):
            if depth + 1 >= maxNestingDepth { throw nesting }  // its elements would sit deeper than level 32
            for element in v { try validate(element, depth: depth + 1) }
        case .m(let v):
            if depth + 1 >= maxNestingDepth { throw nesting }
            for (_, element) in v { try validate(element, depth: depth + 1) }
        case .s, .b, .bool, .null:
            break
        }
    }

    /// Checks a key attribute value: its type, non-empty, and the key size limits.
    public static func validateKey(
        name: String, value: AttributeValue, expectedType: KeyAttributeType, isSortKey: Bool
    ) throws(DynamoError) {
        guard value.typeDescriptor == expectedType.rawValue else {
            throw invalidParameter(
                "Type mismatch for key \(name) expected: \(expectedType.rawValue) actual: \(value.typeDescriptor)")
        }
        let size: Int
        switch value {
        case .s(let s):
            if s.isEmpty {
                throw .validationException(
                    "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: \(name)"
                )
            }
            size = s.utf8.count
        case .b(let b):
            if b.isEmpty {
                throw .validationException(
                    "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: \(name)"
                )
            }
            size = b.count
        case .n(let text):
            _ = try DynamoNumber(parsing: text)
            size = numberSize(text)
        default:
            size = 0
        }
        if isSortKey, size > maxSortKeyBytes {
            throw invalidParameter("Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
        }
        if !isSortKey, size > maxPartitionKeyBytes {
            throw invalidParameter("Size of hashkey has exceeded the maximum size limit of2048 bytes")
        }
    }

    /// Checks that an item (or a `Key` parameter) carries the key attributes of `schema` with valid values.
    public static func validateKey(of item: Item, schema: KeySchema) throws(DynamoError) {
        for (element, isSort) in schema.elements {
            guard let value = item[element.name] else {
                throw invalidParameter("Missing the key \(element.name) in the item")
            }
            try validateKey(name: element.name, value: value, expectedType: element.type, isSortKey: isSort)
        }
    }

    static func invalidParameter(_ text: String) -> DynamoError {
        .validationException("One or more parameter values were invalid: \(text)")
    }

    private static func duplicates(_ elements: [String]) -> DynamoError {
        invalidParameter("Input collection [\(elements.joined(separator: ", "))] contains duplicates.")
    }

    private static let nesting = DynamoError.validationException(
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit")
}

/// The scalar types a key attribute can have.
public enum KeyAttributeType: String, Sendable, Hashable, Codable {
    case s = "S"
    case n = "N"
    case b = "B"
}

/// A table's or index's primary key: a partition key and an optional sort key.
public struct KeySchema: Sendable, Hashable {
    /// One key attribute: name and scalar type.
    public struct Element: Sendable, Hashable {
        public var name: String
        public var type: KeyAttributeType
        public init(name: String, type: KeyAttributeType) {
            self.name = name
            self.type = type
        }
    }

    public var partitionKey: Element
    public var sortKey: Element?

    public init(partitionKey: Element, sortKey: Element? = nil) {
        self.partitionKey = partitionKey
        self.sortKey = sortKey
    }

    /// Convenience: `KeySchema("pk", .s, sort: "sk", .n)`.
    public init(_ partition: String, _ type: KeyAttributeType, sort: String? = nil, _ sortType: KeyAttributeType = .s) {
        self.partitionKey = Element(name: partition, type: type)
        self.sortKey = sort.map { Element(name: $0, type: sortType) }
    }

    /// Key attribute names (partition first).
    public var names: [String] { [partitionKey.name] + (sortKey.map { [$0.name] } ?? []) }

    /// Elements with whether each is the sort key.
    var elements: [(Element, Bool)] { [(partitionKey, false)] + (sortKey.map { [($0, true)] } ?? []) }

    /// The key part of an item (the attributes named by the schema that are present).
    public func key(of item: Item) -> Item {
        var out: Item = [:]
        for name in names { out[name] = item[name] }
        return out
    }
}
