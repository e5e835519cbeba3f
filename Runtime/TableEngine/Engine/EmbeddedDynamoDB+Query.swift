import DynamoAPI
import DynamoModel

/// The most a Query or Scan page reads (before the filter), as DynamoDB measures it.
let pageLimitBytes = 1_048_576

/// What one Query or Scan reads and returns.
struct ReadPlan {
    var table: TableInfo
    var index: IndexInfo?
    var lower: [UInt8]?
    var upper: [UInt8]?
    var segment: (Int64, Int64)?
    var start: [UInt8]?
    var forward = true
    var limit: Int?
    var keyCondition: KeyConditionExpression?
    var filter: ConditionExpression?
    var projection: ProjectionExpression?
    var select: Select
    var capacity: ReturnConsumedCapacity? = nil
    var readKind: CapacityRules.ReadKind = .eventual
}

extension EmbeddedDynamoDB: ImmediateReads {
    public func query(_ input: QueryInput) async throws(DynamoError) -> QueryOutput {
        try queryNow(input)
    }

    /// ``query(_:)`` on the calling thread (reads never wait for the writer).
    public func queryNow(_ input: QueryInput) throws(DynamoError) -> QueryOutput {
        let plan = try queryPlan(input)
        return try readers.read { db throws(DynamoError) in try Self.execute(plan, db: db) }
    }

