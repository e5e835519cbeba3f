import DynamoAPI
import DynamoModel
import Testing
@testable import TableEngine

/// An item of `simple` (key `pk`) whose DynamoDB size is exactly `size` bytes: `pk` + its value + `filler` + fillerding.
func sized(_ pk: String, _ size: Int) -> Item {
    let fixed = "pk".utf8.count + pk.utf8.count + "filler".utf8.count
    return ["pk": .s(pk), "filler": .s(String(repeating: "x", count: size - fixed))]
}

/// `ReturnConsumedCapacity` figures compared with what DynamoDB's documented rules give for items of
/// chosen sizes (the rules are listed in `CapacityRules`; every expected figure is worked out in its row).
@Suite struct CapacityTests {
    /// GetItem: the item's size rounded up to 4 KB; half a unit per 4 KB eventually consistent; a missing item costs the minimum.
    static let getRows: [(size: Int?, consistent: Bool, units: Double)] = [
        (100, false, 0.5),      // 4 KB → 1 unit, eventually consistent ½
        (100, true, 1),         // 4 KB → 1
        (4096, true, 1),        // exactly 4 KB → 1
        (4097, true, 2),        // 8 KB → 2
        (10 * 1024, false, 1.5),  // 10 KB → 12 KB → 3 units, ½ → 1.5
        (nil, false, 0.5),      // no such item: still ½
        (nil, true, 1),         // no such item, strongly consistent: 1
    ]

