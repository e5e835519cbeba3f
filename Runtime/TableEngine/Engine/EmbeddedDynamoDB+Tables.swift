import DynamoAPI
import DynamoModel

extension EmbeddedDynamoDB {
    public func createTable(_ input: CreateTableInput) async throws(DynamoError) -> CreateTableOutput {
        try TableInfo.validate(input)
        let table = try await writer.submit { ctx throws(DynamoError) -> TableInfo in
            if ctx.tables[input.tableName] != nil {
                throw .resourceInUseException("Table already exists: \(input.tableName)")
            }
            let encoded: Item
            do { encoded = try ItemEncoder().encode(input) } catch { throw .internalServerError("\(error)") }
            do {
                let id = try ctx.db.scalarInt("SELECT value FROM meta WHERE key='next_table_id'") ?? 1
                try ctx.db.run("UPDATE meta SET value=? WHERE key='next_table_id'", [.int(id + 1)])
                try ctx.db.run(
                    "INSERT INTO tables(name, id, created, definition) VALUES(?, ?, ?, ?)",
                    [.text(input.tableName), .int(id), .double(ctx.now), .blob(ItemCodec.encode(encoded))])
                var table = try TableInfo(name: input.tableName, id: id, created: ctx.now, definition: input, stream: nil, ttl: nil)
                if let spec = input.streamSpecification, spec.streamEnabled, let view = spec.streamViewType {
                    table.stream = try ctx.createStream(for: table, viewType: view)
                }
                ctx.tables[input.tableName] = table
                ctx.catalogDirty = true
                return table
            } catch let error as DynamoError {
                throw error
            } catch {
                throw .internalServerError("\(error)")
            }
        }
        return CreateTableOutput(tableDescription: describe(table, status: "ACTIVE", itemCount: 0, size: 0))
    }

    public func deleteTable(_ input: DeleteTableInput) async throws(DynamoError) -> DeleteTableOutput {
        let name = input.tableName
        let table = try await writer.submit { ctx throws(DynamoError) -> TableInfo in
            let table = try ctx.table(name)
            do {
                try ctx.db.run("DELETE FROM tables WHERE name=?", [.text(name)])
                try ctx.db.run("DELETE FROM entries WHERE tid=?", [.int(table.id)])
                if let stream = table.stream, stream.enabled {
                    try ctx.db.run("UPDATE streams SET disabled_at=? WHERE id=?", [.double(ctx.now), .int(stream.id)])
                }
            } catch {
                throw .internalServerError("\(error)")
            }
            ctx.tables[name] = nil
            ctx.catalogDirty = true
            return table
        }
        return DeleteTableOutput(tableDescription: describe(table, status: "DELETING", itemCount: 0, size: 0))
    }

    public func describeTable(_ input: DescribeTableInput) async throws(DynamoError) -> DescribeTableOutput {
        let t = try table(input.tableName)
        let counts = try readers.read { db throws(DynamoError) -> [Int64: (Int, Int)] in
            do {
                var out: [Int64: (Int, Int)] = [:]
                let s = try db.prepare("SELECT idx, count(*), coalesce(sum(size), 0) FROM entries WHERE tid=? GROUP BY idx")
                try s.bind([.int(t.id)])
                while try s.step() { out[s.int64(0)] = (Int(s.int64(1)), Int(s.int64(2))) }
                return out
            } catch {
                throw .internalServerError("\(error)")
            }
        }
        var description = describe(t, status: "ACTIVE", itemCount: counts[0]?.0 ?? 0, size: counts[0]?.1 ?? 0)
        func fill(_ list: inout [SecondaryIndexDescription]?) {
            guard var entries = list else { return }
            for i in entries.indices {
                let number = t.indexes.first { $0.name == entries[i].indexName }?.number ?? -1
                entries[i].itemCount = counts[number]?.0 ?? 0
                entries[i].indexSizeBytes = counts[number]?.1 ?? 0
            }
            list = entries
        }
        fill(&description.globalSecondaryIndexes)
        fill(&description.localSecondaryIndexes)
        return DescribeTableOutput(table: description)
    }

    public func listTables(_ input: ListTablesInput) async throws(DynamoError) -> ListTablesOutput {
        let limit = input.limit ?? 100
        guard (1...100).contains(limit) else {
            throw .validationException(
                "1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value \(limit < 1 ? "greater than or equal to 1" : "less than or equal to 100")")
        }
        var names = catalog.withLock { Array($0.keys) }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        if let start = input.exclusiveStartTableName {
            names = names.filter { Array(start.utf8).lexicographicallyPrecedes(Array($0.utf8)) }
        }
        let page = Array(names.prefix(limit))
        return ListTablesOutput(tableNames: page, lastEvaluatedTableName: names.count > limit ? page.last : nil)
    }

