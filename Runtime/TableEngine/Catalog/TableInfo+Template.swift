import DynamoAPI
import DynamoModel
import SluiceTemplate

extension CreateTableInput {
    /// The CreateTable request equivalent to a template's table (`AWS::DynamoDB::Table` or `AWS::Serverless::SimpleTable`).
    public init(_ table: TableDefinition) throws(DynamoError) {
        func keys(_ elements: [SluiceTemplate.KeySchemaElement]) -> [DynamoAPI.KeySchemaElement] {
            elements.map { .init(attributeName: $0.attributeName, keyType: $0.keyType == .hash ? .hash : .range) }
        }
        var definitions: [DynamoAPI.AttributeDefinition] = []
        for d in table.attributeDefinitions {
            guard let type = KeyAttributeType(rawValue: d.attributeType) else {
                throw .validationException("Invalid AttributeType \(d.attributeType) for \(d.attributeName)")
            }
            definitions.append(.init(attributeName: d.attributeName, attributeType: type))
        }
        func indexes(_ list: [SluiceTemplate.SecondaryIndex]) -> [DynamoAPI.SecondaryIndex]? {
            guard !list.isEmpty else { return nil }
            return list.map {
                DynamoAPI.SecondaryIndex(
                    indexName: $0.indexName, keySchema: keys($0.keySchema),
                    projection: DynamoAPI.Projection(
                        projectionType: DynamoAPI.Projection.ProjectionType(rawValue: $0.projection.projectionType) ?? .keysOnly,
                        nonKeyAttributes: $0.projection.nonKeyAttributes.isEmpty ? nil : $0.projection.nonKeyAttributes))
            }
        }
        self.init(
            tableName: table.tableName, keySchema: keys(table.keySchema), attributeDefinitions: definitions,
            globalSecondaryIndexes: indexes(table.globalSecondaryIndexes),
            localSecondaryIndexes: indexes(table.localSecondaryIndexes), billingMode: table.billingMode,
            streamSpecification: table.streamViewType.map {
                StreamSpecification(streamEnabled: true, streamViewType: StreamViewType(rawValue: $0) ?? .newAndOldImages)
            })
    }
}
