/// Realistic SAM templates used across the tests.
import SluiceTemplate

enum Fixtures {
    static let orders = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Description: Orders service

        Parameters:
          Stage:
            Type: String
            Default: dev
            AllowedValues: [dev, prod]
          LogLevel:
            Type: String
            Default: info
          Subnets:
            Type: CommaDelimitedList
            Default: "subnet-a, subnet-b"

        Mappings:
          StageConfig:
            dev: {Memory: 256}
            prod: {Memory: 1024}

        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
          IsDev: !Not [!Condition IsProd]

        Globals:
          Function:
            Runtime: provided.al2023
            Architectures: [arm64]
            Timeout: 10
            Layers: [arn:aws:lambda:us-east-1:123456789012:layer:shared:1]
            Environment:
              Variables:
                STAGE: !Ref Stage
                LOG_LEVEL: !Ref LogLevel
                SHARED: from-globals

        Resources:
          OrdersTable:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: !Sub "${AWS::StackName}-orders"
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions:
                - {AttributeName: pk, AttributeType: S}
                - {AttributeName: sk, AttributeType: S}
                - {AttributeName: status, AttributeType: S}
                - {AttributeName: createdAt, AttributeType: N}
              KeySchema:
                - {AttributeName: pk, KeyType: HASH}
                - {AttributeName: sk, KeyType: RANGE}
              GlobalSecondaryIndexes:
                - IndexName: byStatus
                  KeySchema:
                    - {AttributeName: status, KeyType: HASH}
                    - {AttributeName: createdAt, KeyType: RANGE}
                  Projection:
                    ProjectionType: INCLUDE
                    NonKeyAttributes: [total, customer]
              LocalSecondaryIndexes:
                - IndexName: byCreated
                  KeySchema:
                    - {AttributeName: pk, KeyType: HASH}
                    - {AttributeName: createdAt, KeyType: RANGE}
                  Projection: {ProjectionType: KEYS_ONLY}
              StreamSpecification:
                StreamViewType: NEW_AND_OLD_IMAGES
              TimeToLiveSpecification:
                AttributeName: expiresAt
                Enabled: true

          SessionsTable:
            Type: AWS::Serverless::SimpleTable

          CountersTable:
            Type: AWS::Serverless::SimpleTable
            Properties:
              TableName: counters
              PrimaryKey: {Name: counterId, Type: Number}

          ArchiveBucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: !Sub "orders-archive-${Stage}"

          ScratchBucket:
            Type: AWS::S3::Bucket

          OrdersApi:
            Type: AWS::Serverless::HttpApi
            Properties:
              StageName: !Ref Stage
              Auth:
                DefaultAuthorizer: Cognito
                Authorizers:
                  Cognito:
                    IdentitySource: $request.header.Authorization
                    AuthorizationScopes: [orders/read]
                    JwtConfiguration:
                      issuer: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc
                      audience: [client-1, client-2]

          CreateOrderFunction:
            Type: AWS::Serverless::Function
            Metadata:
              BuildMethod: makefile
            Properties:
              Handler: bootstrap
              CodeUri: .build/lambda/CreateOrder
              MemorySize: !FindInMap [StageConfig, !Ref Stage, Memory]
              Timeout: 30
              Layers: [arn:aws:lambda:us-east-1:123456789012:layer:own:2]
              Environment:
                Variables:
                  TABLE_NAME: !Ref OrdersTable
                  TABLE_ARN: !GetAtt OrdersTable.Arn
                  SHARED: from-function
                  DEBUG: true
              Events:
                CreateOrder:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref OrdersApi
                    Path: /orders
                    Method: POST
                    Auth:
                      Authorizer: Cognito

          OrderStreamFunction:
            Type: AWS::Serverless::Function
            Properties:
              Handler: bootstrap
              CodeUri:
                Bucket: my-artifacts
                Key: stream.zip
              Architectures: [x86_64]
              Environment:
                Variables:
                  QUEUE_URL: !GetAtt DeadLetters.QueueUrl
              Events:
                Stream:
                  Type: DynamoDB
                  Properties:
                    Stream: !GetAtt OrdersTable.StreamArn
                    StartingPosition: TRIM_HORIZON
                    BatchSize: 25
                    MaximumBatchingWindowInSeconds: 5
                    MaximumRetryAttempts: 3
                    MaximumRecordAgeInSeconds: 3600
                    BisectBatchOnFunctionError: true
                    ParallelizationFactor: 2
                    FunctionResponseTypes: [ReportBatchItemFailures]
                    DestinationConfig:
                      OnFailure:
                        Destination: !GetAtt DeadLetters.Arn
                    FilterCriteria:
                      Filters:
                        - Pattern: '{"eventName": ["INSERT"]}'

          StreamingFunction:
            Type: AWS::Serverless::Function
            Properties:
              Handler: bootstrap
              CodeUri: .build/lambda/Streaming
              FunctionUrlConfig:
                AuthType: NONE
                InvokeMode: RESPONSE_STREAM

          ProdOnlyFunction:
            Type: AWS::Serverless::Function
            Condition: IsProd
            Properties:
              Handler: bootstrap
              CodeUri: .build/lambda/ProdOnly

          DeadLetters:
            Type: AWS::SQS::Queue

        Outputs:
          TableName:
            Value: !Ref OrdersTable
          StreamArn:
            Value: !GetAtt OrdersTable.StreamArn
            Export:
              Name: !Sub "${AWS::StackName}-stream"
        """

    static func template(_ yaml: String = orders) throws -> SAMTemplate {
        try SAMTemplate(yaml: yaml)
    }
}
