import DynamoAPI
import DynamoModel

/// One validated write of a batch or transaction, ready for the writer.
struct PreparedWrite: Sendable {
    enum Kind: Sendable {
        case check
        case put(Item)
        case delete
        case update(UpdateExpression?)
    }
    var tableName: String
    var tableId: Int64
    var key: [UInt8]
    var keyItem: Item
    var condition: ConditionExpression?
    var kind: Kind
    var returnOldOnFailure: Bool
}

extension EmbeddedDynamoDB {
    static let duplicateKeys = DynamoError.validationException("Provided list of item keys contains duplicates")

    public func batchGetItem(_ input: BatchGetItemInput) async throws(DynamoError) -> BatchGetItemOutput {
        if input.requestItems.isEmpty {
            throw .validationException(
                "1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1")
        }
        let total = input.requestItems.values.reduce(0) { $0 + $1.keys.count }
        if total > 100 { throw .validationException("Too many items requested for the BatchGetItem call") }
        var plans: [(String, TableInfo, [(Item, [UInt8])], ProjectionExpression?)] = []
        for (name, request) in input.requestItems.sorted(by: { $0.key < $1.key }) {
            let t = try table(name)
            var keys: [(Item, [UInt8])] = []
            var seen = Set<[UInt8]>()
            for key in request.keys {
                let bytes = try Self.keyBytes(of: key, table: t)
                guard seen.insert(bytes).inserted else { throw Self.duplicateKeys }
                keys.append((key, bytes))
            }
            let expressions = try RequestExpressions(
                projection: request.projectionExpression, names: request.expressionAttributeNames)
            plans.append((name, t, keys, expressions.projection))
        }
        // The response holds at most 16 MB of items: the key that would cross it and every key after it
        // are returned in UnprocessedKeys, as DynamoDB does.
        let limit = Self.batchGetResponseLimitBytes
        let (responses, unprocessed, ledger) = try readers.snapshot {
            db throws(DynamoError) -> ([String: [Item]], [String: [Item]], CapacityLedger) in
            var out: [String: [Item]] = [:], left: [String: [Item]] = [:]
            var ledger = CapacityLedger()
            var bytes = 0
            for (name, t, keys, projection) in plans {
                let kind = CapacityRules.ReadKind(consistentRead: input.requestItems[name]?.consistentRead)
                var items: [Item] = []
                for (keyItem, key) in keys {
                    if bytes > limit {
                        left[name, default: []].append(keyItem)
                        continue
                    }
                    let item = try ItemStore.load(db, table: t.id, index: 0, key: key)
                    let size = item.map(ItemSize.of) ?? 0
                    if bytes + size > limit {
                        bytes = limit + 1
                        left[name, default: []].append(keyItem)
                        continue
                    }
                    bytes += size
                    ledger.add(CapacityUsage(table: CapacityRules.readUnits(bytes: size, kind: kind)), table: name)
                    if let item { items.append(projection.map { $0.apply(to: item) } ?? item) }
                }
                out[name] = items
            }
            return (out, left, ledger)
        }
        var unprocessedKeys: [String: KeysAndAttributes] = [:]
        for (name, keys) in unprocessed {
            var request = input.requestItems[name]!
            request.keys = keys
            unprocessedKeys[name] = request
        }
        let tables = Dictionary(plans.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        return BatchGetItemOutput(
            responses: responses, unprocessedKeys: unprocessedKeys,
            consumedCapacity: ledger.consumed(input.returnConsumedCapacity, tables: tables, isWrite: false))
    }

    /// BatchGetItem's response limit (16 MB of items).
    static let batchGetResponseLimitBytes = 16 * 1024 * 1024
    /// The aggregate size of the items in a transaction (4 MB).
    static let transactionLimitBytes = 4 * 1024 * 1024
    /// The message of a transaction over ``transactionLimitBytes``.
    static let transactionTooLarge = DynamoError.validationException(
        "Transaction request size has exceeded the maximum allowed size of 4 MB")

    public func batchWriteItem(_ input: BatchWriteItemInput) async throws(DynamoError) -> BatchWriteItemOutput {
        let total = input.requestItems.values.reduce(0) { $0 + $1.count }
        if input.requestItems.isEmpty || total > 25 || input.requestItems.values.contains(where: \.isEmpty) {
            throw .validationException(
                "1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]")
        }
        var writes: [PreparedWrite] = []
        var seen = Set<[UInt8]>()
        for (name, requests) in input.requestItems {
            let t = try table(name)
            for request in requests {
                let write: PreparedWrite
                switch (request.putRequest, request.deleteRequest) {
                case (let put?, nil):
                    try Self.validateItem(put.item, table: t)
                    write = PreparedWrite(
                        tableName: name, tableId: t.id, key: KeyBytes.key(of: put.item, schema: t.keySchema)!,
                        keyItem: t.keySchema.key(of: put.item), condition: nil, kind: .put(put.item), returnOldOnFailure: false)
                case (nil, let delete?):
                    write = PreparedWrite(
                        tableName: name, tableId: t.id, key: try Self.keyBytes(of: delete.key, table: t),
                        keyItem: delete.key, condition: nil, kind: .delete, returnOldOnFailure: false)
                default:
                    throw .validationException(
                        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
                }
                guard seen.insert(Self.identity(t.id, write.key)).inserted else { throw Self.duplicateKeys }
                writes.append(write)
            }
        }
        let prepared = writes, mode = input.returnConsumedCapacity
        let consumed = try await writer.submit { ctx throws(DynamoError) -> [ConsumedCapacity]? in
            var ledger = CapacityLedger()
            for write in prepared {
                let t = try ctx.table(write.tableName)
                guard t.id == write.tableId else { throw Self.tableNotFound(write.tableName) }
                let old = try ctx.load(t, key: write.key)
                var new: Item?
                if case .put(let item) = write.kind { new = item }
                try ctx.apply(t, key: write.key, old: old, new: new)
                if mode != nil { ledger.add(CapacityRules.write(t, old: old, new: new), table: t.name) }
            }
            return ledger.consumed(mode, tables: ctx.tables, isWrite: true)
        }
        // The engine never throttles, so every request is processed and UnprocessedItems stays empty.
        return BatchWriteItemOutput(unprocessedItems: [:], consumedCapacity: consumed)
    }

    public func transactWriteItems(_ input: TransactWriteItemsInput) async throws(DynamoError) -> TransactWriteItemsOutput {
        let actions = input.transactItems
        if actions.isEmpty || actions.count > 100 {
            throw .validationException(
                "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length \(actions.isEmpty ? "greater than or equal to 1" : "less than or equal to 100")")
        }
        if let token = input.clientRequestToken, token.isEmpty || token.count > 36 {
            throw .validationException(
                "1 validation error detected: Value '\(token)' at 'clientRequestToken' failed to satisfy constraint: Member must have length \(token.isEmpty ? "greater than or equal to 1" : "less than or equal to 36")")
        }
        var writes: [PreparedWrite] = []
        var seen = Set<[UInt8]>()
        for action in actions {
            let present = [action.conditionCheck != nil, action.put != nil, action.delete != nil, action.update != nil]
            guard present.filter({ $0 }).count == 1 else {
                throw .validationException("TransactItems can only contain one of Check, Put, Update or Delete")
            }
            let write: PreparedWrite
            if let c = action.conditionCheck {
                let t = try table(c.tableName)
                let e = try RequestExpressions(
                    condition: c.conditionExpression, keySchema: t.keySchema,
                    names: c.expressionAttributeNames, values: c.expressionAttributeValues)
                write = PreparedWrite(
                    tableName: c.tableName, tableId: t.id, key: try Self.keyBytes(of: c.key, table: t), keyItem: c.key,
                    condition: e.condition, kind: .check, returnOldOnFailure: c.returnValuesOnConditionCheckFailure == .allOld)
            } else if let p = action.put {
                let t = try table(p.tableName)
                try Self.validateItem(p.item, table: t)
                let e = try RequestExpressions(
                    condition: p.conditionExpression, keySchema: t.keySchema,
                    names: p.expressionAttributeNames, values: p.expressionAttributeValues)
                write = PreparedWrite(
                    tableName: p.tableName, tableId: t.id, key: KeyBytes.key(of: p.item, schema: t.keySchema)!,
                    keyItem: t.keySchema.key(of: p.item), condition: e.condition, kind: .put(p.item),
                    returnOldOnFailure: p.returnValuesOnConditionCheckFailure == .allOld)
            } else if let d = action.delete {
                let t = try table(d.tableName)
                let e = try RequestExpressions(
                    condition: d.conditionExpression, keySchema: t.keySchema,
                    names: d.expressionAttributeNames, values: d.expressionAttributeValues)
                write = PreparedWrite(
                    tableName: d.tableName, tableId: t.id, key: try Self.keyBytes(of: d.key, table: t), keyItem: d.key,
                    condition: e.condition, kind: .delete, returnOldOnFailure: d.returnValuesOnConditionCheckFailure == .allOld)
            } else {
                let u = action.update!
                let t = try table(u.tableName)
                let e = try RequestExpressions(
                    condition: u.conditionExpression, update: u.updateExpression, keySchema: t.keySchema,
                    names: u.expressionAttributeNames, values: u.expressionAttributeValues)
                write = PreparedWrite(
                    tableName: u.tableName, tableId: t.id, key: try Self.keyBytes(of: u.key, table: t), keyItem: u.key,
                    condition: e.condition, kind: .update(e.update),
                    returnOldOnFailure: u.returnValuesOnConditionCheckFailure == .allOld)
            }
            guard seen.insert(Self.identity(write.tableId, write.key)).inserted else {
                throw .validationException("Transaction request cannot include multiple operations on one item")
            }
            writes.append(write)
        }
        let token = input.clientRequestToken
        let prepared = writes, mode = input.returnConsumedCapacity
        let requestBytes = actions.reduce(0) { $0 + ($1.put.map { ItemSize.of($0.item) } ?? 0) }
        if requestBytes > Self.transactionLimitBytes { throw Self.transactionTooLarge }
        let consumed = try await writer.submit { ctx throws(DynamoError) -> [ConsumedCapacity]? in
            if let token {
                if let (previous, time) = ctx.tokens[token], time + ctx.config.idempotencyWindowSeconds > ctx.now {
                    guard previous == input else {
                        throw .idempotentParameterMismatchException(
                            "Specified idempotent token was used with different request parameters within the 10 minute window.")
                    }
                    // A repeated token changes nothing; DynamoDB reports the read units of reading the items.
                    var ledger = CapacityLedger()
                    for write in prepared {
                        let t = try ctx.table(write.tableName)
                        let size = try ctx.load(t, key: write.key).map(ItemSize.of) ?? 0
                        ledger.add(CapacityUsage(table: CapacityRules.readUnits(bytes: size, kind: .strong)), table: t.name)
                    }
                    return ledger.consumed(mode, tables: ctx.tables, isWrite: false)
                }
                ctx.tokens = ctx.tokens.filter { $0.value.1 + ctx.config.idempotencyWindowSeconds > ctx.now }
            }
            var changes: [(TableInfo, [UInt8], Item?, Item?)] = []
            var reasons: [DynamoError.CancellationReason] = []
            var cancelled = false
            var ledger = CapacityLedger()
            var aggregateBytes = 0
            for write in prepared {
                let t = try ctx.table(write.tableName)
                guard t.id == write.tableId else { throw Self.tableNotFound(write.tableName) }
                let old = try ctx.load(t, key: write.key)
                if let condition = write.condition, !condition.evaluate(old) {
                    reasons.append(.init(
                        code: "ConditionalCheckFailed", message: "The conditional request failed",
                        item: write.returnOldOnFailure ? old : nil))
                    cancelled = true
                    continue
                }
                reasons.append(.init(code: "None"))
                switch write.kind {
                case .check:
                    // A ConditionCheck costs a transactional write of the item it checks.
                    let size = old.map(ItemSize.of) ?? 0
                    aggregateBytes += size
                    ledger.add(CapacityUsage(table: CapacityRules.writeUnits(bytes: size, transactional: true)), table: t.name)
                case .put(let item): changes.append((t, write.key, old, item))
                case .delete: changes.append((t, write.key, old, nil))
                case .update(let update):
                    let new = try update.map { u throws(DynamoError) in try u.apply(to: old, key: write.keyItem).item } ?? (old ?? write.keyItem)
                    try Self.validateItem(new, table: t)
                    changes.append((t, write.key, old, new))
                }
            }
            if cancelled {
                throw .transactionCanceledException(
                    "Transaction cancelled, please refer cancellation reasons for specific reasons [\(reasons.map(\.code).joined(separator: ", "))]",
                    reasons: reasons)
            }
            for (_, _, old, new) in changes { aggregateBytes += max(old.map(ItemSize.of) ?? 0, new.map(ItemSize.of) ?? 0) }
            if aggregateBytes > Self.transactionLimitBytes { throw Self.transactionTooLarge }
            for (t, key, old, new) in changes {
                try ctx.apply(t, key: key, old: old, new: new)
                if mode != nil { ledger.add(CapacityRules.write(t, old: old, new: new, transactional: true), table: t.name) }
            }
            if let token { ctx.pendingTokens.append((token, input, ctx.now)) }
            return ledger.consumed(mode, tables: ctx.tables, isWrite: true)
        }
        return TransactWriteItemsOutput(consumedCapacity: consumed)
    }

    public func transactGetItems(_ input: TransactGetItemsInput) async throws(DynamoError) -> TransactGetItemsOutput {
        if input.transactItems.isEmpty || input.transactItems.count > 100 {
            throw .validationException(
                "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length \(input.transactItems.isEmpty ? "greater than or equal to 1" : "less than or equal to 100")")
        }
        var plans: [(TableInfo, [UInt8], ProjectionExpression?)] = []
        for action in input.transactItems {
            let get = action.get
            let t = try table(get.tableName)
            let e = try RequestExpressions(projection: get.projectionExpression, names: get.expressionAttributeNames)
            plans.append((t, try Self.keyBytes(of: get.key, table: t), e.projection))
        }
        let (responses, ledger) = try readers.snapshot { db throws(DynamoError) -> ([ItemResponse], CapacityLedger) in
            var out: [ItemResponse] = []
            var ledger = CapacityLedger()
            var bytes = 0
            for (t, key, projection) in plans {
                let item = try ItemStore.load(db, table: t.id, index: 0, key: key)
                let size = item.map(ItemSize.of) ?? 0
                bytes += size
                if bytes > Self.transactionLimitBytes { throw Self.transactionTooLarge }
                ledger.add(CapacityUsage(table: CapacityRules.readUnits(bytes: size, kind: .transactional)), table: t.name)
                out.append(ItemResponse(item: item.map { projection?.apply(to: $0) ?? $0 }))
            }
            return (out, ledger)
        }
        let tables = Dictionary(plans.map { ($0.0.name, $0.0) }, uniquingKeysWith: { a, _ in a })
        return TransactGetItemsOutput(
            responses: responses, consumedCapacity: ledger.consumed(input.returnConsumedCapacity, tables: tables, isWrite: false))
    }

    /// A set key for "the same item": table id and storage key.
    static func identity(_ table: Int64, _ key: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: table.bigEndian) { Array($0) } + key
    }
}
