import DynamoAPI
import DynamoModel
import SluiceTemplate
import Testing
@testable import TableEngine

@Suite struct TableControlTests {
    @Test func createDescribeListDelete() async throws {
        let t = try TestEngine()
        try await t.createItemsTable()
        try await t.createSimpleTable("Simple")
        try await t.createSimpleTable("simple")  // names are case-sensitive
        await expectError("ResourceInUseException", "Table already exists: items") { try await t.createItemsTable() }
        for i in 0..<3 { _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("p"), "sk": n(i), "status": s("x")])) }
        let d = try await t.engine.describeTable(DescribeTableInput(tableName: "items")).table
        #expect(d.tableStatus == "ACTIVE" && d.itemCount == 3 && (d.tableSizeBytes ?? 0) > 0)
        #expect(d.tableArn == "arn:aws:dynamodb:us-east-1:000000000000:table/items")
        #expect(d.globalSecondaryIndexes?.map(\.indexName) == ["byStatus", "byOwner"])
        #expect(d.globalSecondaryIndexes?.first?.itemCount == 3)
        #expect(d.localSecondaryIndexes?.map(\.indexName) == ["byTitle"])
        #expect(d.streamSpecification == StreamSpecification(streamEnabled: true, streamViewType: .newAndOldImages))
        let page1 = try await t.engine.listTables(ListTablesInput(limit: 2))
        #expect(page1.tableNames == ["Simple", "items"] && page1.lastEvaluatedTableName == "items")
        let page2 = try await t.engine.listTables(ListTablesInput(exclusiveStartTableName: "items", limit: 2))
        #expect(page2.tableNames == ["simple"] && page2.lastEvaluatedTableName == nil)
        _ = try await t.engine.deleteTable(DeleteTableInput(tableName: "items"))
        await expectError("ResourceNotFoundException") { _ = try await t.engine.describeTable(DescribeTableInput(tableName: "items")) }
        await expectError("ResourceNotFoundException") {
            _ = try await t.engine.getItem(GetItemInput(tableName: "items", key: ["pk": s("p"), "sk": n(0)]))
        }
        try await t.createItemsTable()
        #expect(try await t.engine.scan(ScanInput(tableName: "items")).count == 0)
        try t.reopen()
        #expect(try await t.engine.listTables(ListTablesInput()).tableNames == ["Simple", "items", "simple"])
    }

    @Test(arguments: [
        (CreateTableInput(tableName: "ab", keySchema: [.init(attributeName: "pk", keyType: .hash)],
                          attributeDefinitions: [.init(attributeName: "pk", attributeType: .s)]),
         "Member must have length greater than or equal to 3"),
        (CreateTableInput(tableName: "bad name", keySchema: [.init(attributeName: "pk", keyType: .hash)],
                          attributeDefinitions: [.init(attributeName: "pk", attributeType: .s)]),
         "Member must satisfy regular expression pattern"),
        (CreateTableInput(tableName: "t123", keySchema: [.init(attributeName: "pk", keyType: .hash)],
                          attributeDefinitions: [.init(attributeName: "other", attributeType: .s)]),
         "Some index key attributes are not defined in AttributeDefinitions"),
        (CreateTableInput(tableName: "t123", keySchema: [.init(attributeName: "pk", keyType: .hash)],
                          attributeDefinitions: [.init(attributeName: "pk", attributeType: .s), .init(attributeName: "x", attributeType: .s)]),
         "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"),
        (CreateTableInput(tableName: "t123", keySchema: [.init(attributeName: "pk", keyType: .range)],
                          attributeDefinitions: [.init(attributeName: "pk", attributeType: .s)]),
         "Invalid KeySchema"),
    ])
    func createValidation(_ input: CreateTableInput, _ message: String) async throws {
        let t = try TestEngine()
        await expectError("ValidationException", message) { _ = try await t.engine.createTable(input) }
    }

    @Test func tablesFromTemplateAreIdempotent() async throws {
        let yaml = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Tasks:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: tasks
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - { AttributeName: userId, AttributeType: S }
                    - { AttributeName: taskId, AttributeType: S }
                    - { AttributeName: status, AttributeType: S }
                  KeySchema:
                    - { AttributeName: userId, KeyType: HASH }
                    - { AttributeName: taskId, KeyType: RANGE }
                  GlobalSecondaryIndexes:
                    - IndexName: byStatus
                      KeySchema: [{ AttributeName: status, KeyType: HASH }]
                      Projection: { ProjectionType: ALL }
                  StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }
                  TimeToLiveSpecification: { AttributeName: expiresAt, Enabled: true }
              Users:
                Type: AWS::Serverless::SimpleTable
                Properties:
                  TableName: users
            """
        let template = try SAMTemplate(yaml: yaml)
        let t = try TestEngine()
        t.engine.close()
        var configuration = t.engine.configuration
        configuration.clock = t.clock
        t.engine = try await EmbeddedDynamoDB(directory: t.directory, template: template, configuration: configuration)
        _ = try await t.engine.putItem(PutItemInput(tableName: "tasks", item: ["userId": s("u"), "taskId": s("t"), "status": s("open")]))
        t.engine.close()
        t.engine = try await EmbeddedDynamoDB(directory: t.directory, template: template, configuration: configuration)
        #expect(try await t.engine.listTables(ListTablesInput()).tableNames == ["tasks", "users"])
        let d = try await t.engine.describeTable(DescribeTableInput(tableName: "tasks")).table
        #expect(d.itemCount == 1 && d.streamSpecification?.streamViewType == .newAndOldImages)
        #expect(try await t.engine.describeTimeToLive(DescribeTimeToLiveInput(tableName: "tasks")).timeToLiveDescription.attributeName == "expiresAt")
        #expect(try await t.engine.describeTable(DescribeTableInput(tableName: "users")).table.keySchema == [.init(attributeName: "id", keyType: .hash)])
        #expect(try t.engine.readStream(table: "tasks", shard: 0).count + (try t.engine.readStream(table: "tasks", shard: 1).count)
                + (try t.engine.readStream(table: "tasks", shard: 2).count) + (try t.engine.readStream(table: "tasks", shard: 3).count) == 1)
    }
}
