import DynamoAPI
import DynamoModel
import Testing
@testable import TableEngine

@Suite struct ItemOperationTests {
    @Test func putGetDeleteRoundTrip() async throws {
        let t = try TestEngine()
        try await t.createItemsTable()
        let item: Item = ["pk": s("a"), "sk": n(1), "title": s("hello"), "tags": .ss(["x", "y"]), "m": .m(["k": .l([.null, .bool(true)])]), "bin": .b([0, 1, 2])]
        let put = try await t.engine.putItem(PutItemInput(tableName: "items", item: item, returnValues: .allOld))
        #expect(put.attributes == nil)
        let got = try await t.engine.getItem(GetItemInput(tableName: "items", key: ["pk": s("a"), "sk": n(1)]))
        #expect(got.item == item)
        let projected = try await t.engine.getItem(GetItemInput(
            tableName: "items", key: ["pk": s("a"), "sk": n(1)], projectionExpression: "title, #m.k[1]",
            expressionAttributeNames: ["#m": "m"]))
        #expect(projected.item == ["title": s("hello"), "m": .m(["k": .l([.bool(true)])])])
        let replaced = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("a"), "sk": n(1)], returnValues: .allOld))
        #expect(replaced.attributes == item)
        let deleted = try await t.engine.deleteItem(DeleteItemInput(tableName: "items", key: ["pk": s("a"), "sk": n(1)], returnValues: .allOld))
        #expect(deleted.attributes == ["pk": s("a"), "sk": n(1)])
        let gone = try await t.engine.getItem(GetItemInput(tableName: "items", key: ["pk": s("a"), "sk": n(1)]))
        #expect(gone.item == nil)
        try t.reopen()
        let afterReopen = try await t.engine.getItem(GetItemInput(tableName: "items", key: ["pk": s("a"), "sk": n(1)]))
        #expect(afterReopen.item == nil)
    }

    @Test func conditions() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        let item: Item = ["pk": s("k"), "v": n(1)]
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: item, conditionExpression: "attribute_not_exists(pk)"))
        await expectError("ConditionalCheckFailedException", "The conditional request failed") {
            _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: item, conditionExpression: "attribute_not_exists(pk)"))
        }
        // ReturnValuesOnConditionCheckFailure=ALL_OLD puts the item into the exception
        do {
            _ = try await t.engine.deleteItem(DeleteItemInput(
                tableName: "simple", key: ["pk": s("k")], conditionExpression: "v = :two",
                expressionAttributeValues: [":two": n(2)], returnValuesOnConditionCheckFailure: .allOld))
            Issue.record("expected failure")
        } catch {
            guard case .conditionalCheckFailedException(_, let old) = error else { Issue.record("\(error)"); return }
            #expect(old == item)
        }
        _ = try await t.engine.deleteItem(DeleteItemInput(
            tableName: "simple", key: ["pk": s("k")], conditionExpression: "v = :one", expressionAttributeValues: [":one": n(1)]))
        #expect(try await t.engine.getItem(GetItemInput(tableName: "simple", key: ["pk": s("k")])).item == nil)
    }

    @Test func updateReturnValues() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        let key: Item = ["pk": s("u")]
        let created = try await t.engine.updateItem(UpdateItemInput(
            tableName: "simple", key: key, updateExpression: "SET c = :one, title = :t",
            expressionAttributeValues: [":one": n(1), ":t": s("x")], returnValues: .allNew))
        #expect(created.attributes == ["pk": s("u"), "c": n(1), "title": s("x")])
        let cases: [(ReturnValue, Item?)] = [
            (.updatedOld, ["c": n(1)]),
            (.updatedNew, ["c": n(4)]),
            (.allOld, ["pk": s("u"), "c": n(4), "title": s("x")]),
            (.allNew, ["pk": s("u"), "c": n(6), "title": s("x")]),
            (.none, nil),
        ]
        for (rv, expected) in cases {
            let out = try await t.engine.updateItem(UpdateItemInput(
                tableName: "simple", key: key, updateExpression: "ADD c :inc",
                expressionAttributeValues: [":inc": rv == .updatedOld ? n(2) : n(1)], returnValues: rv))
            #expect(out.attributes == expected, "\(rv)")
        }
        await expectError("ValidationException", "Cannot update attribute pk. This attribute is part of the key") {
            _ = try await t.engine.updateItem(UpdateItemInput(
                tableName: "simple", key: key, updateExpression: "SET pk = :v", expressionAttributeValues: [":v": s("z")]))
        }
        await expectError("ConditionalCheckFailedException") {
            _ = try await t.engine.updateItem(UpdateItemInput(
                tableName: "simple", key: ["pk": s("nope")], updateExpression: "SET a = :v",
                conditionExpression: "attribute_exists(pk)", expressionAttributeValues: [":v": s("z")]))
        }
        #expect(try await t.engine.getItem(GetItemInput(tableName: "simple", key: ["pk": s("nope")])).item == nil)
    }

    @Test(arguments: [
        ("missing key", ["v": AttributeValue.s("x")], "ValidationException", "Missing the key pk in the item"),
        ("wrong key type", ["pk": AttributeValue.n("1")], "ValidationException", "Type mismatch for key pk"),
        ("empty key", ["pk": AttributeValue.s("")], "ValidationException", "cannot contain an empty string value"),
        ("empty set", ["pk": AttributeValue.s("a"), "x": .ss([])], "ValidationException", "may not be empty"),
        ("bad number", ["pk": AttributeValue.s("a"), "x": .n("1e999")], "ValidationException", ""),
        ("too large", ["pk": AttributeValue.s("a"), "x": .s("<large>")], "ValidationException",
         "Item size has exceeded the maximum allowed size"),
    ] as [(String, Item, String, String)])
    func putValidation(_ name: String, _ item: Item, _ code: String, _ message: String) async throws {
        var item = item
        if item["x"] == .s("<large>") { item["x"] = .s(String(repeating: "x", count: 409_600)) }
        let t = try TestEngine()
        try await t.createSimpleTable()
        await expectError(code, message.isEmpty ? nil : message) {
            _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: item))
        }
    }

    @Test func requestValidation() async throws {
        let t = try TestEngine()
        try await t.createItemsTable()
        await expectError("ResourceNotFoundException", "Requested resource not found") {
            _ = try await t.engine.getItem(GetItemInput(tableName: "Items", key: ["pk": s("a")]))
        }
        await expectError("ValidationException", "The provided key element does not match the schema") {
            _ = try await t.engine.getItem(GetItemInput(tableName: "items", key: ["pk": s("a")]))
        }
        await expectError("ValidationException", "The provided key element does not match the schema") {
            _ = try await t.engine.getItem(GetItemInput(tableName: "items", key: ["pk": s("a"), "sk": n(1), "x": n(2)]))
        }
        await expectError("ValidationException", "ReturnValues can only be ALL_OLD or NONE") {
            _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("a"), "sk": n(1)], returnValues: .allNew))
        }
        await expectError("ValidationException", "Type mismatch for Index Key status") {
            _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("a"), "sk": n(1), "status": n(3)]))
        }
        await expectError("ValidationException") {
            _ = try await t.engine.putItem(PutItemInput(
                tableName: "items", item: ["pk": s("a"), "sk": n(1)], conditionExpression: "attribute_exists(#x)"))
        }
        await expectError("ValidationException", "Value provided in ExpressionAttributeValues unused") {
            _ = try await t.engine.putItem(PutItemInput(
                tableName: "items", item: ["pk": s("a"), "sk": n(1)], conditionExpression: "attribute_exists(pk)",
                expressionAttributeValues: [":unused": n(1)]))
        }
    }

    struct Task: Codable, Equatable {
        var pk: String
        var sk: Int
        var title: String
        var done: Bool
    }

    @Test func typedHelpers() async throws {
        let t = try TestEngine()
        try await t.createItemsTable()
        let service: any DynamoDBService = t.engine
        for i in 1...5 { try await service.put(Task(pk: "u1", sk: i, title: "t\(i)", done: i % 2 == 0), into: "items") }
        let got = try await service.get(Task.self, from: "items", key: ["pk": s("u1"), "sk": n(3)])
        #expect(got == Task(pk: "u1", sk: 3, title: "t3", done: false))
        let page = try await service.query(
            Task.self, from: "items", keyCondition: "pk = :p AND sk > :s", values: [":p": s("u1"), ":s": n(1)], limit: 2)
        #expect(page.items.map(\.sk) == [2, 3])
        #expect(page.lastEvaluatedKey == ["pk": s("u1"), "sk": n(3)])
        let all = try await service.queryAll(Task.self, from: "items", keyCondition: "pk = :p", values: [":p": s("u1")], forward: false)
        #expect(all.map(\.sk) == [5, 4, 3, 2, 1])
        let updated = try await service.update(
            Task.self, in: "items", key: ["pk": s("u1"), "sk": n(1)], update: "SET done = :d", values: [":d": .bool(true)])
        #expect(updated.done)
        let removed = try await service.delete(Task.self, from: "items", key: ["pk": s("u1"), "sk": n(1)])
        #expect(removed?.sk == 1)
        #expect(try await service.get(Task.self, from: "items", key: ["pk": s("u1"), "sk": n(1)]) == nil)
    }
}
