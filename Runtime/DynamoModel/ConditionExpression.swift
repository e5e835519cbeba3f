/// A parsed `ConditionExpression` or `FilterExpression`, evaluated against items as DynamoDB does:
/// comparisons of different types are false (not errors), a missing attribute makes a comparison
/// false (`<>` true), numbers compare numerically, strings and binaries by bytes.
public struct ConditionExpression: Sendable, Hashable {
    /// The parsed condition.
    public let condition: Condition

    public init(condition: Condition) { self.condition = condition }

    /// Parses `text` against the request's placeholders (marking the ones it uses).
    public static func parse(
        _ text: String, kind: ExpressionKind = .condition, attributes: inout ExpressionAttributes
    ) throws(DynamoError) -> ConditionExpression {
        var parser = try ExpressionParser(text, kind: kind, attributes: attributes)
        let condition = try parser.parseCondition()
        try parser.finish()
        attributes = parser.attributes
        return ConditionExpression(condition: condition)
    }

    /// Parses a standalone expression and checks that every placeholder is used.
    public init(
        _ text: String, kind: ExpressionKind = .condition, names: [String: String] = [:], values: Item = [:]
    ) throws(DynamoError) {
        var attributes = ExpressionAttributes(names: names, values: values)
        try attributes.validateDefinitions()
        self = try Self.parse(text, kind: kind, attributes: &attributes)
        try attributes.checkAllUsed()
    }

    /// Whether the condition holds for `item` (`nil`: no item, every attribute missing).
    public func evaluate(_ item: Item?) -> Bool {
        Self.evaluate(condition, item ?? [:])
    }

    static func evaluate(_ condition: Condition, _ item: Item) -> Bool {
        switch condition {
        case .and(let a, let b): return evaluate(a, item) && evaluate(b, item)
        case .or(let a, let b): return evaluate(a, item) || evaluate(b, item)
        case .not(let a): return !evaluate(a, item)
        case .compare(let l, let op, let r):
            let left = resolve(l, item), right = resolve(r, item)
            guard let left, let right else { return op == .notEqual }
            return compare(left, op, right)
        case .between(let a, let low, let high):
            guard let v = resolve(a, item), let lo = resolve(low, item), let hi = resolve(high, item),
                let c1 = v.dynamoCompare(lo), let c2 = v.dynamoCompare(hi)
            else { return false }
            return c1 >= 0 && c2 <= 0
        case .in(let a, let list):
            guard let v = resolve(a, item) else { return false }
            return list.contains { resolve($0, item).map(v.dynamoEquals) ?? false }
        case .attributeExists(let p): return p.value(in: item) != nil
        case .attributeNotExists(let p): return p.value(in: item) == nil
        case .attributeType(let p, let t):
            guard let v = p.value(in: item), case .s(let name)? = resolve(t, item) else { return false }
            return v.typeDescriptor == name
        case .beginsWith(let a, let b):
            switch (resolve(a, item), resolve(b, item)) {
            case (.s(let s)?, .s(let prefix)?): return s.utf8.starts(with: prefix.utf8)
            case (.b(let s)?, .b(let prefix)?): return s.starts(with: prefix)
            default: return false
            }
        case .contains(let a, let b):
            guard let haystack = resolve(a, item), let needle = resolve(b, item) else { return false }
            return contains(haystack, needle)
        }
    }

    static func resolve(_ operand: ConditionOperand, _ item: Item) -> AttributeValue? {
        switch operand {
        case .value(let v): return v
        case .path(let p): return p.value(in: item)
        case .size(let p): return p.value(in: item).flatMap(size).map { .n(String($0)) }
        }
    }

    /// The `size` function: UTF-16 code units of a string (as DynamoDB counts), bytes of a binary,
    /// elements of a set, list or map; `nil` for other types.
    public static func size(_ value: AttributeValue) -> Int? {
        switch value {
        case .s(let s): s.utf16.count
        case .b(let b): b.count
        case .ss(let v): v.count
        case .ns(let v): v.count
        case .bs(let v): v.count
        case .l(let v): v.count
        case .m(let v): v.count
        case .n, .bool, .null: nil
        }
    }

    static func compare(_ a: AttributeValue, _ op: Comparator, _ b: AttributeValue) -> Bool {
        switch op {
        case .equal: return a.dynamoEquals(b)
        case .notEqual: return !a.dynamoEquals(b)
        default:
            guard let order = a.dynamoCompare(b) else { return false }
            switch op {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
    }

    static func contains(_ haystack: AttributeValue, _ needle: AttributeValue) -> Bool {
        switch (haystack, needle) {
        case (.s(let s), .s(let sub)):
            let h = Array(s.utf8), n = Array(sub.utf8)
            return containsBytes(h, n)
        case (.b(let h), .b(let n)): return containsBytes(h, n)
        case (.ss(let set), .s(let s)): return set.contains(s)
        case (.bs(let set), .b(let b)): return set.contains(b)
        case (.ns, .n): return set(haystack, containsNumber: needle)
        case (.l(let list), _): return list.contains { $0.dynamoEquals(needle) }
        default: return false
        }
    }

    private static func set(_ set: AttributeValue, containsNumber n: AttributeValue) -> Bool {
        guard case .ns(let texts) = set else { return false }
        return texts.contains { AttributeValue.n($0).dynamoEquals(n) }
    }

    private static func containsBytes(_ h: [UInt8], _ n: [UInt8]) -> Bool {
        if n.isEmpty { return true }
        guard n.count <= h.count else { return false }
        for start in 0...(h.count - n.count) where h[start] == n[0] && Array(h[start..<(start + n.count)]) == n {
            return true
        }
        return false
    }
}
