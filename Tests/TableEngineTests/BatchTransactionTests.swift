import DynamoAPI
import DynamoModel
import Testing
@testable import TableEngine

@Suite struct BatchTransactionTests {
    @Test func batchWriteAndGet() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        try await t.createSimpleTable("other")
        let puts = (0..<20).map { WriteRequest.put(["pk": s("k\($0)"), "v": n($0)]) }
        let out = try await t.engine.batchWriteItem(BatchWriteItemInput(requestItems: [
            "simple": puts, "other": [.put(["pk": s("o")]), .delete(["pk": s("missing")])],
        ]))
        #expect(out.unprocessedItems.isEmpty)
        let got = try await t.engine.batchGetItem(BatchGetItemInput(requestItems: [
            "simple": KeysAndAttributes(keys: (0..<5).map { ["pk": s("k\($0)")] } + [["pk": s("none")]], projectionExpression: "v"),
            "other": KeysAndAttributes(keys: [["pk": s("o")]]),
        ]))
        #expect(Set(got.responses["simple"] ?? []) == Set((0..<5).map { ["v": n($0)] as Item }))
        #expect(got.responses["other"] == [["pk": s("o")]])
        #expect(got.unprocessedKeys.isEmpty)
    }

    @Test func batchLimitsAndDuplicates() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        await expectError("ValidationException", "Member must have length less than or equal to 25") {
            _ = try await t.engine.batchWriteItem(BatchWriteItemInput(requestItems: [
                "simple": (0..<26).map { WriteRequest.put(["pk": s("k\($0)")]) },
            ]))
        }
        await expectError("ValidationException", "Provided list of item keys contains duplicates") {
            _ = try await t.engine.batchWriteItem(BatchWriteItemInput(requestItems: [
                "simple": [.put(["pk": s("a")]), .delete(["pk": s("a")])],
            ]))
        }
        await expectError("ValidationException", "Too many items requested for the BatchGetItem call") {
            _ = try await t.engine.batchGetItem(BatchGetItemInput(requestItems: [
                "simple": KeysAndAttributes(keys: (0..<101).map { ["pk": s("k\($0)")] }),
            ]))
        }
        await expectError("ValidationException", "Provided list of item keys contains duplicates") {
            _ = try await t.engine.batchGetItem(BatchGetItemInput(requestItems: [
                "simple": KeysAndAttributes(keys: [["pk": s("a")], ["pk": s("a")]]),
            ]))
        }
        await expectError("ResourceNotFoundException") {
            _ = try await t.engine.batchWriteItem(BatchWriteItemInput(requestItems: ["nope": [.put(["pk": s("a")])]]))
        }
    }

    @Test func transactionsAreAllOrNothing() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable(stream: .newAndOldImages)
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("acct"), "balance": n(10)]))
        let ok = TransactWriteItemsInput(transactItems: [
            .init(update: .init(
                tableName: "simple", key: ["pk": s("acct")], updateExpression: "SET balance = balance - :a",
                conditionExpression: "balance >= :a", expressionAttributeValues: [":a": n(4)])),
            .init(put: .init(tableName: "simple", item: ["pk": s("order1")], conditionExpression: "attribute_not_exists(pk)")),
            .init(conditionCheck: .init(tableName: "simple", key: ["pk": s("blocked")], conditionExpression: "attribute_not_exists(pk)")),
        ])
        _ = try await t.engine.transactWriteItems(ok)
        #expect(try await t.engine.getItem(GetItemInput(tableName: "simple", key: ["pk": s("acct")])).item?["balance"] == n(6))
        let failing = TransactWriteItemsInput(transactItems: [
            .init(put: .init(tableName: "simple", item: ["pk": s("order2")])),
            .init(delete: .init(tableName: "simple", key: ["pk": s("order1")], conditionExpression: "attribute_not_exists(pk)",
                                returnValuesOnConditionCheckFailure: .allOld)),
        ])
        do {
            _ = try await t.engine.transactWriteItems(failing)
            Issue.record("expected cancellation")
        } catch {
            guard case .transactionCanceledException(let message, let reasons) = error else { Issue.record("\(error)"); return }
            #expect(message == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]")
            #expect(reasons.map(\.code) == ["None", "ConditionalCheckFailed"])
            #expect(reasons[1].item == ["pk": s("order1")])
        }
        #expect(try await t.engine.getItem(GetItemInput(tableName: "simple", key: ["pk": s("order2")])).item == nil)
        // stream: 1 INSERT for acct, MODIFY for acct, INSERT order1, nothing from the cancelled one
        let records = try t.allRecords("simple").flatMap { $0 }
        #expect(records.count == 3)
        let got = try await t.engine.transactGetItems(TransactGetItemsInput(transactItems: [
            .init(get: .init(tableName: "simple", key: ["pk": s("order1")])),
            .init(get: .init(tableName: "simple", key: ["pk": s("missing")])),
            .init(get: .init(tableName: "simple", key: ["pk": s("acct")], projectionExpression: "balance")),
        ]))
        #expect(got.responses == [ItemResponse(item: ["pk": s("order1")]), ItemResponse(item: nil), ItemResponse(item: ["balance": n(6)])])
    }

    @Test func transactionValidationAndIdempotency() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        await expectError("ValidationException", "Transaction request cannot include multiple operations on one item") {
            _ = try await t.engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
                .init(put: .init(tableName: "simple", item: ["pk": s("a")])),
                .init(conditionCheck: .init(tableName: "simple", key: ["pk": s("a")], conditionExpression: "attribute_exists(pk)")),
            ]))
        }
        await expectError("ValidationException", "Member must have length less than or equal to 100") {
            _ = try await t.engine.transactWriteItems(TransactWriteItemsInput(
                transactItems: (0..<101).map { .init(put: .init(tableName: "simple", item: ["pk": s("k\($0)")])) }))
        }
        let counter = TransactWriteItemsInput(transactItems: [
            .init(update: .init(tableName: "simple", key: ["pk": s("c")], updateExpression: "ADD n :one",
                                expressionAttributeValues: [":one": n(1)])),
        ], clientRequestToken: "token-1")
        _ = try await t.engine.transactWriteItems(counter)
        _ = try await t.engine.transactWriteItems(counter)  // same token, same request: not applied again
        #expect(try await t.engine.getItem(GetItemInput(tableName: "simple", key: ["pk": s("c")])).item?["n"] == n(1))
        var other = counter
        other.transactItems[0].update?.expressionAttributeValues = [":one": n(2)]
        await expectError("IdempotentParameterMismatchException") { _ = try await t.engine.transactWriteItems(other) }
        t.clock.advance(by: 601)
        _ = try await t.engine.transactWriteItems(counter)  // the token expired: applied again
        #expect(try await t.engine.getItem(GetItemInput(tableName: "simple", key: ["pk": s("c")])).item?["n"] == n(2))
    }
}