    @Test(arguments: getRows.indices) func getItem(row: Int) async throws {
        let (size, consistent, units) = Self.getRows[row]
        let t = try TestEngine()
        try await t.createSimpleTable()
        if let size {
            let item = sized("a", size)
            #expect(ItemSize.of(item) == size)
            _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: item))
        }
        let out = try await t.engine.getItem(GetItemInput(
            tableName: "simple", key: ["pk": s("a")], consistentRead: consistent, returnConsumedCapacity: .total))
        #expect(out.consumedCapacity == ConsumedCapacity(tableName: "simple", capacityUnits: units, readCapacityUnits: units))
    }

    /// Writes: the larger of the old and new item, rounded up to 1 KB, at least one unit.
    static let writeRows: [(operation: String, old: Int?, new: Int?, units: Double)] = [
        ("put", nil, 100, 1),      // new 100 B → 1 KB → 1
        ("put", nil, 1024, 1),     // exactly 1 KB → 1
        ("put", nil, 1025, 2),     // 2 KB → 2
        ("put", 3000, 500, 3),     // larger image 3000 B → 3 KB → 3
        ("update", 900, 1500, 2),  // larger image 1500 B → 2
        ("delete", 2500, nil, 3),  // deleted item 2500 B → 3
        ("delete", nil, nil, 1),   // nothing to delete: still 1
    ]

    @Test(arguments: writeRows.indices) func writes(row: Int) async throws {
        let (operation, old, new, units) = Self.writeRows[row]
        let t = try TestEngine()
        try await t.createSimpleTable()
        if let old { _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: sized("a", old))) }
        let consumed: ConsumedCapacity?
        switch operation {
        case "put":
            consumed = try await t.engine.putItem(PutItemInput(
                tableName: "simple", item: sized("a", new!), returnConsumedCapacity: .total)).consumedCapacity
        case "update":
            let filler = String(repeating: "y", count: new! - ("pk".utf8.count + 1 + "filler".utf8.count))
            consumed = try await t.engine.updateItem(UpdateItemInput(
                tableName: "simple", key: ["pk": s("a")], updateExpression: "SET filler = :p",
                expressionAttributeValues: [":p": .s(filler)], returnConsumedCapacity: .total)).consumedCapacity
        default:
            consumed = try await t.engine.deleteItem(DeleteItemInput(
                tableName: "simple", key: ["pk": s("a")], returnConsumedCapacity: .total)).consumedCapacity
        }
        #expect(consumed == ConsumedCapacity(tableName: "simple", capacityUnits: units, writeCapacityUnits: units))
    }

    @Test func noneOrAbsentReturnsNothing() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        let put = try await t.engine.putItem(PutItemInput(tableName: "simple", item: sized("a", 100), returnConsumedCapacity: ReturnConsumedCapacity.none))
        #expect(put.consumedCapacity == nil)
        #expect(try await t.engine.getItem(GetItemInput(tableName: "simple", key: ["pk": s("a")])).consumedCapacity == nil)
    }

    /// Query and Scan add the sizes of the items read (before the filter) and round the sum up once.
    @Test func queryAndScanSumBeforeRounding() async throws {
        let t = try TestEngine()
        try await t.createItemsTable(stream: nil)
        for i in 0..<10 {
            // 1000 bytes each: pk(2)+"p"(1) + sk(2)+n(2) + filler(3)+990
            let item: Item = ["pk": s("p"), "sk": n(i + 1), "filler": .s(String(repeating: "x", count: 987))]
            #expect(ItemSize.of(item) == 1000)
            _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: item))
        }
        // 10 × 1000 B = 10,000 B → 12 KB → 3 units (per item it would be 10 × 1 = 10); eventually consistent 1.5.
        let query = QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p", filterExpression: "filler = :none",
            expressionAttributeValues: [":p": s("p"), ":none": s("nothing matches")], returnConsumedCapacity: .total)
        let eventual = try await t.engine.query(query)
        #expect(eventual.count == 0)
        #expect(eventual.consumedCapacity == ConsumedCapacity(tableName: "items", capacityUnits: 1.5, readCapacityUnits: 1.5))
        var strong = query
        strong.consistentRead = true
        #expect(try await t.engine.query(strong).consumedCapacity?.capacityUnits == 3)
        // An empty result still costs the minimum.
        let empty = try await t.engine.query(QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("none")],
            returnConsumedCapacity: .total))
        #expect(empty.consumedCapacity?.capacityUnits == 0.5)
        let scan = try await t.engine.scan(ScanInput(tableName: "items", consistentRead: true, returnConsumedCapacity: .indexes))
        #expect(scan.consumedCapacity == ConsumedCapacity(
            tableName: "items", capacityUnits: 3, readCapacityUnits: 3, table: Capacity(capacityUnits: 3, readCapacityUnits: 3)))
    }

    /// Batch operations answer one entry per table; each item is rounded up on its own.
    @Test func batchesPerTable() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        try await t.createSimpleTable("other")
        // 100 B → 1, 2000 B → 2 in `simple`; 1 in `other`.
        let write = try await t.engine.batchWriteItem(BatchWriteItemInput(
            requestItems: ["simple": [.put(sized("a", 1536)), .put(sized("b", 6656)), .put(sized("c", 100))],
                           "other": [.put(sized("o", 100))]],
            returnConsumedCapacity: .total))
        // 1536 B → 2, 6656 B → 7, 100 B → 1: 10 units in `simple`.
        #expect(Set(write.consumedCapacity ?? []) == [
            ConsumedCapacity(tableName: "simple", capacityUnits: 10, writeCapacityUnits: 10),
            ConsumedCapacity(tableName: "other", capacityUnits: 1, writeCapacityUnits: 1),
        ])
        // The developer guide's example: 1.5 KB and 6.5 KB read in one batch = 4 KB + 8 KB = 3 units strongly consistent.
        // A missing key costs 1 more; `other` eventually consistent: ½.
        let read = try await t.engine.batchGetItem(BatchGetItemInput(
            requestItems: ["simple": KeysAndAttributes(keys: [["pk": s("a")], ["pk": s("b")], ["pk": s("zz")]], consistentRead: true),
                           "other": KeysAndAttributes(keys: [["pk": s("o")]])],
            returnConsumedCapacity: .total))
        #expect(Set(read.consumedCapacity ?? []) == [
            ConsumedCapacity(tableName: "simple", capacityUnits: 4, readCapacityUnits: 4),
            ConsumedCapacity(tableName: "other", capacityUnits: 0.5, readCapacityUnits: 0.5),
        ])
    }

    /// Transactions cost twice: reads 2 units per 4 KB, writes 2 per 1 KB (ConditionChecks included).
    @Test func transactionsCostTwice() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: sized("c", 100)))
        let write = try await t.engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
            .init(put: TransactPut(tableName: "simple", item: sized("a", 1500))),  // 2 KB → 2 × 2 = 4
            .init(conditionCheck: TransactCondition(tableName: "simple", key: ["pk": s("c")], conditionExpression: "attribute_exists(pk)")),  // 1 × 2 = 2
        ], returnConsumedCapacity: .total))
        #expect(write.consumedCapacity == [ConsumedCapacity(tableName: "simple", capacityUnits: 6, writeCapacityUnits: 6)])
        // The same request again with a token: first the writes (2 KB × 2 = 4), then, replayed, the reads of the item (4 KB → 1).
        let once = TransactWriteItemsInput(
            transactItems: [.init(put: TransactPut(tableName: "simple", item: sized("d", 1500)))], clientRequestToken: "token-1",
            returnConsumedCapacity: .total)
        #expect(try await t.engine.transactWriteItems(once).consumedCapacity
            == [ConsumedCapacity(tableName: "simple", capacityUnits: 4, writeCapacityUnits: 4)])
        #expect(try await t.engine.transactWriteItems(once).consumedCapacity
            == [ConsumedCapacity(tableName: "simple", capacityUnits: 1, readCapacityUnits: 1)])
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: sized("b", 5000)))
        let read = try await t.engine.transactGetItems(TransactGetItemsInput(transactItems: [
            .init(get: TransactGet(tableName: "simple", key: ["pk": s("c")])),  // 4 KB → 1 × 2 = 2
            .init(get: TransactGet(tableName: "simple", key: ["pk": s("b")])),  // 8 KB → 2 × 2 = 4
        ], returnConsumedCapacity: .total))
        #expect(read.consumedCapacity == [ConsumedCapacity(tableName: "simple", capacityUnits: 6, readCapacityUnits: 6)])
    }

    /// INDEXES: the table's part and one entry per index written; an index key change costs a delete and a put.
    @Test func indexesPerIndexTouched() async throws {
        let t = try TestEngine()
        try await t.createItemsTable(stream: nil)
        func units(_ g: [String: Double], _ l: [String: Double], table: Double) -> ConsumedCapacity {
            let total = table + g.values.reduce(0, +) + l.values.reduce(0, +)
            return ConsumedCapacity(
                tableName: "items", capacityUnits: total, writeCapacityUnits: total,
                table: Capacity(capacityUnits: table, writeCapacityUnits: table),
                globalSecondaryIndexes: g.isEmpty ? nil : g.mapValues { Capacity(capacityUnits: $0, writeCapacityUnits: $0) },
                localSecondaryIndexes: l.isEmpty ? nil : l.mapValues { Capacity(capacityUnits: $0, writeCapacityUnits: $0) })
        }
        let key: Item = ["pk": s("p"), "sk": n(1)]
        // A new item in all three indexes: table 1 + one put per index.
        let put = try await t.engine.putItem(PutItemInput(
            tableName: "items", item: key.merging(["status": s("open"), "owner": s("ann"), "title": s("t")]) { a, _ in a },
            returnConsumedCapacity: .indexes))
        #expect(put.consumedCapacity == units(["byStatus": 1, "byOwner": 1], ["byTitle": 1], table: 1))
        // The byStatus key changes: delete + put there; byOwner (KEYS_ONLY) untouched; byTitle (ALL) rewritten once.
        let move = try await t.engine.updateItem(UpdateItemInput(
            tableName: "items", key: key, updateExpression: "SET #s = :s", expressionAttributeNames: ["#s": "status"],
            expressionAttributeValues: [":s": s("done")], returnConsumedCapacity: .indexes))
        #expect(move.consumedCapacity == units(["byStatus": 2], ["byTitle": 1], table: 1))
        // An attribute projected only into byTitle.
        let note = try await t.engine.updateItem(UpdateItemInput(
            tableName: "items", key: key, updateExpression: "SET note = :n", expressionAttributeValues: [":n": s("x")],
            returnConsumedCapacity: .indexes))
        #expect(note.consumedCapacity == units([:], ["byTitle": 1], table: 1))
        // Removing the owner takes the item out of byOwner: one delete there.
        let remove = try await t.engine.updateItem(UpdateItemInput(
            tableName: "items", key: key, updateExpression: "REMOVE #o", expressionAttributeNames: ["#o": "owner"],
            returnConsumedCapacity: .indexes))
        #expect(remove.consumedCapacity == units(["byOwner": 1], ["byTitle": 1], table: 1))
        // TOTAL: the same total without the parts.
        let total = try await t.engine.deleteItem(DeleteItemInput(tableName: "items", key: key, returnConsumedCapacity: .total))
        #expect(total.consumedCapacity == ConsumedCapacity(tableName: "items", capacityUnits: 3, writeCapacityUnits: 3))
        // A Query of a GSI is charged to the index.
        let query = try await t.engine.query(QueryInput(
            tableName: "items", indexName: "byStatus", keyConditionExpression: "#s = :s", expressionAttributeNames: ["#s": "status"],
            expressionAttributeValues: [":s": s("open")], returnConsumedCapacity: .indexes))
        #expect(query.consumedCapacity == ConsumedCapacity(
            tableName: "items", capacityUnits: 0.5, readCapacityUnits: 0.5, table: Capacity(capacityUnits: 0, readCapacityUnits: 0),
            globalSecondaryIndexes: ["byStatus": Capacity(capacityUnits: 0.5, readCapacityUnits: 0.5)]))
    }
}
