import DynamoAPI
import DynamoModel

/// A validated single-item write: its work on the writer thread, which returns the operation's answer.
typealias ItemWrite<Output: Sendable> = @Sendable (WriteContext) throws(DynamoError) -> Output

extension EmbeddedDynamoDB {
    public func putItem(_ input: PutItemInput) async throws(DynamoError) -> PutItemOutput {
        try await writer.submit(try putItemWrite(input))
    }

    /// Validates a PutItem; returns its work on the writer thread.
    func putItemWrite(_ input: PutItemInput) throws(DynamoError) -> ItemWrite<PutItemOutput> {
        let snapshot = try table(input.tableName)
        try Self.validateItem(input.item, table: snapshot)
        try Self.checkReturnValues(input.returnValues, allowed: [.none, .allOld], operation: "PutItem")
        let expressions = try RequestExpressions(
            condition: input.conditionExpression, keySchema: snapshot.keySchema,
            names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        let condition = expressions.condition
        let key = KeyBytes.key(of: input.item, schema: snapshot.keySchema)!
        let item = input.item, name = input.tableName, onFailure = input.returnValuesOnConditionCheckFailure
        let mode = input.returnConsumedCapacity, returnsOld = input.returnValues == .allOld
        return { ctx throws(DynamoError) -> PutItemOutput in
            let t = try ctx.table(name)
            guard t.id == snapshot.id else { throw Self.tableNotFound(name) }
            let old = try ctx.load(t, key: key)
            if let condition, !condition.evaluate(old) {
                throw .conditionalCheckFailedException(item: onFailure == .allOld ? old : nil)
            }
            try ctx.apply(t, key: key, old: old, new: item)
            return PutItemOutput(attributes: returnsOld ? old : nil, consumedCapacity: Self.writeCapacity(mode, t, old: old, new: item))
        }
    }

    public func getItem(_ input: GetItemInput) async throws(DynamoError) -> GetItemOutput {
        try getItemNow(input)
    }

    /// ``getItem(_:)`` on the calling thread (reads never wait for the writer).
    public func getItemNow(_ input: GetItemInput) throws(DynamoError) -> GetItemOutput {
        let t = try table(input.tableName)
        let key = try Self.keyBytes(of: input.key, table: t)
        var projection: ProjectionExpression?
        if input.projectionExpression != nil || input.expressionAttributeNames != nil {
            projection = try RequestExpressions(
                projection: input.projectionExpression, names: input.expressionAttributeNames).projection
        }
        let item = try readers.read { db throws(DynamoError) in try ItemStore.load(db, table: t.id, index: 0, key: key) }
        var consumed: ConsumedCapacity?
        if let mode = input.returnConsumedCapacity, mode != .none {
            let units = CapacityRules.readUnits(
                bytes: item.map(ItemSize.of) ?? 0, kind: .init(consistentRead: input.consistentRead))
            consumed = CapacityUsage(table: units).consumed(mode, table: t, isWrite: false)
        }
        guard let item else { return GetItemOutput(consumedCapacity: consumed) }
        return GetItemOutput(item: projection.map { $0.apply(to: item) } ?? item, consumedCapacity: consumed)
    }

    public func updateItem(_ input: UpdateItemInput) async throws(DynamoError) -> UpdateItemOutput {
        try await writer.submit(try updateItemWrite(input))
    }

    /// Validates an UpdateItem; returns its work on the writer thread.
    func updateItemWrite(_ input: UpdateItemInput) throws(DynamoError) -> ItemWrite<UpdateItemOutput> {
        let snapshot = try table(input.tableName)
        let key = try Self.keyBytes(of: input.key, table: snapshot)
        let expressions = try RequestExpressions(
            condition: input.conditionExpression, update: input.updateExpression, keySchema: snapshot.keySchema,
            names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        let condition = expressions.condition, update = expressions.update
        let keyItem = input.key, name = input.tableName, onFailure = input.returnValuesOnConditionCheckFailure
        let returnValues = input.returnValues ?? .none, mode = input.returnConsumedCapacity
        return { ctx throws(DynamoError) -> UpdateItemOutput in
            let t = try ctx.table(name)
            guard t.id == snapshot.id else { throw Self.tableNotFound(name) }
            let old = try ctx.load(t, key: key)
            if let condition, !condition.evaluate(old) {
                throw .conditionalCheckFailedException(item: onFailure == .allOld ? old : nil)
            }
            let new: Item
            var updatedOld: Item = [:], updatedNew: Item = [:]
            if let update {
                let result = try update.apply(to: old, key: keyItem)
                new = result.item
                updatedOld = result.updatedOld
                updatedNew = result.updatedNew
            } else {
                new = old ?? keyItem
            }
            try Self.validateItem(new, table: t)
            try ctx.apply(t, key: key, old: old, new: new)
            let consumed = Self.writeCapacity(mode, t, old: old, new: new)
            switch returnValues {
            case .none: return UpdateItemOutput(consumedCapacity: consumed)
            case .allOld: return UpdateItemOutput(attributes: old, consumedCapacity: consumed)
            case .allNew: return UpdateItemOutput(attributes: new.normalizingNumbers, consumedCapacity: consumed)
            case .updatedOld: return UpdateItemOutput(attributes: updatedOld.isEmpty ? nil : updatedOld, consumedCapacity: consumed)
            case .updatedNew:
                return UpdateItemOutput(attributes: updatedNew.isEmpty ? nil : updatedNew.normalizingNumbers, consumedCapacity: consumed)
            }
        }
    }

    public func deleteItem(_ input: DeleteItemInput) async throws(DynamoError) -> DeleteItemOutput {
        try await writer.submit(try deleteItemWrite(input))
    }

    /// Validates a DeleteItem; returns its work on the writer thread.
    func deleteItemWrite(_ input: DeleteItemInput) throws(DynamoError) -> ItemWrite<DeleteItemOutput> {
        let snapshot = try table(input.tableName)
        let key = try Self.keyBytes(of: input.key, table: snapshot)
        try Self.checkReturnValues(input.returnValues, allowed: [.none, .allOld], operation: "DeleteItem")
        let expressions = try RequestExpressions(
            condition: input.conditionExpression, keySchema: snapshot.keySchema,
            names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        let condition = expressions.condition
        let name = input.tableName, onFailure = input.returnValuesOnConditionCheckFailure
        let mode = input.returnConsumedCapacity, returnsOld = input.returnValues == .allOld
        return { ctx throws(DynamoError) -> DeleteItemOutput in
            let t = try ctx.table(name)
            guard t.id == snapshot.id else { throw Self.tableNotFound(name) }
            let old = try ctx.load(t, key: key)
            if let condition, !condition.evaluate(old) {
                throw .conditionalCheckFailedException(item: onFailure == .allOld ? old : nil)
            }
            try ctx.apply(t, key: key, old: old, new: nil)
            return DeleteItemOutput(attributes: returnsOld ? old : nil, consumedCapacity: Self.writeCapacity(mode, t, old: old, new: nil))
        }
    }

    /// `ConsumedCapacity` of a single-item write (nil unless asked for).
    static func writeCapacity(_ mode: ReturnConsumedCapacity?, _ table: TableInfo, old: Item?, new: Item?) -> ConsumedCapacity? {
        guard let mode, mode != .none else { return nil }
        return CapacityRules.write(table, old: old, new: new).consumed(mode, table: table, isWrite: true)
    }

    // MARK: Validation

    /// Checks an item to be stored: table key, values, size, and the types of index key attributes.
    static func validateItem(_ item: Item, table: TableInfo) throws(DynamoError) {
        try ItemSize.validateKey(of: item, schema: table.keySchema)
        try ItemSize.validate(item)
        for index in table.indexes {
            for element in [index.keySchema.partitionKey] + (index.keySchema.sortKey.map { [$0] } ?? []) {
                guard let value = item[element.name] else { continue }
                guard value.typeDescriptor == element.type.rawValue else {
                    throw .validationException(
                        "One or more parameter values were invalid: Type mismatch for Index Key \(element.name) Expected: \(element.type.rawValue) Actual: \(value.typeDescriptor) IndexName: \(index.name)")
                }
                if case .s(let s) = value, s.isEmpty {
                    throw .validationException(
                        "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: \(index.name), IndexKey: \(element.name)")
                }
                if case .b(let b) = value, b.isEmpty {
                    throw .validationException(
                        "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty binary value. IndexName: \(index.name), IndexKey: \(element.name)")
                }
            }
        }
    }

    static let keyMismatch = DynamoError.validationException("The provided key element does not match the schema")

    /// The storage key of a `Key` parameter, which must hold exactly the table's key attributes.
    static func keyBytes(of key: Item, table: TableInfo) throws(DynamoError) -> [UInt8] {
        try keyBytes(of: key, schema: table.keySchema)
    }

    static func keyBytes(of key: Item, schema: KeySchema) throws(DynamoError) -> [UInt8] {
        guard key.count == schema.names.count, schema.names.allSatisfy({ key[$0] != nil }) else { throw keyMismatch }
        for name in schema.names {
            let isSort = name == schema.sortKey?.name
            let element = isSort ? schema.sortKey! : schema.partitionKey
            guard key[name]!.typeDescriptor == element.type.rawValue else { throw keyMismatch }
            try ItemSize.validateKey(name: name, value: key[name]!, expectedType: element.type, isSortKey: isSort)
        }
        guard let bytes = KeyBytes.key(of: key, schema: schema) else { throw keyMismatch }
        return bytes
    }

    static func checkReturnValues(_ value: ReturnValue?, allowed: [ReturnValue], operation: String) throws(DynamoError) {
        guard let value, !allowed.contains(value) else { return }
        throw .validationException("ReturnValues can only be ALL_OLD or NONE")
    }
}
