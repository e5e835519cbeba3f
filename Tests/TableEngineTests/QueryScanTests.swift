import DynamoAPI
import DynamoModel
import Testing
@testable import TableEngine

@Suite struct QueryScanTests {
    /// pk "p" with numeric sort keys (negative, fractional, large) and string-sorted data.
    func seeded() async throws -> TestEngine {
        let t = try TestEngine()
        try await t.createItemsTable()
        let sks = ["-100", "-1.5", "0", "1", "2", "10", "1e3", "12345678901234567890"]
        for (i, sk) in sks.enumerated() {
            var item: Item = ["pk": s("p"), "sk": .n(sk), "title": s("t\(sks.count - i)"), "body": s("b\(i)")]
            if i % 2 == 0 { item["status"] = s("open") }
            if i < 3 { item["owner"] = s("ann") }
            _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: item))
        }
        _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("q"), "sk": n(1)]))
        return t
    }

    func sks(_ out: QueryOutput) -> [String] {
        (out.items ?? []).compactMap { if case .n(let v)? = $0["sk"] { v } else { nil } }
    }

    @Test func numericOrderAndDirection() async throws {
        let t = try await seeded()
        let forward = try await t.engine.query(QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p")]))
        // Stored as "1e3", returned normalised as DynamoDB does.
        #expect(sks(forward) == ["-100", "-1.5", "0", "1", "2", "10", "1000", "12345678901234567890"])
        #expect(forward.count == 8 && forward.scannedCount == 8 && forward.lastEvaluatedKey == nil)
        let backward = try await t.engine.query(QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p")],
            scanIndexForward: false))
        #expect(sks(backward) == sks(forward).reversed())
    }

    @Test(arguments: [
        ("sk = :a", ["0"]),
        ("sk < :a", ["-100", "-1.5"]),
        ("sk <= :a", ["-100", "-1.5", "0"]),
        ("sk > :a", ["1", "2", "10", "1000", "12345678901234567890"]),
        ("sk >= :a", ["0", "1", "2", "10", "1000", "12345678901234567890"]),
        ("sk BETWEEN :a AND :b", ["0", "1", "2", "10"]),
    ])
    func sortKeyConditions(_ condition: String, _ expected: [String]) async throws {
        let t = try await seeded()
        var values: Item = [":p": s("p"), ":a": n(0)]
        if condition.contains(":b") { values[":b"] = n(10) }
        let out = try await t.engine.query(QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p AND " + condition, expressionAttributeValues: values))
        #expect(sks(out) == expected)
    }

    @Test func paginationLimitFilterCount() async throws {
        let t = try await seeded()
        var start: Item? = nil
        var seen: [String] = []
        var pages = 0
        repeat {
            let out = try await t.engine.query(QueryInput(
                tableName: "items", keyConditionExpression: "pk = :p", filterExpression: "attribute_exists(#s)",
                expressionAttributeNames: ["#s": "status"], expressionAttributeValues: [":p": s("p")], limit: 3,
                exclusiveStartKey: start))
            #expect(out.scannedCount <= 3)
            #expect(out.count == (out.items ?? []).count)
            seen += sks(out)
            start = out.lastEvaluatedKey
            pages += 1
        } while start != nil
        #expect(seen == ["-100", "0", "2", "1000"])
        #expect(pages == 3)  // 3 + 3 + 2 items, the last page has no LastEvaluatedKey
        let count = try await t.engine.query(QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p", filterExpression: "body >= :z",
            expressionAttributeValues: [":p": s("p"), ":z": s("b3")], select: .count))
        #expect(count.items == nil && count.count == 5 && count.scannedCount == 8)
    }

    @Test func beginsWithOnStrings() async throws {
        let t = try TestEngine()
        _ = try await t.engine.createTable(CreateTableInput(
            tableName: "strs", keySchema: [.init(attributeName: "pk", keyType: .hash), .init(attributeName: "sk", keyType: .range)],
            attributeDefinitions: [.init(attributeName: "pk", attributeType: .s), .init(attributeName: "sk", attributeType: .s)]))
        for sk in ["a", "ab", "abc", "abd", "b", "a\u{0}x", "é"] {
            _ = try await t.engine.putItem(PutItemInput(tableName: "strs", item: ["pk": s("p"), "sk": s(sk)]))
        }
        let out = try await t.engine.query(QueryInput(
            tableName: "strs", keyConditionExpression: "pk = :p AND begins_with(sk, :x)",
            expressionAttributeValues: [":p": s("p"), ":x": s("ab")]))
        #expect((out.items ?? []).map { $0["sk"] } == [s("ab"), s("abc"), s("abd")])
        let all = try await t.engine.query(QueryInput(
            tableName: "strs", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p")]))
        #expect((all.items ?? []).map { $0["sk"] } == [s("a"), s("a\u{0}x"), s("ab"), s("abc"), s("abd"), s("b"), s("é")])
    }

    @Test func pageLimitIsMeasuredBeforeTheFilter() async throws {
        let t = try TestEngine()
        try await t.createItemsTable(stream: nil)
        let big = String(repeating: "x", count: 100_000)
        for i in 0..<25 {
            _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("p"), "sk": n(i), "big": s(big)]))
        }
        let out = try await t.engine.query(QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p", filterExpression: "big = :none",
            expressionAttributeValues: [":p": s("p"), ":none": s("nope")]))
        #expect(out.count == 0)
        #expect(out.scannedCount == 11)  // 11 × ~100 KB ≥ 1 MB
        #expect(out.lastEvaluatedKey == ["pk": s("p"), "sk": n(10)])
        let scan = try await t.engine.scan(ScanInput(tableName: "items", select: .count))
        #expect(scan.scannedCount == 11 && scan.lastEvaluatedKey != nil)
    }

    @Test func globalIndexesAreSparseAndProjected() async throws {
        let t = try await seeded()
        let open = try await t.engine.query(QueryInput(
            tableName: "items", indexName: "byStatus", keyConditionExpression: "#s = :o",
            expressionAttributeNames: ["#s": "status"], expressionAttributeValues: [":o": s("open")]))
        #expect(sks(open) == ["-100", "0", "2", "1000"])
        // INCLUDE title: keys + title, no body
        #expect(open.items?.first == ["pk": s("p"), "sk": .n("-100"), "status": s("open"), "title": s("t8")])
        #expect(open.lastEvaluatedKey == nil)
        let page = try await t.engine.query(QueryInput(
            tableName: "items", indexName: "byStatus", keyConditionExpression: "#s = :o",
            expressionAttributeNames: ["#s": "status"], expressionAttributeValues: [":o": s("open")], limit: 2))
        #expect(page.lastEvaluatedKey == ["pk": s("p"), "sk": .n("0"), "status": s("open")])
        let rest = try await t.engine.query(QueryInput(
            tableName: "items", indexName: "byStatus", keyConditionExpression: "#s = :o",
            expressionAttributeNames: ["#s": "status"], expressionAttributeValues: [":o": s("open")],
            exclusiveStartKey: page.lastEvaluatedKey))
        #expect(sks(rest) == ["2", "1000"])
        let owners = try await t.engine.scan(ScanInput(tableName: "items", indexName: "byOwner"))
        #expect(owners.count == 3)
        #expect(owners.items?.allSatisfy { Set($0.keys) == ["pk", "sk", "owner"] } == true)
        // moving an item out of the index (remove the key attribute) and changing its key
        _ = try await t.engine.updateItem(UpdateItemInput(
            tableName: "items", key: ["pk": s("p"), "sk": .n("0")], updateExpression: "REMOVE #s",
            expressionAttributeNames: ["#s": "status"]))
        _ = try await t.engine.updateItem(UpdateItemInput(
            tableName: "items", key: ["pk": s("p"), "sk": .n("2")], updateExpression: "SET #s = :c",
            expressionAttributeNames: ["#s": "status"], expressionAttributeValues: [":c": s("closed")]))
        let after = try await t.engine.query(QueryInput(
            tableName: "items", indexName: "byStatus", keyConditionExpression: "#s = :o",
            expressionAttributeNames: ["#s": "status"], expressionAttributeValues: [":o": s("open")]))
        #expect(sks(after) == ["-100", "1000"])
        await expectError("ValidationException", "Select type ALL_ATTRIBUTES is not supported for global secondary index byStatus") {
            _ = try await t.engine.query(QueryInput(
                tableName: "items", indexName: "byStatus", keyConditionExpression: "#s = :o",
                expressionAttributeNames: ["#s": "status"], expressionAttributeValues: [":o": s("open")], select: .allAttributes))
        }
        await expectError("ValidationException", "Consistent reads are not supported on global secondary indexes") {
            _ = try await t.engine.scan(ScanInput(tableName: "items", indexName: "byOwner", consistentRead: true))
        }
        await expectError("ValidationException", "The table does not have the specified index: nope") {
            _ = try await t.engine.scan(ScanInput(tableName: "items", indexName: "nope"))
        }
    }

    @Test func localIndexOrdersByItsSortKey() async throws {
        let t = try await seeded()
        let out = try await t.engine.query(QueryInput(
            tableName: "items", indexName: "byTitle", keyConditionExpression: "pk = :p AND title > :t",
            expressionAttributeValues: [":p": s("p"), ":t": s("t5")], select: .allAttributes))
        #expect((out.items ?? []).map { $0["title"] } == [s("t6"), s("t7"), s("t8")])
        #expect(out.items?.first?["body"] == s("b2"))
    }

    @Test func selectAndProjectionValidation() async throws {
        let t = try await seeded()
        let base = QueryInput(tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p")])
        var q = base
        q.projectionExpression = "title"
        q.select = .count
        await expectError("ValidationException", "Cannot specify the ProjectionExpression when choosing to get only the COUNT") {
            _ = try await t.engine.query(q)
        }
        q = base
        q.select = .allProjectedAttributes
        await expectError("ValidationException", "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName") {
            _ = try await t.engine.query(q)
        }
        q = base
        q.limit = 0
        await expectError("ValidationException", "Member must have value greater than or equal to 1") { _ = try await t.engine.query(q) }
        q = base
        q.exclusiveStartKey = ["pk": s("p")]
        await expectError("ValidationException", "The provided starting key is invalid") { _ = try await t.engine.query(q) }
        q = base
        q.keyConditionExpression = "sk = :p"
        await expectError("ValidationException", "Query condition missed key schema element: pk") { _ = try await t.engine.query(q) }
        q = base
        q.filterExpression = "sk > :p"
        await expectError("ValidationException", "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk") {
            _ = try await t.engine.query(q)
        }
        q = base
        q.projectionExpression = "title, sk"
        let projected = try await t.engine.query(q)
        #expect(projected.items?.first == ["title": s("t8"), "sk": .n("-100")])
    }

    @Test func scanSegmentsPartitionTheTable() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable()
        for i in 0..<200 { _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("k\(i)")])) }
        var union: [AttributeValue] = []
        for segment in 0..<4 {
            var start: Item? = nil
            var inSegment = 0
            repeat {
                let out = try await t.engine.scan(ScanInput(
                    tableName: "simple", limit: 17, exclusiveStartKey: start, segment: segment, totalSegments: 4))
                union += (out.items ?? []).compactMap { $0["pk"] }
                inSegment += out.count
                start = out.lastEvaluatedKey
            } while start != nil
            #expect(inSegment > 10, "segment \(segment) holds \(inSegment)")
        }
        #expect(union.count == 200 && Set(union).count == 200)
        await expectError("ValidationException", "Segment: 4 is not less than TotalSegments: 4") {
            _ = try await t.engine.scan(ScanInput(tableName: "simple", segment: 4, totalSegments: 4))
        }
        await expectError("ValidationException", "The TotalSegments parameter is required") {
            _ = try await t.engine.scan(ScanInput(tableName: "simple", segment: 0))
        }
    }
}
