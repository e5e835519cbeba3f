import SluiceJSON

/// One `FilterCriteria` pattern in Lambda's filter syntax, matched against a stream record as JSON.
///
/// A pattern is a JSON object whose keys follow the record (`eventName`, `dynamodb.NewImage.status.S`, …); each
/// leaf is a list of matchers, any of which may match: exact values (strings, numbers, `null`), `{"prefix": …}`,
/// `{"suffix": …}`, `{"equals-ignore-case": …}`, `{"numeric": ["=", 5]}` / `[">", 0, "<=", 9]`,
/// `{"exists": true|false}` and `{"anything-but": value | [values] | {"prefix": …}}`. Keys of one object must all
/// match; `"$or": [pattern, …]` matches when one of its patterns does. Against an array value a leaf matches when any
/// element does. Numeric matchers also accept the decimal strings of DynamoDB's `N` values.
public struct FilterPattern: Sendable, Hashable {
    /// The pattern as written.
    public let source: String
    let root: Node

    indirect enum Node: Sendable, Hashable {
        /// Every field must match; each `$or` list needs one matching alternative.
        case object(fields: [Field], alternatives: [[Node]])
        /// The value must satisfy one matcher.
        case leaf([Matcher])
    }

    struct Field: Sendable, Hashable {
        var key: String
        var node: Node
    }

    enum Comparison: String, Sendable, Hashable {
        case equal = "=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    enum Matcher: Sendable, Hashable {
        case equals(JSONValue)
        case prefix(String)
        case suffix(String)
        case equalsIgnoreCase(String)
        case numericList([NumericBound])
        case exists(Bool)
        case anythingBut([Matcher])
    }

    struct NumericBound: Sendable, Hashable {
        var comparison: Comparison
        var value: Double
    }

    /// Parses a pattern (the `Pattern` string of a filter).
    public init(json: String) throws(StreamMappingError) {
        source = json
        let value: JSONValue
        do { value = try JSONValue(parsing: json) } catch {
            throw .invalidFilterPattern(pattern: json, message: "\(error)")
        }
        guard case .object = value else { throw .invalidFilterPattern(pattern: json, message: "a pattern is a JSON object") }
        root = try Self.node(value, pattern: json)
    }

    /// Whether the record (as JSON) matches.
    public func matches(_ record: JSONValue) -> Bool { Self.match(root, record, key: nil) }

    /// Whether any of `patterns` matches; true when there are none.
    public static func admits(_ record: JSONValue, patterns: [FilterPattern]) -> Bool {
        patterns.isEmpty || patterns.contains { $0.matches(record) }
    }

    // MARK: Parsing

    private static func node(_ value: JSONValue, pattern: String) throws(StreamMappingError) -> Node {
        switch value {
        case .object(let object):
            var fields: [Field] = []
            var alternatives: [[Node]] = []
            for (key, child) in object {
                if key == "$or" {
                    guard let list = child.arrayValue, list.count >= 2 else {
                        throw .invalidFilterPattern(pattern: pattern, message: "$or needs a list of at least two patterns")
                    }
                    alternatives.append(try list.map { (item) throws(StreamMappingError) in try node(item, pattern: pattern) })
                } else {
                    fields.append(Field(key: key, node: try node(child, pattern: pattern)))
                }
            }
            return .object(fields: fields, alternatives: alternatives)
        case .array(let items):
            guard !items.isEmpty else { throw .invalidFilterPattern(pattern: pattern, message: "empty matcher list") }
            return .leaf(try items.map { (item) throws(StreamMappingError) in try matcher(item, pattern: pattern) })
        default:
            throw .invalidFilterPattern(pattern: pattern, message: "a leaf must be a list of matchers, not \(value.jsonString())")
        }
    }

