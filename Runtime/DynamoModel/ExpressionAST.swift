/// An operand in a condition: a document path, a value (placeholder substituted), or `size(path)`.
public enum ConditionOperand: Sendable, Hashable {
    case path(DocumentPath)
    case value(AttributeValue)
    case size(DocumentPath)
}

/// The comparison operators of condition expressions.
public enum Comparator: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// The comparator with its operands swapped (`a < b` ⇔ `b > a`).
    var flipped: Comparator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}

/// A parsed condition, filter or key condition expression.
public indirect enum Condition: Sendable, Hashable {
    case compare(ConditionOperand, Comparator, ConditionOperand)
    case between(ConditionOperand, low: ConditionOperand, high: ConditionOperand)
    case `in`(ConditionOperand, [ConditionOperand])
    case attributeExists(DocumentPath)
    case attributeNotExists(DocumentPath)
    case attributeType(DocumentPath, ConditionOperand)
    case beginsWith(ConditionOperand, ConditionOperand)
    case contains(ConditionOperand, ConditionOperand)
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
}

/// The right-hand side of a `SET` action.
public indirect enum UpdateOperand: Sendable, Hashable {
    case path(DocumentPath)
    case value(AttributeValue)
    /// `if_not_exists(path, operand)`
    case ifNotExists(DocumentPath, UpdateOperand)
    /// `list_append(a, b)`
    case listAppend(UpdateOperand, UpdateOperand)
    case plus(UpdateOperand, UpdateOperand)
    case minus(UpdateOperand, UpdateOperand)
}

/// One action of an update expression.
public enum UpdateAction: Sendable, Hashable {
    case set(DocumentPath, UpdateOperand)
    case remove(DocumentPath)
    case add(DocumentPath, AttributeValue)
    case delete(DocumentPath, AttributeValue)

    /// The path the action writes.
    public var path: DocumentPath {
        switch self {
        case .set(let p, _), .remove(let p), .add(let p, _), .delete(let p, _): p
        }
    }
}

extension AttributeValue {
    /// The compact form DynamoDB prints in some error messages: `{N:5}`, `{S:abc}`.
    var messageText: String {
        switch self {
        case .s(let s): "{S:\(s)}"
        case .n(let n): "{N:\(n)}"
        case .b(let b): "{B:\(Base64.encode(b))}"
        case .bool(let b): "{BOOL:\(b)}"
        case .null: "{NULL:true}"
        default: "{\(typeDescriptor):…}"
        }
    }
}
