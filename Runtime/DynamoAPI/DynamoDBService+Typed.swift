import DynamoModel

/// One page of typed query or scan results.
public struct Page<T> {
    public var items: [T]
    /// Pass as `startKey` to read the next page; `nil` when the read is complete.
    public var lastEvaluatedKey: Item?
    public init(items: [T], lastEvaluatedKey: Item?) {
        self.items = items
        self.lastEvaluatedKey = lastEvaluatedKey
    }
}
extension Page: Sendable where T: Sendable {}

/// Typed helpers over ``DynamoDBService``: Codable values in, Codable values out, via
/// `ItemEncoder`/`ItemDecoder`. Encoding and decoding failures surface as `ValidationException`s.
extension DynamoDBService {
    /// Writes `value` as an item (replacing any item with the same key).
    /// - Parameter condition: a `ConditionExpression` with optional placeholders.
    public func put<T: Encodable>(
        _ value: T, into table: String, condition: String? = nil,
        names: [String: String]? = nil, values: Item? = nil
    ) async throws(DynamoError) {
        let item = try Self.encode(value)
        _ = try await putItem(PutItemInput(
            tableName: table, item: item, conditionExpression: condition,
            expressionAttributeNames: names, expressionAttributeValues: values))
    }

    /// Reads the item with `key` and decodes it; `nil` when there is none.
    public func get<T: Decodable>(
        _ type: T.Type, from table: String, key: Item, consistentRead: Bool = true
    ) async throws(DynamoError) -> T? {
        let output = try await getItem(GetItemInput(tableName: table, key: key, consistentRead: consistentRead))
        guard let item = output.item else { return nil }
        return try Self.decode(type, item)
    }

    /// Deletes the item with `key`; returns the deleted item decoded, or `nil` when there was none.
    @discardableResult
    public func delete<T: Decodable>(
        _ type: T.Type, from table: String, key: Item, condition: String? = nil,
        names: [String: String]? = nil, values: Item? = nil
    ) async throws(DynamoError) -> T? {
        let output = try await deleteItem(DeleteItemInput(
            tableName: table, key: key, conditionExpression: condition, expressionAttributeNames: names,
            expressionAttributeValues: values, returnValues: .allOld))
        guard let item = output.attributes else { return nil }
        return try Self.decode(type, item)
    }

    /// Deletes the item with `key` (no return value).
    public func delete(
        from table: String, key: Item, condition: String? = nil, names: [String: String]? = nil, values: Item? = nil
    ) async throws(DynamoError) {
        _ = try await deleteItem(DeleteItemInput(
            tableName: table, key: key, conditionExpression: condition, expressionAttributeNames: names,
            expressionAttributeValues: values))
    }

    /// Applies an `UpdateExpression` and returns the whole new item decoded.
    public func update<T: Decodable>(
        _ type: T.Type, in table: String, key: Item, update: String, condition: String? = nil,
        names: [String: String]? = nil, values: Item? = nil
    ) async throws(DynamoError) -> T {
        let output = try await updateItem(UpdateItemInput(
            tableName: table, key: key, updateExpression: update, conditionExpression: condition,
            expressionAttributeNames: names, expressionAttributeValues: values, returnValues: .allNew))
        return try Self.decode(type, output.attributes ?? [:])
    }

    /// One page of a Query, decoded.
    public func query<T: Decodable>(
        _ type: T.Type, from table: String, index: String? = nil, keyCondition: String, filter: String? = nil,
        names: [String: String]? = nil, values: Item? = nil, limit: Int? = nil, forward: Bool = true,
        startKey: Item? = nil
    ) async throws(DynamoError) -> Page<T> {
        let output = try await query(QueryInput(
            tableName: table, indexName: index, keyConditionExpression: keyCondition, filterExpression: filter,
            expressionAttributeNames: names, expressionAttributeValues: values, limit: limit,
            exclusiveStartKey: startKey, scanIndexForward: forward))
        var items: [T] = []
        for item in output.items ?? [] { items.append(try Self.decode(type, item)) }
        return Page(items: items, lastEvaluatedKey: output.lastEvaluatedKey)
    }

    /// Every page of a Query, decoded and concatenated.
    public func queryAll<T: Decodable>(
        _ type: T.Type, from table: String, index: String? = nil, keyCondition: String, filter: String? = nil,
        names: [String: String]? = nil, values: Item? = nil, forward: Bool = true
    ) async throws(DynamoError) -> [T] {
        var all: [T] = []
        var start: Item? = nil
        repeat {
            let page = try await query(
                type, from: table, index: index, keyCondition: keyCondition, filter: filter, names: names,
                values: values, forward: forward, startKey: start)
            all += page.items
            start = page.lastEvaluatedKey
        } while start != nil
        return all
    }

    /// One page of a Scan, decoded.
    public func scan<T: Decodable>(
        _ type: T.Type, from table: String, index: String? = nil, filter: String? = nil,
        names: [String: String]? = nil, values: Item? = nil, limit: Int? = nil, startKey: Item? = nil
    ) async throws(DynamoError) -> Page<T> {
        let output = try await scan(ScanInput(
            tableName: table, indexName: index, filterExpression: filter, expressionAttributeNames: names,
            expressionAttributeValues: values, limit: limit, exclusiveStartKey: startKey))
        var items: [T] = []
        for item in output.items ?? [] { items.append(try Self.decode(type, item)) }
        return Page(items: items, lastEvaluatedKey: output.lastEvaluatedKey)
    }

    static func encode<T: Encodable>(_ value: T) throws(DynamoError) -> Item {
        do { return try ItemEncoder().encode(value) } catch {
            throw .validationException("Cannot encode \(T.self) as an item: \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ item: Item) throws(DynamoError) -> T {
        do { return try ItemDecoder().decode(type, from: item) } catch {
            throw .validationException("Cannot decode \(T.self) from an item: \(error)")
        }
    }
}
