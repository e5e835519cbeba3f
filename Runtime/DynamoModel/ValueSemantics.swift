/// DynamoDB's comparison semantics for attribute values, as expressions evaluate them.
extension AttributeValue {
    /// Equality as DynamoDB means it: numbers numerically, sets regardless of order
    /// (number sets numerically), lists in order, maps by key; different types are never equal.
    public func dynamoEquals(_ other: AttributeValue) -> Bool {
        switch (self, other) {
        case (.s(let a), .s(let b)): return Array(a.utf8) == Array(b.utf8)
        case (.b(let a), .b(let b)): return a == b
        case (.n(let a), .n(let b)): return Self.numbersEqual(a, b)
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.ss(let a), .ss(let b)): return Set(a) == Set(b)
        case (.bs(let a), .bs(let b)): return Set(a) == Set(b)
        case (.ns(let a), .ns(let b)):
            return Set(a.compactMap { try? DynamoNumber(parsing: $0) }) == Set(b.compactMap { try? DynamoNumber(parsing: $0) })
        case (.l(let a), .l(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.dynamoEquals($1) }
        case (.m(let a), .m(let b)):
            guard a.count == b.count else { return false }
            for (k, v) in a {
                guard let w = b[k], v.dynamoEquals(w) else { return false }
            }
            return true
        default: return false
        }
    }

    /// Ordering of two scalars of the same ordered type (N numerically, S and B by bytes):
    /// -1, 0 or 1; `nil` when the values are not both N, both S or both B.
    public func dynamoCompare(_ other: AttributeValue) -> Int? {
        switch (self, other) {
        case (.n(let a), .n(let b)):
            guard let x = try? DynamoNumber(parsing: a), let y = try? DynamoNumber(parsing: b) else { return nil }
            return DynamoNumber.compare(x, y)
        case (.s(let a), .s(let b)): return KeyEncoding.compare(Array(a.utf8), Array(b.utf8))
        case (.b(let a), .b(let b)): return KeyEncoding.compare(a, b)
        default: return nil
        }
    }

    private static func numbersEqual(_ a: String, _ b: String) -> Bool {
        guard let x = try? DynamoNumber(parsing: a), let y = try? DynamoNumber(parsing: b) else { return a == b }
        return x == y
    }

    /// Whether this is a set type (SS, NS, BS).
    public var isSet: Bool {
        switch self {
        case .ss, .ns, .bs: true
        default: false
        }
    }
}

/// Set arithmetic for ADD and DELETE in update expressions (number sets compare numerically).
enum SetAlgebra {
    /// `a ∪ b` for two sets of the same type, keeping `a`'s order; `nil` when the types differ.
    static func union(_ a: AttributeValue, _ b: AttributeValue) -> AttributeValue? {
        switch (a, b) {
        case (.ss(let x), .ss(let y)):
            var seen = Set(x)
            return .ss(x + y.filter { seen.insert($0).inserted })
        case (.bs(let x), .bs(let y)):
            var seen = Set(x)
            return .bs(x + y.filter { seen.insert($0).inserted })
        case (.ns(let x), .ns(let y)):
            var seen = Set(x.compactMap { try? DynamoNumber(parsing: $0) })
            return .ns(x + y.filter { text in (try? DynamoNumber(parsing: text)).map { seen.insert($0).inserted } ?? false })
        default: return nil
        }
    }

    /// `a ∖ b` for two sets of the same type; `.some(nil)` when the result is empty; `nil` when the types differ.
    static func difference(_ a: AttributeValue, _ b: AttributeValue) -> AttributeValue?? {
        switch (a, b) {
        case (.ss(let x), .ss(let y)):
            let drop = Set(y)
            let rest = x.filter { !drop.contains($0) }
            return .some(rest.isEmpty ? nil : .ss(rest))
        case (.bs(let x), .bs(let y)):
            let drop = Set(y)
            let rest = x.filter { !drop.contains($0) }
            return .some(rest.isEmpty ? nil : .bs(rest))
        case (.ns(let x), .ns(let y)):
            let drop = Set(y.compactMap { try? DynamoNumber(parsing: $0) })
            let rest = x.filter { text in (try? DynamoNumber(parsing: text)).map { !drop.contains($0) } ?? true }
            return .some(rest.isEmpty ? nil : .ns(rest))
        default: return nil
        }
    }
}
