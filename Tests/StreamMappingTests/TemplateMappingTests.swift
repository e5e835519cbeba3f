import Foundation
import SluiceTemplate
import StreamMapping
import Testing

@Suite struct TemplateMappingTests {
    static let yaml = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Orders:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: orders
              AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
              KeySchema: [{AttributeName: pk, KeyType: HASH}]
              StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
          Etl:
            Type: AWS::Serverless::Function
            Properties:
              Handler: bootstrap
              Runtime: provided.al2023
              CodeUri: .
              Events:
                Changes:
                  Type: DynamoDB
                  Properties:
                    Stream: !GetAtt Orders.StreamArn
                    StartingPosition: LATEST
                    BatchSize: 25
                    MaximumBatchingWindowInSeconds: 2
                    MaximumRetryAttempts: 3
                    MaximumRecordAgeInSeconds: 120
                    BisectBatchOnFunctionError: true
                    ParallelizationFactor: 4
                    FunctionResponseTypes: [ReportBatchItemFailures]
                    DestinationConfig:
                      OnFailure:
                        Destination: arn:aws:sqs:us-east-1:123456789012:dlq
                    FilterCriteria:
                      Filters:
                        - Pattern: '{"eventName": ["INSERT"]}'
                        - Pattern:
                            dynamodb:
                              NewImage:
                                status:
                                  S: [{prefix: "ship"}]
                Api:
                  Type: HttpApi
        """

    @Test func readsEveryDynamoDBEvent() throws {
        let template = try SAMTemplate(yaml: Self.yaml)
        let mappings = try MappingDefinition.fromTemplate(functions: template.functions, tables: template.tables)
        #expect(mappings.count == 1)
        let mapping = try #require(mappings.first)
        #expect(mapping.name == "Etl-Changes" && mapping.functionLogicalId == "Etl" && mapping.tableName == "orders")
        let s = mapping.settings
        #expect(s.startingPosition == .latest && s.batchSize == 25 && s.maximumBatchingWindowSeconds == 2)
        #expect(s.maximumRetryAttempts == 3 && s.maximumRecordAgeSeconds == 120 && s.bisectBatchOnFunctionError)
        #expect(s.parallelizationFactor == 4 && s.reportBatchItemFailures && s.enabled)
        #expect(s.onFailureDestination == "arn:aws:sqs:us-east-1:123456789012:dlq")
        #expect(s.filters.count == 2)
    }

    @Test(arguments: [
        ("BatchSize: 25", "BatchSize: 1001"), ("BatchSize: 25", "BatchSize: 0"),
        ("MaximumBatchingWindowInSeconds: 2", "MaximumBatchingWindowInSeconds: 301"),
        ("MaximumRetryAttempts: 3", "MaximumRetryAttempts: -2"),
        ("MaximumRecordAgeInSeconds: 120", "MaximumRecordAgeInSeconds: 30"),
        ("ParallelizationFactor: 4", "ParallelizationFactor: 11"),
        ("StartingPosition: LATEST", "StartingPosition: SOMEWHERE"),
        ("FunctionResponseTypes: [ReportBatchItemFailures]", "FunctionResponseTypes: [Whatever]"),
        ("- Pattern: '{\"eventName\": [\"INSERT\"]}'", "- Pattern: '{\"eventName\": \"INSERT\"}'"),
    ])
    func rejectsOutOfRange(_ change: (String, String)) throws {
        let template = try SAMTemplate(yaml: Self.yaml.replacingOccurrences(of: change.0, with: change.1))
        #expect(throws: StreamMappingError.self) {
            try MappingDefinition.fromTemplate(functions: template.functions, tables: template.tables)
        }
    }
}
