import DynamoAPI
import DynamoClient
import DynamoModel
import Testing

/// `sluice table serve` refuses a request body over DynamoDB's 16 MB request limit in DynamoDB's error
/// shape, and keeps serving.
@Suite(.timeLimit(.minutes(3))) struct WireLimitTests {
    @Test func bodyOver16MBIsRefusedAndTheServerKeepsServing() async throws {
        let db = try await PeerServices.shared.service(.wire)
        let client = try #require(db as? DynamoDBClient)
        let table = try await makeTable(db, "limits")
        // 17 MB of JSON: over the body limit before any item rule is looked at.
        let huge = PutItemInput(tableName: table, item: ["pk": .s("a"), "sk": .n("1"), "v": .s(String(repeating: "x", count: 17 << 20))])
        do {
            _ = try await client.send("PutItem", huge, as: PutItemOutput.self)
            Issue.record("expected RequestEntityTooLarge")
        } catch {
            guard case .unmodeledService(let code, let message, let status) = error else { Issue.record("\(error)"); return }
            #expect(code == "RequestEntityTooLarge")
            #expect(status == 413)
            #expect(message.contains("16777216"))
        }
        _ = try await db.putItem(PutItemInput(tableName: table, item: ["pk": .s("a"), "sk": .n("1")]))
        #expect(try await db.getItem(GetItemInput(tableName: table, key: ["pk": .s("a"), "sk": .n("1")], consistentRead: true)).item != nil)
    }
}
