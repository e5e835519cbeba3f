import DynamoAPI
import DynamoModel
import Testing
@testable import TableEngine

/// Cached key condition shapes bind each request's values to what a fresh parse gives, and step aside
/// (nil) whenever the parse could answer differently.
@Suite struct KeyConditionCacheTests {
    static let schema = KeySchema(partitionKey: .init(name: "pk", type: .s), sortKey: .init(name: "sk", type: .s))

    func parsed(_ text: String, names: [String: String]? = nil, values: Item) throws -> KeyConditionExpression {
        try RequestExpressions(keyCondition: text, keySchema: Self.schema, names: names, values: values).keyCondition!
    }

    func equal(_ a: KeyConditionExpression?, _ b: KeyConditionExpression) -> Bool {
        guard let a else { return false }
        return a.partitionKeyName == b.partitionKeyName && a.partitionKeyValue == b.partitionKeyValue
            && a.sortKeyName == b.sortKeyName && a.sortKeyCondition == b.sortKeyCondition
    }

    @Test(arguments: [
        "pk = :p", "pk = :p AND sk = :s", "#k = :p AND sk < :s", ":p = pk AND sk <= :s", "pk = :p AND sk > :s",
        "pk = :p AND sk >= :s", "pk = :p AND begins_with(sk, :s)", "(sk >= :s) AND (pk = :p)",
    ])
    func boundValuesAreWhatAFreshParseGives(_ text: String) throws {
        let cache = KeyConditionCache()
        let names: [String: String]? = text.contains("#k") ? ["#k": "pk"] : nil
        func values(_ p: String, _ s: String) -> Item {
            text.contains(":s") ? [":p": .s(p), ":s": .s(s)] : [":p": .s(p)]
        }
        let first = values("USER#a", "TASK#1")
        #expect(cache.bound(text, schema: Self.schema, names: names, values: first) == nil)
        cache.remember(try parsed(text, names: names, values: first), text: text, schema: Self.schema, names: names, values: first)
        for (p, s) in [("USER#a", "TASK#1"), ("USER#b", "TASK#"), ("x", "y")] {
            let next = values(p, s)
            #expect(equal(cache.bound(text, schema: Self.schema, names: names, values: next), try parsed(text, names: names, values: next)))
        }
    }

    @Test func anythingTheParseCouldAnswerDifferentlyIsNotBound() throws {
        let cache = KeyConditionCache()
        let text = "pk = :p AND sk = :s"
        let values: Item = [":p": .s("a"), ":s": .s("b")]
        cache.remember(try parsed(text, values: values), text: text, schema: Self.schema, names: nil, values: values)
        // Another type (the parse rejects it), an invalid value, other placeholders, names or schema.
        #expect(cache.bound(text, schema: Self.schema, names: nil, values: [":p": .s("a"), ":s": .n("1")]) == nil)
        #expect(cache.bound(text, schema: Self.schema, names: nil, values: [":p": .s("a"), ":s": .ss([])]) == nil)
        #expect(cache.bound(text, schema: Self.schema, names: nil, values: [":p": .s("a"), ":s": .s("b"), ":x": .s("c")]) == nil)
        #expect(cache.bound(text, schema: Self.schema, names: ["#x": "y"], values: values) == nil)
        #expect(cache.bound(text, schema: Self.schema, names: nil, values: nil) == nil)
        let other = KeySchema(partitionKey: .init(name: "pk", type: .s), sortKey: .init(name: "sk", type: .n))
        #expect(cache.bound(text, schema: other, names: nil, values: values) == nil)
        #expect(cache.bound("pk = :p AND sk = :s ", schema: Self.schema, names: nil, values: values) == nil)
    }

    @Test func ambiguousValuesAndBetweenAreNotRemembered() throws {
        let cache = KeyConditionCache()
        let same: Item = [":p": .s("a"), ":s": .s("a")]
        cache.remember(try parsed("pk = :p AND sk = :s", values: same), text: "pk = :p AND sk = :s", schema: Self.schema, names: nil, values: same)
        #expect(cache.bound("pk = :p AND sk = :s", schema: Self.schema, names: nil, values: [":p": .s("b"), ":s": .s("c")]) == nil)
        let between: Item = [":p": .s("a"), ":lo": .s("b"), ":hi": .s("c")]
        let text = "pk = :p AND sk BETWEEN :lo AND :hi"
        cache.remember(try parsed(text, values: between), text: text, schema: Self.schema, names: nil, values: between)
        #expect(cache.bound(text, schema: Self.schema, names: nil, values: between) == nil)
    }

    @Test func engineQueriesAnswerAndFailAsWithoutTheCache() async throws {
        let t = try TestEngine()
        try await t.createItemsTable(stream: nil)
        for i in 0..<5 {
            _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("p\(i % 2)"), "sk": n(i)]))
        }
        func query(_ values: Item) async -> Result<[Item], DynamoError> {
            do throws(DynamoError) {
                let out = try await t.engine.query(QueryInput(
                    tableName: "items", keyConditionExpression: "pk = :p AND sk >= :s", expressionAttributeValues: values))
                return .success(out.items ?? [])
            } catch {
                return .failure(error)
            }
        }
        let bad = await query([":p": s("p0"), ":s": s("1")])  // before anything is cached
        #expect(try (await query([":p": s("p0"), ":s": n(1)])).get().map { $0["sk"] } == [n(2), n(4)])
        #expect(try (await query([":p": s("p1"), ":s": n(0)])).get().map { $0["sk"] } == [n(1), n(3)])
        #expect(try (await query([":p": s("p1"), ":s": n(2)])).get().map { $0["sk"] } == [n(3)])
        #expect(await query([":p": s("p0"), ":s": s("1")]) == bad)  // after: the same error
        guard case .failure(let error) = bad else { Issue.record("expected a type error"); return }
        #expect(error.message.contains("Condition parameter type does not match schema type"))
        #expect(await query([":p": s("p0"), ":s": .n("x1")]) != .success([]))
    }
}
