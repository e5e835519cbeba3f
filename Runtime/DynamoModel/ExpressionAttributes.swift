/// The `ExpressionAttributeNames` and `ExpressionAttributeValues` of one request, and which of
/// them the request's expressions used. Parse every expression of the request against the same
/// instance, then call ``checkAllUsed()``.
public struct ExpressionAttributes: Sendable {
    /// `#placeholder` → attribute name.
    public let names: [String: String]
    /// `:placeholder` → value.
    public let values: Item
    /// Placeholders referenced so far.
    public private(set) var usedNames: Set<String> = []
    public private(set) var usedValues: Set<String> = []

    /// Longest placeholder name allowed (bytes).
    public static let maxPlaceholderBytes = 255
    /// Longest expression allowed (bytes).
    public static let maxExpressionBytes = 4096

    public init(names: [String: String] = [:], values: Item = [:]) {
        self.names = names
        self.values = values
    }

    /// Checks the maps themselves: every value valid (numbers, sets), placeholder syntax and sizes.
    public func validateDefinitions() throws(DynamoError) {
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            guard key.hasPrefix(":"), key.utf8.count > 1 else {
                throw .validationException(
                    "ExpressionAttributeValues contains invalid key: Syntax error; key: \"\(key)\"")
            }
            if let error = Result(catching: { () throws(DynamoError) in try ItemSize.validate(value) }).failure {
                throw .validationException(
                    "ExpressionAttributeValues contains invalid value: \(error.message) for key \(key)")
            }
        }
        for key in names.keys.sorted() {
            guard key.hasPrefix("#"), key.utf8.count > 1 else {
                throw .validationException(
                    "ExpressionAttributeNames contains invalid key: Syntax error; key: \"\(key)\"")
            }
            if names[key]?.isEmpty ?? true {
                throw .validationException(
                    "ExpressionAttributeNames contains invalid value: Empty attribute name for key \(key)")
            }
        }
    }

    /// Resolves `#name`, marking it used.
    mutating func resolveName(_ placeholder: String, kind: ExpressionKind) throws(DynamoError) -> String {
        guard let name = names[placeholder] else {
            throw .validationException(
                "Invalid \(kind.rawValue): An expression attribute name used in the document path is not defined; attribute name: \(placeholder)"
            )
        }
        usedNames.insert(placeholder)
        return name
    }

    /// Resolves `:value`, marking it used.
    mutating func resolveValue(_ placeholder: String, kind: ExpressionKind) throws(DynamoError) -> AttributeValue {
        guard let value = values[placeholder] else {
            throw .validationException(
                "Invalid \(kind.rawValue): An expression attribute value used in expression is not defined; attribute value: \(placeholder)"
            )
        }
        usedValues.insert(placeholder)
        return value
    }

    /// Throws DynamoDB's error when a name or value was never referenced by any expression.
    public func checkAllUsed() throws(DynamoError) {
        let unusedNames = Set(names.keys).subtracting(usedNames)
        if !unusedNames.isEmpty {
            throw .validationException(
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {\(unusedNames.sorted().joined(separator: ", "))}"
            )
        }
        let unusedValues = Set(values.keys).subtracting(usedValues)
        if !unusedValues.isEmpty {
            throw .validationException(
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {\(unusedValues.sorted().joined(separator: ", "))}"
            )
        }
    }
}

extension Result {
    /// The error of a failed result.
    var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
