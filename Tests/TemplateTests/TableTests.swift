import Testing

@testable import SluiceTemplate

@Suite struct TableTests {
    @Test func tableWithIndexesStreamAndTTL() throws {
        let tables = try Fixtures.template().tables
        #expect(tables.map(\.logicalId) == ["OrdersTable", "SessionsTable", "CountersTable"])
        let orders = tables[0]
        #expect(orders.tableName == "sluice-local-orders")
        #expect(orders.partitionKey == "pk")
        #expect(orders.sortKey == "sk")
        #expect(orders.attributeType(of: "createdAt") == "N")
        #expect(orders.billingMode == "PAY_PER_REQUEST")
        #expect(orders.streamViewType == "NEW_AND_OLD_IMAGES")
        #expect(orders.hasStream)
        #expect(orders.timeToLive == TimeToLiveSpecification(attributeName: "expiresAt", enabled: true))
        let gsi = try #require(orders.globalSecondaryIndexes.first)
        #expect(gsi.indexName == "byStatus")
        #expect(gsi.partitionKey == "status")
        #expect(gsi.sortKey == "createdAt")
        #expect(gsi.projection == Projection(projectionType: "INCLUDE", nonKeyAttributes: ["total", "customer"]))
        let lsi = try #require(orders.localSecondaryIndexes.first)
        #expect(lsi.indexName == "byCreated")
        #expect(lsi.keySchema == [.init(attributeName: "pk", keyType: .hash), .init(attributeName: "createdAt", keyType: .range)])
        #expect(lsi.projection.projectionType == "KEYS_ONLY")
        #expect(!orders.isSimpleTable)
    }

    @Test func simpleTablesUseDefaults() throws {
        let tables = try Fixtures.template().tables
        let sessions = tables[1]
        #expect(sessions.isSimpleTable)
        #expect(sessions.tableName == "SessionsTable")
        #expect(sessions.keySchema == [KeySchemaElement(attributeName: "id", keyType: .hash)])
        #expect(sessions.attributeDefinitions == [AttributeDefinition(attributeName: "id", attributeType: "S")])
        #expect(sessions.billingMode == "PAY_PER_REQUEST")
        #expect(!sessions.hasStream)
        let counters = tables[2]
        #expect(counters.tableName == "counters")
        #expect(counters.partitionKey == "counterId")
        #expect(counters.attributeType(of: "counterId") == "N")
    }

    @Test func tableDefaultsAndValidation() throws {
        let template = try SAMTemplate(
            yaml: """
                Resources:
                  Plain:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  Broken:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      KeySchema: [{AttributeName: id, KeyType: PRIMARY}]
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                """)
        let plain = try TableDefinition(
            resource: template.resources["Plain"]!, template: template, resolver: template.defaultResolver)
        #expect(plain.tableName == "Plain")
        #expect(plain.billingMode == "PROVISIONED")
        #expect(plain.streamViewType == nil)
        #expect(plain.timeToLive == nil)
        #expect(plain.globalSecondaryIndexes.isEmpty)
        let error = #expect(throws: TemplateError.self) { try template.tables }
        #expect(error?.description == "template.yaml:10:39: resource 'Broken': Properties.KeySchema.0.KeyType must be HASH or RANGE (found 'PRIMARY')")
    }

    @Test func missingKeyAttributeDefinitionIsReported() throws {
        let template = try SAMTemplate(
            yaml: """
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                      AttributeDefinitions: []
                """)
        let error = #expect(throws: TemplateError.self) { try template.tables }
        #expect(error?.description.contains("must define key attribute 'id'") == true)
    }
}
