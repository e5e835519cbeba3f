/// A parsed and schema-checked `KeyConditionExpression`: partition key equality and an optional
/// sort key condition.
public struct KeyConditionExpression: Sendable, Hashable {
    /// The condition on the sort key.
    public enum SortKeyCondition: Sendable, Hashable {
        case equal(AttributeValue)
        case less(AttributeValue)
        case lessOrEqual(AttributeValue)
        case greater(AttributeValue)
        case greaterOrEqual(AttributeValue)
        case between(AttributeValue, AttributeValue)
        case beginsWith(AttributeValue)

        /// Whether a sort key value satisfies the condition.
        public func matches(_ value: AttributeValue) -> Bool {
            switch self {
            case .equal(let v): return value.dynamoCompare(v) == 0
            case .less(let v): return (value.dynamoCompare(v) ?? 0) < 0
            case .lessOrEqual(let v): return (value.dynamoCompare(v) ?? 1) <= 0
            case .greater(let v): return (value.dynamoCompare(v) ?? 0) > 0
            case .greaterOrEqual(let v): return (value.dynamoCompare(v) ?? -1) >= 0
            case .between(let lo, let hi):
                guard let a = value.dynamoCompare(lo), let b = value.dynamoCompare(hi) else { return false }
                return a >= 0 && b <= 0
            case .beginsWith(let prefix):
                switch (value, prefix) {
                case (.s(let s), .s(let p)): return s.utf8.starts(with: p.utf8)
                case (.b(let s), .b(let p)): return s.starts(with: p)
                default: return false
                }
            }
        }
    }

    public let partitionKeyName: String
    public let partitionKeyValue: AttributeValue
    public let sortKeyName: String?
    public let sortKeyCondition: SortKeyCondition?

    /// Parses `text` and checks it against `schema` with DynamoDB's messages.
    public static func parse(_ text: String, schema: KeySchema, attributes: inout ExpressionAttributes)
        throws(DynamoError) -> KeyConditionExpression
    {
        var parser = try ExpressionParser(text, kind: .keyCondition, attributes: attributes)
        let condition = try parser.parseCondition()
        try parser.finish()
        attributes = parser.attributes
        var parts: [Condition] = []
        try flatten(condition, into: &parts)
        var byKey: [String: SortKeyCondition] = [:]
        for part in parts {
            let (name, keyCondition) = try simple(part)
            guard schema.names.contains(name) else { throw unsupported }
            guard byKey.updateValue(keyCondition, forKey: name) == nil else {
                throw .validationException("KeyConditionExpressions must only contain one condition per key")
            }
        }
        guard let pkCondition = byKey[schema.partitionKey.name] else {
            throw .validationException("Query condition missed key schema element: \(schema.partitionKey.name)")
        }
        guard case .equal(let pkValue) = pkCondition else { throw unsupported }
        try checkType(pkValue, schema.partitionKey.type)
        let sort = schema.sortKey.flatMap { key in byKey[key.name].map { (key, $0) } }
        if let (key, condition) = sort {
            switch condition {
            case .equal(let v), .less(let v), .lessOrEqual(let v), .greater(let v), .greaterOrEqual(let v):
                try checkType(v, key.type)
            case .between(let a, let b):
                try checkType(a, key.type)
                try checkType(b, key.type)
            case .beginsWith(let v):
                try checkType(v, key.type)
                if key.type == .n {
                    throw .validationException(
                        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"
                    )
                }
            }
        }
        return KeyConditionExpression(
            partitionKeyName: schema.partitionKey.name, partitionKeyValue: pkValue,
            sortKeyName: sort?.0.name, sortKeyCondition: sort?.1)
    }

    public init(
        partitionKeyName: String, partitionKeyValue: AttributeValue, sortKeyName: String?, sortKeyCondition: SortKeyCondition?
    ) {
        self.partitionKeyName = partitionKeyName
        self.partitionKeyValue = partitionKeyValue
        self.sortKeyName = sortKeyName
        self.sortKeyCondition = sortKeyCondition
    }

    /// Parses a standalone expression and checks that every placeholder is used.
    public init(_ text: String, schema: KeySchema, names: [String: String] = [:], values: Item = [:])
        throws(DynamoError)
    {
        var attributes = ExpressionAttributes(names: names, values: values)
        try attributes.validateDefinitions()
        self = try Self.parse(text, schema: schema, attributes: &attributes)
        try attributes.checkAllUsed()
    }

    /// Whether an item's key attributes satisfy the condition.
    public func matches(_ item: Item) -> Bool {
        guard let pk = item[partitionKeyName], pk.dynamoEquals(partitionKeyValue) else { return false }
        guard let sortKeyName, let sortKeyCondition else { return true }
        guard let sk = item[sortKeyName] else { return false }
        return sortKeyCondition.matches(sk)
    }

    private static let unsupported = DynamoError.validationException("Query key condition not supported")

    private static func invalidOperator(_ name: String) -> DynamoError {
        .validationException("Invalid operator used in KeyConditionExpression: \(name)")
    }

    private static func flatten(_ condition: Condition, into parts: inout [Condition]) throws(DynamoError) {
        switch condition {
        case .and(let a, let b):
            try flatten(a, into: &parts)
            try flatten(b, into: &parts)
        case .or: throw invalidOperator("OR")
        case .not: throw invalidOperator("NOT")
        case .in: throw invalidOperator("IN")
        case .attributeExists: throw invalidOperator("attribute_exists")
        case .attributeNotExists: throw invalidOperator("attribute_not_exists")
        case .attributeType: throw invalidOperator("attribute_type")
        case .contains: throw invalidOperator("contains")
        default: parts.append(condition)
        }
    }

    /// A comparison of one top-level key attribute with a value.
    private static func simple(_ condition: Condition) throws(DynamoError) -> (String, SortKeyCondition) {
        func name(_ operand: ConditionOperand) throws(DynamoError) -> String {
            switch operand {
            case .path(let p) where p.elements.count == 1: return p.topLevel
            case .size: throw invalidOperator("size")
            default: throw unsupported
            }
        }
        func value(_ operand: ConditionOperand) throws(DynamoError) -> AttributeValue {
            guard case .value(let v) = operand else { throw unsupported }
            return v
        }
        switch condition {
        case .compare(var l, var op, var r):
            if case .value = l {
                swap(&l, &r)
                op = op.flipped
            }
            let key = try name(l), v = try value(r)
            switch op {
            case .equal: return (key, .equal(v))
            case .less: return (key, .less(v))
            case .lessOrEqual: return (key, .lessOrEqual(v))
            case .greater: return (key, .greater(v))
            case .greaterOrEqual: return (key, .greaterOrEqual(v))
            case .notEqual: throw invalidOperator("<>")
            }
        case .between(let a, let lo, let hi):
            return (try name(a), .between(try value(lo), try value(hi)))
        case .beginsWith(let a, let prefix):
            return (try name(a), .beginsWith(try value(prefix)))
        default:
            throw unsupported
        }
    }

    private static func checkType(_ value: AttributeValue, _ type: KeyAttributeType) throws(DynamoError) {
        guard value.typeDescriptor == type.rawValue else {
            throw .validationException(
                "One or more parameter values were invalid: Condition parameter type does not match schema type")
        }
    }
}