    public func updateTable(_ input: UpdateTableInput) async throws(DynamoError) -> UpdateTableOutput {
        let name = input.tableName
        let table = try await writer.submit { ctx throws(DynamoError) -> TableInfo in
            var table = try ctx.table(name)
            if let spec = input.streamSpecification {
                do {
                    if spec.streamEnabled {
                        guard let view = spec.streamViewType else {
                            throw DynamoError.validationException(
                                "One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true")
                        }
                        if table.streamEnabled {
                            throw DynamoError.validationException("Table already has an enabled stream: TableName: \(name)")
                        }
                        table.stream = try ctx.createStream(for: table, viewType: view)
                    } else {
                        guard var stream = table.stream, stream.enabled else {
                            throw DynamoError.validationException("Table does not have a stream enabled: TableName: \(name)")
                        }
                        try ctx.db.run("UPDATE streams SET disabled_at=? WHERE id=?", [.double(ctx.now), .int(stream.id)])
                        stream.disabledAt = ctx.now
                        table.stream = stream
                    }
                } catch let error as DynamoError {
                    throw error
                } catch {
                    throw .internalServerError("\(error)")
                }
                table.definition.streamSpecification = spec
                ctx.tables[name] = table
                ctx.catalogDirty = true
            }
            return table
        }
        return UpdateTableOutput(tableDescription: describe(table, status: "ACTIVE", itemCount: nil, size: nil))
    }

    public func updateTimeToLive(_ input: UpdateTimeToLiveInput) async throws(DynamoError) -> UpdateTimeToLiveOutput {
        let name = input.tableName, spec = input.timeToLiveSpecification
        if spec.attributeName.isEmpty || spec.attributeName.utf8.count > 255 {
            throw .validationException(
                "1 validation error detected: Value '\(spec.attributeName)' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length between 1 and 255")
        }
        try await writer.submit { ctx throws(DynamoError) in
            var table = try ctx.table(name)
            if spec.enabled, table.ttl?.enabled == true {
                throw .validationException("TimeToLive is already enabled")
            }
            if !spec.enabled, table.ttl?.enabled != true {
                throw .validationException("TimeToLive is already disabled")
            }
            do {
                try ctx.db.run(
                    "UPDATE tables SET ttl_attr=?, ttl_enabled=? WHERE name=?",
                    [.text(spec.attributeName), .int(spec.enabled ? 1 : 0), .text(name)])
            } catch {
                throw .internalServerError("\(error)")
            }
            table.ttl = spec
            ctx.tables[name] = table
            ctx.catalogDirty = true
            try ctx.refreshTTL(table)
        }
        return UpdateTimeToLiveOutput(timeToLiveSpecification: spec)
    }

    public func describeTimeToLive(_ input: DescribeTimeToLiveInput) async throws(DynamoError) -> DescribeTimeToLiveOutput {
        let t = try table(input.tableName)
        guard let ttl = t.ttl, ttl.enabled else {
            return DescribeTimeToLiveOutput(timeToLiveDescription: .init(timeToLiveStatus: "DISABLED"))
        }
        return DescribeTimeToLiveOutput(timeToLiveDescription: .init(timeToLiveStatus: "ENABLED", attributeName: ttl.attributeName))
    }

    func describe(_ t: TableInfo, status: String, itemCount: Int?, size: Int?) -> TableDescription {
        let region = configuration.region, account = configuration.accountId
        let tableArn = StreamNaming.tableArn(region: region, account: account, table: t.name)
        func indexes(_ global: Bool) -> [SecondaryIndexDescription]? {
            let list = t.indexes.filter { $0.isGlobal == global }
            guard !list.isEmpty else { return nil }
            return list.map {
                SecondaryIndexDescription(
                    indexName: $0.name, keySchema: $0.definition.keySchema, projection: $0.projection,
                    indexStatus: global ? "ACTIVE" : nil, indexArn: tableArn + "/index/" + $0.name)
            }
        }
        let stream = t.stream
        return TableDescription(
            tableName: t.name, tableArn: tableArn, tableId: "00000000-0000-0000-0000-" + Self.pad12(t.id),
            tableStatus: status, keySchema: t.definition.keySchema, attributeDefinitions: t.definition.attributeDefinitions,
            creationDateTime: t.created, itemCount: itemCount, tableSizeBytes: size,
            billingModeSummary: BillingModeSummary(billingMode: t.definition.billingMode ?? "PROVISIONED"),
            globalSecondaryIndexes: indexes(true), localSecondaryIndexes: indexes(false),
            streamSpecification: stream.flatMap { $0.enabled ? StreamSpecification(streamEnabled: true, streamViewType: $0.viewType) : nil },
            latestStreamLabel: stream?.label,
            latestStreamArn: stream.map { StreamNaming.streamArn(region: region, account: account, table: t.name, label: $0.label) })
    }

    static func pad12(_ n: Int64) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 12 - s.count)) + s
    }
}

extension WriteContext {
    /// Creates a new stream for `table` (a new label; earlier streams keep their records).
    func createStream(for table: TableInfo, viewType: StreamViewType) throws -> StreamInfo {
        var label = StreamNaming.label(epochSeconds: now)
        if let previous = table.stream, previous.label >= label {
            label = StreamNaming.label(epochSeconds: max(now, previous.created) + 0.001)
        }
        try db.run(
            "INSERT INTO streams(table_name, table_id, label, view_type, created, shard_count, key_schema) VALUES(?, ?, ?, ?, ?, ?, ?)",
            [.text(table.name), .int(table.id), .text(label), .text(viewType.rawValue), .double(now),
             .int(Int64(max(1, config.shardsPerStream))), .text(CatalogStore.encodeKeySchema(table.definition.keySchema))])
        return StreamInfo(
            id: db.lastInsertRowID, tableName: table.name, label: label, viewType: viewType, created: now, disabledAt: nil,
            shardCount: max(1, config.shardsPerStream), keySchema: table.definition.keySchema)
    }
}
