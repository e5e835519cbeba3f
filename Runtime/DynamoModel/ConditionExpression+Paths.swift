extension ConditionExpression {
    /// The top-level attribute names the condition reads (e.g. to reject key attributes in a Query filter).
    public var topLevelNames: Set<String> {
        var names = Set<String>()
        func visit(_ operand: ConditionOperand) {
            switch operand {
            case .path(let p), .size(let p): names.insert(p.topLevel)
            case .value: break
            }
        }
        func visit(_ condition: Condition) {
            switch condition {
            case .compare(let a, _, let b), .beginsWith(let a, let b), .contains(let a, let b):
                visit(a)
                visit(b)
            case .between(let a, let low, let high):
                visit(a)
                visit(low)
                visit(high)
            case .in(let a, let list):
                visit(a)
                list.forEach(visit)
            case .attributeExists(let p), .attributeNotExists(let p): names.insert(p.topLevel)
            case .attributeType(let p, let t):
                names.insert(p.topLevel)
                visit(t)
            case .and(let a, let b), .or(let a, let b):
                visit(a)
                visit(b)
            case .not(let a): visit(a)
            }
        }
        visit(condition)
        return names
    }
}