    private static func matcher(_ value: JSONValue, pattern: String) throws(StreamMappingError) -> Matcher {
        guard case .object(let object) = value else {
            if case .array = value { throw .invalidFilterPattern(pattern: pattern, message: "nested list in a matcher list") }
            return .equals(value)
        }
        guard object.count == 1, let (name, argument) = object.first.map({ ($0.key, $0.value) }) else {
            throw .invalidFilterPattern(pattern: pattern, message: "a matcher object has exactly one key")
        }
        func string() throws(StreamMappingError) -> String {
            guard let text = argument.stringValue else {
                throw .invalidFilterPattern(pattern: pattern, message: "\(name) takes a string")
            }
            return text
        }
        switch name {
        case "prefix": return .prefix(try string())
        case "suffix": return .suffix(try string())
        case "equals-ignore-case": return .equalsIgnoreCase(try string())
        case "exists":
            guard let flag = argument.boolValue else { throw .invalidFilterPattern(pattern: pattern, message: "exists takes true or false") }
            return .exists(flag)
        case "numeric":
            return .numericList(try bounds(argument, pattern: pattern))
        case "anything-but":
            switch argument {
            case .array(let items):
                return .anythingBut(try items.map { (item) throws(StreamMappingError) in
                    guard item.arrayValue == nil, item.objectValue == nil else {
                        throw .invalidFilterPattern(pattern: pattern, message: "anything-but lists hold plain values")
                    }
                    return .equals(item)
                })
            case .object:
                let inner = try matcher(argument, pattern: pattern)
                guard case .prefix = inner else {
                    throw .invalidFilterPattern(pattern: pattern, message: "anything-but takes values or {\"prefix\": …}")
                }
                return .anythingBut([inner])
            default:
                return .anythingBut([.equals(argument)])
            }
        default:
            throw .invalidFilterPattern(pattern: pattern, message: "unknown matcher \(name)")
        }
    }

    private static func bounds(_ argument: JSONValue, pattern: String) throws(StreamMappingError) -> [NumericBound] {
        guard let list = argument.arrayValue, !list.isEmpty, list.count % 2 == 0, list.count <= 4 else {
            throw .invalidFilterPattern(pattern: pattern, message: "numeric takes [op, number] or [op, number, op, number]")
        }
        var out: [NumericBound] = []
        for index in stride(from: 0, to: list.count, by: 2) {
            guard let op = list[index].stringValue.flatMap(Comparison.init(rawValue:)), let number = list[index + 1].doubleValue else {
                throw .invalidFilterPattern(pattern: pattern, message: "numeric takes operators =, <, <=, >, >= and numbers")
            }
            if list.count == 4, op == .equal {
                throw .invalidFilterPattern(pattern: pattern, message: "a numeric range cannot use =")
            }
            out.append(NumericBound(comparison: op, value: number))
        }
        return out
    }

    // MARK: Matching

    private static func match(_ node: Node, _ value: JSONValue?, key: String?) -> Bool {
        switch node {
        case .object(let fields, let alternatives):
            // A missing object matches when every field may be missing (`{"exists": false}`).
            var object: JSONObject?
            switch value {
            case .object(let present)?: object = present
            case nil: object = nil
            default: return false
            }
            for field in fields where !match(field.node, object?[field.key], key: field.key) { return false }
            for list in alternatives where !list.contains(where: { match($0, value, key: key) }) { return false }
            return true
        case .leaf(let matchers):
            return matchers.contains { matches($0, value, numericStrings: key == "N") }
        }
    }

    private static func matches(_ matcher: Matcher, _ value: JSONValue?, numericStrings: Bool) -> Bool {
        if case .exists(let flag) = matcher {
            guard let value else { return !flag }
            if case .object = value { return false }  // exists applies to leaf values
            return flag
        }
        guard let value else { return false }
        if case .array(let items) = value {
            return items.contains { matches(matcher, $0, numericStrings: numericStrings) }
        }
        switch matcher {
        case .equals(let expected):
            if let a = expected.numberValue?.double, let b = number(value, numericStrings: numericStrings) { return a == b }
            return expected == value
        case .prefix(let text): return value.stringValue?.hasPrefix(text) ?? false
        case .suffix(let text): return value.stringValue?.hasSuffix(text) ?? false
        case .equalsIgnoreCase(let text): return value.stringValue.map { $0.lowercased() == text.lowercased() } ?? false
        case .numericList(let bounds):
            guard let n = number(value, numericStrings: numericStrings) else { return false }
            return bounds.allSatisfy { compare(n, $0.comparison, $0.value) }
        case .anythingBut(let excluded):
            if case .object = value { return false }
            return !excluded.contains { matches($0, value, numericStrings: numericStrings) }
        case .exists: return false
        }
    }

    private static func number(_ value: JSONValue, numericStrings: Bool) -> Double? {
        if let n = value.numberValue?.double { return n }
        if numericStrings, let text = value.stringValue { return Double(text) }
        return nil
    }

    private static func compare(_ n: Double, _ comparison: Comparison, _ bound: Double) -> Bool {
        switch comparison {
        case .equal: n == bound
        case .less: n < bound
        case .lessOrEqual: n <= bound
        case .greater: n > bound
        case .greaterOrEqual: n >= bound
        }
    }
}
