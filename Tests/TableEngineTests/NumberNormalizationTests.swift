import DynamoAPI
import DynamoModel
import Foundation
import TableEngine
import Testing

/// DynamoDB returns numbers normalised: what was stored as `1.50` comes back as `1.5`, everywhere.
@Suite struct NumberNormalizationTests {
    @Test func numbersAreStoredReturnedAndStreamedNormalised() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-numbers-\(UUID().uuidString)").path
        let engine = try EmbeddedDynamoDB(directory: directory)
        defer { engine.close() }
        _ = try await engine.createTable(CreateTableInput(
            tableName: "Numbers", keySchema: [KeySchemaElement(attributeName: "pk", keyType: .hash)],
            attributeDefinitions: [AttributeDefinition(attributeName: "pk", attributeType: .s)],
            streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .newImage)))
        let item: Item = [
            "pk": .s("a"), "price": .n("1.50"), "big": .n("1E+3"), "zero": .n("-0"), "set": .ns(["2.0", "0.5"]),
            "nested": .m(["x": .l([.n("007")])]),
        ]
        _ = try await engine.putItem(PutItemInput(tableName: "Numbers", item: item))
        let stored = try await engine.getItem(GetItemInput(tableName: "Numbers", key: ["pk": .s("a")])).item
        #expect(stored?["price"] == .n("1.5"))
        #expect(stored?["big"] == .n("1000"))
        #expect(stored?["zero"] == .n("0"))
        #expect(Set(stored?["set"].flatMap { if case .ns(let v) = $0 { v } else { nil } } ?? []) == ["2", "0.5"])
        #expect(stored?["nested"] == .m(["x": .l([.n("7")])]))
        let updated = try await engine.updateItem(UpdateItemInput(
            tableName: "Numbers", key: ["pk": .s("a")], updateExpression: "SET price = :p",
            expressionAttributeValues: [":p": .n("2.250")], returnValues: .allNew))
        #expect(updated.attributes?["price"] == .n("2.25"))
        let shard = try engine.streamShards(table: "Numbers")
        let records = try shard.flatMap { try engine.readStream(table: "Numbers", shard: $0.index) }
        #expect(records.compactMap { $0.dynamodb.newImage?["price"] } == [.n("1.5"), .n("2.25")])
        // The same value written again in another notation changes nothing: no stream record.
        _ = try await engine.putItem(PutItemInput(tableName: "Numbers", item: updated.attributes!.merging(["price": .n("2.2500")]) { _, new in new }))
        let after = try shard.flatMap { try engine.readStream(table: "Numbers", shard: $0.index) }
        #expect(after.count == 2)
    }
}
