import DynamoAPI
import DynamoModel
import SluiceJSON
import Testing
@testable import TableEngine

/// `queryWireJSON`/`getItemWireJSON` (items written from their stored bytes when the request is plain)
/// answer what `queryNow`/`getItemNow` and `wireJSON()` answer, errors included.
@Suite struct WireJSONReadTests {
    func seeded() async throws -> TestEngine {
        let t = try TestEngine()
        try await t.createItemsTable(stream: nil)
        for i in 0..<12 {
            var item: Item = [
                "pk": s("p"), "sk": n(i), "title": s("title \(i) \"q\" ü"), "body": .m(["n": n(i), "l": .l([.null, .bool(true)])]),
                "tags": .ss(["a", "b\(i)"]), "nums": .ns(["1", "\(i + 2)"]), "bin": .b([UInt8(i), 0, 255]),
            ]
            if i % 2 == 0 { item["status"] = s("open") }
            if i < 3 { item["owner"] = s("ann") }
            _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: item))
        }
        _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("q"), "sk": n(1)]))
        return t
    }

    /// An answer (or the service error) read back for comparison.
    static func read<Output: Decodable>(_ type: Output.Type, _ bytes: () throws -> [UInt8]) throws -> Result<Output, DynamoError> {
        let data: [UInt8]
        do {
            data = try bytes()
        } catch let error as DynamoError {
            return .failure(error)
        }
        return .success(try SluiceJSONDecoder().decode(Output.self, from: data))
    }

    static let inputs: [QueryInput] = [
        QueryInput(tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p")]),
        QueryInput(tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p")], limit: 5),
        QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p AND sk BETWEEN :a AND :b",
            expressionAttributeValues: [":p": s("p"), ":a": n(3), ":b": n(8)], limit: 4, scanIndexForward: false),
        QueryInput(
            tableName: "items", keyConditionExpression: "#k = :p AND sk > :a", expressionAttributeNames: ["#k": "pk"],
            expressionAttributeValues: [":p": s("p"), ":a": n(9)], returnConsumedCapacity: .total),
        QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p")],
            exclusiveStartKey: ["pk": s("p"), "sk": n(4)], returnConsumedCapacity: .indexes),
        QueryInput(tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("nobody")]),
        // Index reads: GSI with an INCLUDE projection, KEYS_ONLY, and the LSI.
        QueryInput(
            tableName: "items", indexName: "byStatus", keyConditionExpression: "#s = :s", expressionAttributeNames: ["#s": "status"],
            expressionAttributeValues: [":s": s("open")], limit: 2, returnConsumedCapacity: .indexes),
        QueryInput(tableName: "items", indexName: "byOwner", keyConditionExpression: "owner = :o", expressionAttributeValues: [":o": s("ann")]),
        QueryInput(
            tableName: "items", indexName: "byTitle", keyConditionExpression: "pk = :p AND begins_with(title, :t)",
            expressionAttributeValues: [":p": s("p"), ":t": s("title 1")], limit: 2),
        // Not plain: filter, projection, COUNT (the decoded path).
        QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p", filterExpression: "attribute_exists(#s)",
            expressionAttributeNames: ["#s": "status"], expressionAttributeValues: [":p": s("p")], limit: 7),
        QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p", projectionExpression: "sk, body.n",
            expressionAttributeValues: [":p": s("p")]),
        QueryInput(tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p")], select: .count),
        // Errors.
        QueryInput(tableName: "nope", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p")]),
        QueryInput(tableName: "items", keyConditionExpression: "sk = :p", expressionAttributeValues: [":p": n(1)]),
        QueryInput(tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p"), ":x": s("x")]),
        QueryInput(tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p")], limit: 0),
        QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p")],
            exclusiveStartKey: ["pk": s("p")]),
    ]

    @Test func queryAnswersAsTheDecodedPath() async throws {
        let t = try await seeded()
        for (index, input) in Self.inputs.enumerated() {
            let direct = try Self.read(QueryOutput.self) { try t.engine.queryWireJSON(input) }
            let decoded = try Self.read(QueryOutput.self) { try t.engine.queryNow(input).wireJSON() }
            #expect(direct == decoded, "input \(index)")
        }
    }

    @Test func queryPagesThroughEveryItemOnce() async throws {
        let t = try await seeded()
        var input = QueryInput(tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": s("p")], limit: 5)
        var seen: [AttributeValue] = []
        repeat {
            let page = try SluiceJSONDecoder().decode(QueryOutput.self, from: try t.engine.queryWireJSON(input))
            seen += (page.items ?? []).compactMap { $0["sk"] }
            input.exclusiveStartKey = page.lastEvaluatedKey
        } while input.exclusiveStartKey != nil
        #expect(seen == (0..<12).map { n($0) })
    }

    @Test func getItemAnswersAsTheDecodedPath() async throws {
        let t = try await seeded()
        let inputs: [GetItemInput] = [
            GetItemInput(tableName: "items", key: ["pk": s("p"), "sk": n(3)]),
            GetItemInput(tableName: "items", key: ["pk": s("p"), "sk": n(99)]),
            GetItemInput(tableName: "items", key: ["pk": s("p"), "sk": n(3)], consistentRead: true, returnConsumedCapacity: ReturnConsumedCapacity.none),
            GetItemInput(tableName: "items", key: ["pk": s("p"), "sk": n(3)], returnConsumedCapacity: .total),
            GetItemInput(tableName: "items", key: ["pk": s("p"), "sk": n(3)], projectionExpression: "#t, body.l[1]", expressionAttributeNames: ["#t": "title"]),
            GetItemInput(tableName: "items", key: ["pk": s("p"), "sk": n(3)], expressionAttributeNames: ["#t": "title"]),
            GetItemInput(tableName: "nope", key: ["pk": s("p"), "sk": n(3)]),
            GetItemInput(tableName: "items", key: ["pk": s("p")]),
            GetItemInput(tableName: "items", key: ["pk": n(1), "sk": n(3)]),
        ]
        for (index, input) in inputs.enumerated() {
            let direct = try Self.read(GetItemOutput.self) { try t.engine.getItemWireJSON(input) }
            let decoded = try Self.read(GetItemOutput.self) { try t.engine.getItemNow(input).wireJSON() }
            #expect(direct == decoded, "input \(index)")
        }
        let missing = try t.engine.getItemWireJSON(GetItemInput(tableName: "items", key: ["pk": s("p"), "sk": n(99)]))
        #expect(missing == Array("{}".utf8))
    }
}
