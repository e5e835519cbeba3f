/// A parsed `UpdateExpression` (`SET`, `REMOVE`, `ADD`, `DELETE`), applied as DynamoDB does:
/// every operand reads the item as it was before the update.
public struct UpdateExpression: Sendable, Hashable {
    /// The actions in source order.
    public let actions: [UpdateAction]

    public init(actions: [UpdateAction]) { self.actions = actions }

    /// The outcome of applying an update.
    public struct Result: Sendable, Hashable {
        /// The item after the update.
        public var item: Item
        /// Top-level attributes the expression touched.
        public var updatedAttributes: Set<String>
        /// `ReturnValues = UPDATED_OLD`: the touched paths as they were before the update.
        public var updatedOld: Item
        /// `ReturnValues = UPDATED_NEW`: the touched paths as they are after the update.
        public var updatedNew: Item
    }

    /// Parses `text` against the request's placeholders (marking the ones it uses); an action on
    /// one of `keyAttributes` is rejected as DynamoDB does.
    public static func parse(
        _ text: String, attributes: inout ExpressionAttributes, keyAttributes: Set<String> = []
    ) throws(DynamoError) -> UpdateExpression {
        var parser = try ExpressionParser(text, kind: .update, attributes: attributes)
        let actions = try parser.parseUpdate()
        attributes = parser.attributes
        for action in actions where keyAttributes.contains(action.path.topLevel) {
            throw .validationException(
                "One or more parameter values were invalid: Cannot update attribute \(action.path.topLevel). This attribute is part of the key"
            )
        }
        return UpdateExpression(actions: actions)
    }

    /// Parses a standalone expression and checks that every placeholder is used.
    public init(
        _ text: String, names: [String: String] = [:], values: Item = [:], keyAttributes: Set<String> = []
    ) throws(DynamoError) {
        var attributes = ExpressionAttributes(names: names, values: values)
        try attributes.validateDefinitions()
        self = try Self.parse(text, attributes: &attributes, keyAttributes: keyAttributes)
        try attributes.checkAllUsed()
    }

    static let incorrectType = DynamoError.validationException(
        "An operand in the update expression has an incorrect data type")
    static let missingAttribute = DynamoError.validationException(
        "The provided expression refers to an attribute that does not exist in the item")

    /// Applies the update to `old` (`nil` when the item does not exist yet; pass the key
    /// attributes in `key` so a new item starts from them).
    public func apply(to old: Item?, key: Item = [:]) throws(DynamoError) -> Result {
        let before = old ?? key
        var item = before
        // Every right-hand side reads the old item.
        var setValues: [AttributeValue] = []
        for case .set(_, let operand) in actions {
            setValues.append(try Self.evaluate(operand, before))
        }
        var next = 0
        var removals: [DocumentPath] = []
        for action in actions {
            switch action {
            case .set(let path, _):
                try path.set(setValues[next], in: &item)
                next += 1
            case .remove(let path):
                removals.append(path)
            case .add(let path, let value):
                guard let existing = path.value(in: item) else {
                    try path.set(value, in: &item)
                    continue
                }
                if case .n(let a) = existing, case .n(let b) = value {
                    let sum = try DynamoNumber(parsing: a).adding(DynamoNumber(parsing: b))
                    try path.set(.number(sum), in: &item)
                } else if let union = SetAlgebra.union(existing, value) {
                    try path.set(union, in: &item)
                } else {
                    throw Self.incorrectType
                }
            case .delete(let path, let value):
                guard let existing = path.value(in: item) else { continue }
                guard let difference = SetAlgebra.difference(existing, value) else { throw Self.incorrectType }
                if let rest = difference {
                    try path.set(rest, in: &item)
                } else {
                    try path.remove(from: &item)
                }
            }
        }
        // Remove list elements from the highest index down so indexes refer to the old list.
        for path in removals.sorted(by: { Self.descending($0.elements, $1.elements) }) {
            try path.remove(from: &item)
        }
        let paths = actions.map(\.path)
        return Result(
            item: item,
            updatedAttributes: Set(paths.map(\.topLevel)),
            updatedOld: old.map { ProjectionExpression.project($0, paths: paths) } ?? [:],
            updatedNew: ProjectionExpression.project(item, paths: paths))
    }

    private static func descending(_ a: [PathElement], _ b: [PathElement]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            switch (x, y) {
            case (.index(let i), .index(let j)): return i > j
            case (.attribute(let s), .attribute(let t)): return s > t
            case (.index, .attribute): return true
            case (.attribute, .index): return false
            }
        }
        return a.count > b.count
    }

    static func evaluate(_ operand: UpdateOperand, _ item: Item) throws(DynamoError) -> AttributeValue {
        switch operand {
        case .value(let v):
            return v
        case .path(let p):
            guard let v = p.value(in: item) else { throw missingAttribute }
            return v
        case .ifNotExists(let p, let fallback):
            if let v = p.value(in: item) { return v }
            return try evaluate(fallback, item)
        case .listAppend(let a, let b):
            guard case .l(let x) = try evaluate(a, item), case .l(let y) = try evaluate(b, item) else {
                throw incorrectType
            }
            return .l(x + y)
        case .plus(let a, let b), .minus(let a, let b):
            guard case .n(let x) = try evaluate(a, item), case .n(let y) = try evaluate(b, item) else {
                throw incorrectType
            }
            let left = try DynamoNumber(parsing: x), right = try DynamoNumber(parsing: y)
            if case .plus = operand { return .number(try left.adding(right)) }
            return .number(try left.subtracting(right))
        }
    }
}
