import DynamoAPI
import DynamoModel
import Testing
@testable import TableEngine

/// The size limits of batches and transactions (16 MB BatchGetItem response, 4 MB transactions) with
/// items near the 400 KB item limit. Each test writes 20 MB at most.
@Suite(.timeLimit(.minutes(5))) struct SizeLimitTests {
    static let big = 400_000

    func fill(_ t: TestEngine, count: Int) async throws -> [Item] {
        let names = (0..<count).map { "k\($0)" }
        let keys = names.map { ["pk": s($0)] as Item }
        for start in stride(from: 0, to: count, by: 25) {
            let requests = names[start..<min(count, start + 25)].map { WriteRequest.put(sized($0, Self.big)) }
            let out = try await t.engine.batchWriteItem(BatchWriteItemInput(requestItems: ["simple": Array(requests)]))
            #expect(out.unprocessedItems.isEmpty)  // no throttling in the engine: everything is processed
        }
        return keys
    }

    /// 50 items of 400,000 B = 20 MB: 41 fit in 16 MB (16,400,000 ≤ 16,777,216), the other 9 come back unprocessed,
    /// with the request's ProjectionExpression and ConsistentRead, and a second call reads them.
    @Test func batchGetSpillsPast16MB() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        let keys = try await fill(t, count: 50)
        let first = try await t.engine.batchGetItem(BatchGetItemInput(
            requestItems: ["simple": KeysAndAttributes(keys: keys, consistentRead: true)], returnConsumedCapacity: .total))
        let got = first.responses["simple"] ?? []
        let left = try #require(first.unprocessedKeys["simple"])
        #expect(got.count == 41)
        #expect(left.keys.count == 9)
        #expect(left.consistentRead == true)
        // Only the keys read are charged: 41 × (400,000 B → 392 KB → 98 units).
        let units = try #require(first.consumedCapacity?.first?.capacityUnits)
        #expect(units == Double(41 * 98), "\(units - 4018)")
        let second = try await t.engine.batchGetItem(BatchGetItemInput(requestItems: ["simple": left]))
        #expect(second.unprocessedKeys.isEmpty)
        let all = (got + (second.responses["simple"] ?? [])).compactMap { $0["pk"] }
        #expect(Set(all) == Set(keys.compactMap { $0["pk"] }))
    }

    /// The aggregate size of a transaction's items may not pass 4 MB (4,194,304 B): 10 × 400,000 B pass, 11 do not.
    @Test func transactionsStopAt4MB() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        let eleven = (0..<11).map { TransactWriteItem(put: TransactPut(tableName: "simple", item: sized("t\($0)", Self.big))) }
        await expectError("ValidationException", "4 MB") {
            _ = try await t.engine.transactWriteItems(TransactWriteItemsInput(transactItems: eleven))
        }
        #expect(try await t.engine.scan(ScanInput(tableName: "simple", select: .count)).count == 0)
        _ = try await t.engine.transactWriteItems(TransactWriteItemsInput(transactItems: Array(eleven.prefix(10))))
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: sized("t10", Self.big)))
        let gets = (0..<11).map { TransactGetItem(get: TransactGet(tableName: "simple", key: ["pk": s("t\($0)")])) }
        await expectError("ValidationException", "4 MB") {
            _ = try await t.engine.transactGetItems(TransactGetItemsInput(transactItems: gets))
        }
        #expect(try await t.engine.transactGetItems(TransactGetItemsInput(transactItems: Array(gets.prefix(10)))).responses.count == 10)
        // Updates count by the larger of their before and after images, ConditionChecks by the item checked:
        // 10 × 409,004 B + 400,000 B = 4,490,040 B.
        let grow = (0..<10).map { i in
            TransactWriteItem(update: TransactUpdate(
                tableName: "simple", key: ["pk": s("t\(i)")], updateExpression: "SET more = :m",
                expressionAttributeValues: [":m": .s(String(repeating: "y", count: 9_000))]))
        } + [TransactWriteItem(conditionCheck: TransactCondition(
            tableName: "simple", key: ["pk": s("t10")], conditionExpression: "attribute_exists(pk)"))]
        await expectError("ValidationException", "4 MB") {
            _ = try await t.engine.transactWriteItems(TransactWriteItemsInput(transactItems: grow))
        }
        let stored = try await t.engine.getItem(GetItemInput(tableName: "simple", key: ["pk": s("t0")]))
        #expect(stored.item?["more"] == nil)
    }

    /// BatchWriteItem checks each item against the 400 KB limit before writing anything.
    @Test func batchWriteRejectsAnItemOver400KB() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        await expectError("ValidationException", "Item size has exceeded the maximum allowed size") {
            _ = try await t.engine.batchWriteItem(BatchWriteItemInput(requestItems: [
                "simple": [.put(sized("ok", 100)), .put(sized("huge", 409_601))],
            ]))
        }
        #expect(try await t.engine.scan(ScanInput(tableName: "simple", select: .count)).count == 0)
    }
}
