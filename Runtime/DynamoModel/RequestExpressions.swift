/// All expressions of one request, parsed together so that `ExpressionAttributeNames` and
/// `ExpressionAttributeValues` are checked across them: an undefined placeholder, or one that no
/// expression uses, is a `ValidationException`.
public struct RequestExpressions: Sendable {
    public var condition: ConditionExpression?
    public var filter: ConditionExpression?
    public var keyCondition: KeyConditionExpression?
    public var projection: ProjectionExpression?
    public var update: UpdateExpression?

    /// Parses and validates the expressions of one request.
    ///
    /// - Parameters:
    ///   - keySchema: the table's (or index's) key schema; required for `keyCondition`, and used to
    ///     reject updates of key attributes.
    ///   - names: `ExpressionAttributeNames` (`nil` when absent from the request).
    ///   - values: `ExpressionAttributeValues` (`nil` when absent from the request).
    public init(
        condition: String? = nil, filter: String? = nil, keyCondition: String? = nil,
        projection: String? = nil, update: String? = nil, keySchema: KeySchema? = nil,
        names: [String: String]? = nil, values: Item? = nil
    ) throws(DynamoError) {
        if let names, names.isEmpty {
            throw .validationException("ExpressionAttributeNames must not be empty")
        }
        if let values, values.isEmpty {
            throw .validationException("ExpressionAttributeValues must not be empty")
        }
        let anyExpression = [condition, filter, keyCondition, projection, update].contains { $0 != nil }
        if !anyExpression, names != nil {
            throw .validationException("ExpressionAttributeNames can only be specified when using expressions")
        }
        if !anyExpression, values != nil {
            throw .validationException("ExpressionAttributeValues can only be specified when using expressions")
        }
        var attributes = ExpressionAttributes(names: names ?? [:], values: values ?? [:])
        try attributes.validateDefinitions()
        if let keyCondition {
            guard let keySchema else {
                throw .validationException("KeyConditionExpression needs the key schema of the table or index")
            }
            self.keyCondition = try KeyConditionExpression.parse(keyCondition, schema: keySchema, attributes: &attributes)
        }
        if let update {
            self.update = try UpdateExpression.parse(
                update, attributes: &attributes, keyAttributes: Set(keySchema?.names ?? []))
        }
        if let condition {
            self.condition = try ConditionExpression.parse(condition, kind: .condition, attributes: &attributes)
        }
        if let filter {
            self.filter = try ConditionExpression.parse(filter, kind: .filter, attributes: &attributes)
        }
        if let projection {
            self.projection = try ProjectionExpression.parse(projection, attributes: &attributes)
        }
        try attributes.checkAllUsed()
    }
}