    /// What a Query reads, its input checked with DynamoDB's messages.
    func queryPlan(_ input: QueryInput) throws(DynamoError) -> ReadPlan {
        let t = try table(input.tableName)
        let index = try input.indexName.map { name throws(DynamoError) in try t.index(named: name) }
        if index?.isGlobal == true, input.consistentRead == true {
            throw .validationException("Consistent reads are not supported on global secondary indexes")
        }
        guard let keyCondition = input.keyConditionExpression else {
            throw .validationException("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
        }
        try Self.checkLimit(input.limit)
        let keySchema = index?.keySchema ?? t.keySchema
        let names = input.expressionAttributeNames, values = input.expressionAttributeValues
        let kc: KeyConditionExpression
        var filter: ConditionExpression?, projection: ProjectionExpression?
        if input.filterExpression == nil, input.projectionExpression == nil,
            let cached = Self.keyConditionCache.bound(keyCondition, schema: keySchema, names: names, values: values)
        {
            kc = cached
        } else {
            let expressions = try RequestExpressions(
                filter: input.filterExpression, keyCondition: keyCondition, projection: input.projectionExpression,
                keySchema: keySchema, names: names, values: values)
            kc = expressions.keyCondition!
            filter = expressions.filter
            projection = expressions.projection
            if input.filterExpression == nil, input.projectionExpression == nil {
                Self.keyConditionCache.remember(kc, text: keyCondition, schema: keySchema, names: names, values: values)
            }
        }
        if let filter {
            if let name = keySchema.names.first(where: filter.topLevelNames.contains) {
                throw .validationException(
                    "Filter Expression can only contain non-primary key attributes: Primary key attribute: \(name)")
            }
        }
        let range = KeyRange(partition: kc.partitionKeyValue, condition: kc.sortKeyCondition)
        return ReadPlan(
            table: t, index: index, lower: range.lower, upper: range.upper,
            start: try input.exclusiveStartKey.map { k throws(DynamoError) in try Self.startKey(k, table: t, index: index) },
            forward: input.scanIndexForward ?? true, limit: input.limit, keyCondition: kc, filter: filter,
            projection: projection, select: try Self.resolveSelect(input.select, projection: projection, index: index),
            capacity: input.returnConsumedCapacity, readKind: .init(consistentRead: input.consistentRead))
    }

    public func scan(_ input: ScanInput) async throws(DynamoError) -> ScanOutput {
        let t = try table(input.tableName)
        let index = try input.indexName.map { name throws(DynamoError) in try t.index(named: name) }
        if index?.isGlobal == true, input.consistentRead == true {
            throw .validationException("Consistent reads are not supported on global secondary indexes")
        }
        try Self.checkLimit(input.limit)
        var segment: (Int64, Int64)?
        switch (input.segment, input.totalSegments) {
        case (nil, nil): break
        case (_?, nil):
            throw .validationException(
                "The TotalSegments parameter is required but was not present in the request when Segment parameter is present")
        case (nil, _?):
            throw .validationException(
                "The Segment parameter is required but was not present in the request when parameter TotalSegments is present")
        case (let s?, let total?):
            guard total >= 1, total <= 1_000_000 else {
                throw .validationException(
                    "1 validation error detected: Value '\(total)' at 'totalSegments' failed to satisfy constraint: Member must have value \(total < 1 ? "greater than or equal to 1" : "less than or equal to 1000000")")
            }
            guard s >= 0 else {
                throw .validationException(
                    "1 validation error detected: Value '\(s)' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0")
            }
            guard s < total else {
                throw .validationException(
                    "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: \(s) is not less than TotalSegments: \(total)")
            }
            segment = (Int64((UInt64(s) << 32) / UInt64(total)), Int64((UInt64(s + 1) << 32) / UInt64(total)))
        }
        let expressions = try RequestExpressions(
            filter: input.filterExpression, projection: input.projectionExpression,
            names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        let plan = ReadPlan(
            table: t, index: index, segment: segment,
            start: try input.exclusiveStartKey.map { k throws(DynamoError) in try Self.startKey(k, table: t, index: index) },
            limit: input.limit, filter: expressions.filter, projection: expressions.projection,
            select: try Self.resolveSelect(input.select, projection: expressions.projection, index: index),
            capacity: input.returnConsumedCapacity, readKind: .init(consistentRead: input.consistentRead))
        return try readers.read { db throws(DynamoError) in try Self.execute(plan, db: db) }
    }

    /// Runs a read plan: a range scan in key order, the 1 MB and `Limit` caps before the filter.
    static func execute(_ plan: ReadPlan, db: Database) throws(DynamoError) -> QueryOutput {
        let (sql, binds) = plan.statement()
        let tableKey = plan.table.keySchema
        let keyNames = plan.keyNames
        let fetchFromTable = plan.fetchesFromTable
        var items: [Item] = []
        var count = 0, scanned = 0, bytes = 0, fetchedBytes = 0
        var lastKey: Item?
        do {
            let s = try db.prepare(sql)
            defer { s.reset() }
            try s.bind(binds)
            while try s.step() {
                guard let entry = s.withBlob(1, { ItemCodec.decode($0) }) else {
                    throw DynamoError.internalServerError("Corrupt item in table storage")
                }
                if let kc = plan.keyCondition, !kc.matches(entry) { continue }
                scanned += 1
                bytes += Int(s.int64(2))
                var item = entry
                if fetchFromTable, let k = KeyBytes.key(of: entry, schema: tableKey),
                    let full = try ItemStore.load(db, table: plan.table.id, index: 0, key: k)
                {
                    item = full
                    if plan.capacity != nil { fetchedBytes += ItemSize.of(full) }
                }
                if plan.filter?.evaluate(item) ?? true {
                    count += 1
                    if plan.select != .count {
                        items.append(plan.projection.map { $0.apply(to: item) } ?? item)
                    }
                }
                if scanned == plan.limit || bytes >= pageLimitBytes {
                    var key: Item = [:]
                    for name in keyNames { key[name] = entry[name] }
                    lastKey = key
                    break
                }
            }
        } catch let error as DynamoError {
            throw error
        } catch {
            throw .internalServerError("\(error)")
        }
        return QueryOutput(
            items: plan.select == .count ? nil : items, count: count, scannedCount: scanned, lastEvaluatedKey: lastKey,
            consumedCapacity: readCapacity(plan, bytes: bytes, fetchedBytes: fetchedBytes))
    }

    /// A Query or Scan page's `ConsumedCapacity`: the bytes read (before the filter) summed and rounded up
    /// once, charged to the index read (and, for an LSI that fetched items, those items to the table).
    static func readCapacity(_ plan: ReadPlan, bytes: Int, fetchedBytes: Int) -> ConsumedCapacity? {
        guard let mode = plan.capacity, mode != .none else { return nil }
        var usage = CapacityUsage()
        if let index = plan.index {
            usage.indexes[index.name] = CapacityRules.readUnits(bytes: bytes, kind: plan.readKind)
            if fetchedBytes > 0 { usage.table = CapacityRules.readUnits(bytes: fetchedBytes, kind: plan.readKind) }
        } else {
            usage.table = CapacityRules.readUnits(bytes: bytes, kind: plan.readKind)
        }
        return usage.consumed(mode, table: plan.table, isWrite: false)
    }

    static func checkLimit(_ limit: Int?) throws(DynamoError) {
        if let limit, limit < 1 {
            throw .validationException(
                "1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
        }
    }

    static func resolveSelect(_ select: Select?, projection: ProjectionExpression?, index: IndexInfo?) throws(DynamoError) -> Select {
        switch select {
        case nil:
            return projection != nil ? .specificAttributes : (index != nil ? .allProjectedAttributes : .allAttributes)
        case .count?:
            if projection != nil {
                throw .validationException("Cannot specify the ProjectionExpression when choosing to get only the COUNT")
            }
            return .count
        case .specificAttributes?:
            if projection == nil {
                throw .validationException(
                    "One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires a ProjectionExpression")
            }
            return .specificAttributes
        case let other?:
            if projection != nil {
                throw .validationException("ProjectionExpression can only be used when Select is set to SPECIFIC_ATTRIBUTES")
            }
            if other == .allProjectedAttributes, index == nil {
                throw .validationException("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
            }
            if other == .allAttributes, let index, index.isGlobal, index.projection.projectionType != .all {
                throw .validationException(
                    "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index \(index.name) because its projection type is not ALL")
            }
            return other
        }
    }

    /// The storage key of an `ExclusiveStartKey` (table key, plus the index key for an index).
    static func startKey(_ key: Item, table: TableInfo, index: IndexInfo?) throws(DynamoError) -> [UInt8] {
        let invalid = DynamoError.validationException(
            "The provided starting key is invalid: The provided key element does not match the schema")
        let names = Set(table.keySchema.names + (index?.keySchema.names ?? []))
        guard Set(key.keys) == names, let tableKey = KeyBytes.key(of: key, schema: table.keySchema) else { throw invalid }
        guard let index else { return tableKey }
        guard let indexKey = KeyBytes.key(of: key, schema: index.keySchema) else { throw invalid }
        return indexKey + tableKey
    }
}

extension ReadPlan {
    /// The range scan in key order (the SQL and its bindings).
    func statement() -> (sql: String, binds: [SQLValue]) {
        var sql = "SELECT k, body, size FROM entries WHERE tid=? AND idx=?"
        var binds: [SQLValue] = [.int(table.id), .int(index?.number ?? 0)]
        if let lower {
            sql += " AND k >= ?"
            binds.append(.blob(lower))
        }
        if let upper {
            sql += " AND k < ?"
            binds.append(.blob(upper))
        }
        if let (lo, hi) = segment {
            sql += " AND seg >= ? AND seg < ?"
            binds += [.int(lo), .int(hi)]
        }
        if let start {
            sql += forward ? " AND k > ?" : " AND k < ?"
            binds.append(.blob(start))
        }
        sql += forward ? " ORDER BY k" : " ORDER BY k DESC"
        return (sql, binds)
    }

    /// The attributes of a `LastEvaluatedKey`: the table's key, then the index's.
    var keyNames: [String] { table.keySchema.names + (index?.keySchema.names ?? []) }

    /// Whether an LSI read needs attributes outside the index's projection, so fetches the table item.
    var fetchesFromTable: Bool {
        guard let index, !index.isGlobal else { return false }
        switch select {
        case .allAttributes: return index.projection.projectionType != .all
        case .specificAttributes: return !index.projects(projection?.topLevelNames ?? [], tableKey: table.keySchema)
        default: return false
        }
    }
}
