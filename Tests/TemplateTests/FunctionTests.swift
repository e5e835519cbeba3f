import Testing

@testable import SluiceTemplate

@Suite struct FunctionTests {
    @Test func sectionsAreRead() throws {
        let template = try Fixtures.template()
        #expect(template.formatVersion == "2010-09-09")
        #expect(template.transforms == ["AWS::Serverless-2016-10-31"])
        #expect(template.parameters["Stage"]?.defaultValue == "dev")
        #expect(template.parameters["Subnets"]?.isList == true)
        #expect(template.resources["CreateOrderFunction"]?.metadata?["BuildMethod"] == "makefile")
        #expect(template.resources["ProdOnlyFunction"]?.condition == "IsProd")
        #expect(template.outputs["StreamArn"]?.exportName == ["Fn::Sub": "${AWS::StackName}-stream"])
        #expect(template.resourceIds.first == "OrdersTable")
    }

    @Test func globalsAreMergedWithSAMRules() throws {
        let function = try Fixtures.template().function(named: "CreateOrderFunction")
        #expect(function.runtime == "provided.al2023")  // from globals
        #expect(function.timeout == 30)  // scalar: resource wins
        #expect(function.architectures == ["arm64"])
        #expect(function.memorySize == 256)  // FindInMap with the default Stage
        #expect(
            function.layers == [
                "arn:aws:lambda:us-east-1:123456789012:layer:shared:1",
                "arn:aws:lambda:us-east-1:123456789012:layer:own:2",
            ])  // lists: concatenated, globals first
        #expect(function.environment.keys == ["STAGE", "LOG_LEVEL", "SHARED", "TABLE_NAME", "TABLE_ARN", "DEBUG"])
        #expect(
            function.environmentVariables == [
                "STAGE": "dev", "LOG_LEVEL": "info", "SHARED": "from-function", "DEBUG": "true",
                "TABLE_NAME": "sluice-local-orders",
                "TABLE_ARN": "arn:aws:dynamodb:us-east-1:123456789012:table/sluice-local-orders",
            ])
        #expect(function.metadata?["BuildMethod"] == "makefile")
        #expect(function.code == .path(".build/lambda/CreateOrder"))
        #expect(function.codeUri == ".build/lambda/CreateOrder")
    }

    @Test func mergeRulesInIsolation() {
        let merged = GlobalsMerger.merge(
            globals: ["Timeout": 5, "Tags": ["a": "1", "b": "2"], "Layers": ["g"], "Role": ["Fn::GetAtt": ["R", "Arn"]]],
            into: ["Timeout": 9, "Tags": ["b": "3"], "Layers": ["l"], "Role": "arn:role"])
        #expect(merged == ["Timeout": 9, "Tags": ["a": "1", "b": "3"], "Layers": ["g", "l"], "Role": "arn:role"])
        // An intrinsic on the resource side counts as a scalar and replaces a global map.
        #expect(GlobalsMerger.merge(global: ["a": "1"], local: ["Ref": "P"]) == ["Ref": "P"])
    }

    @Test func defaultsApplyWithoutGlobals() throws {
        let template = try SAMTemplate(
            yaml: """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: bootstrap
                      Runtime: provided.al2023
                      CodeUri: build/
                """)
        let function = try #require(try template.functions.first)
        #expect(function.timeout == 3)
        #expect(function.memorySize == 128)
        #expect(function.architectures == ["x86_64"])
        #expect(function.packageType == "Zip")
        #expect(function.events.isEmpty)
        #expect(function.environment.isEmpty)
        #expect(function.functionUrl == nil)
        #expect(function.streamsResponse == false)
    }

    @Test func conditionsFilterFunctions() throws {
        let template = try Fixtures.template()
        #expect(try template.functions.map(\.logicalId) == ["CreateOrderFunction", "OrderStreamFunction", "StreamingFunction"])
        let prod = LocalResolver(template: template, options: ResolverOptions(parameterOverrides: ["Stage": "prod"]))
        let functions = try template.functions(resolver: prod)
        #expect(functions.map(\.logicalId).contains("ProdOnlyFunction"))
        #expect(functions.first?.memorySize == 1024)
    }

    @Test func codeUriBucketFormAndFunctionUrl() throws {
        let template = try Fixtures.template()
        let stream = try template.function(named: "OrderStreamFunction")
        #expect(stream.code == .s3(bucket: "my-artifacts", key: "stream.zip", version: nil))
        #expect(stream.architectures == ["arm64", "x86_64"])  // SAM concatenates every list
        let streaming = try template.function(named: "StreamingFunction")
        #expect(streaming.functionUrl == FunctionUrlConfig(authType: "NONE", invokeMode: .responseStream))
        #expect(streaming.streamsResponse)
    }

    @Test func httpApiEvent() throws {
        let function = try Fixtures.template().function(named: "CreateOrderFunction")
        let event = try #require(function.event(named: "CreateOrder"))
        #expect(event.type == "HttpApi")
        #expect(event.path == "/orders")
        #expect(event.method == "POST")
        #expect(event.apiLogicalId == "OrdersApi")
        #expect(event.properties["ApiId"] == "OrdersApi")
        #expect(event.authorizer == "Cognito")
        #expect(function.events(ofType: "HttpApi").count == 1)
    }

    @Test func dynamoDBEventWithAllProperties() throws {
        let function = try Fixtures.template().function(named: "OrderStreamFunction")
        let event = try #require(function.events(ofType: "DynamoDB").first)
        #expect(event.name == "Stream")
        #expect(event.stream == "arn:aws:dynamodb:us-east-1:123456789012:table/sluice-local-orders/stream/2024-01-01T00:00:00.000")
        #expect(event.streamTableLogicalId == "OrdersTable")
        #expect(event.startingPosition == "TRIM_HORIZON")
        #expect(event.batchSize == 25)
        #expect(event.maximumBatchingWindowInSeconds == 5)
        #expect(event.maximumRetryAttempts == 3)
        #expect(event.maximumRecordAgeInSeconds == 3600)
        #expect(event.bisectBatchOnFunctionError == true)
        #expect(event.parallelizationFactor == 2)
        #expect(event.functionResponseTypes == ["ReportBatchItemFailures"])
        #expect(event.reportsBatchItemFailures)
        // SQS attributes are not available locally: the intrinsic stays as written.
        #expect(event.destinationConfig == ["OnFailure": ["Destination": ["Fn::GetAtt": ["DeadLetters", "Arn"]]]])
        #expect(event.onFailureDestination == nil)
        #expect(event.filterPatterns == [#"{"eventName": ["INSERT"]}"#])
        #expect(event.enabled)
        #expect(event.rawProperties["Stream"] == ["Fn::GetAtt": ["OrdersTable", "StreamArn"]])
    }

    @Test func unresolvableEnvironmentIsRecorded() throws {
        let function = try Fixtures.template().function(named: "OrderStreamFunction")
        #expect(function.environmentVariables["QUEUE_URL"] == nil)
        let failure = try #require(function.unresolvedEnvironment["QUEUE_URL"])
        #expect(failure.description.contains("resource 'OrderStreamFunction': Properties.Environment.Variables.QUEUE_URL"))
        #expect(failure.description.contains("DeadLetters.QueueUrl"))
    }

    @Test func httpApiWithJWTAuthorizer() throws {
        let api = try #require(try Fixtures.template().httpApis.first)
        #expect(api.logicalId == "OrdersApi")
        #expect(api.stageName == "dev")
        let auth = try #require(api.auth)
        #expect(auth.defaultAuthorizer == "Cognito")
        let cognito = try #require(auth.authorizer(named: "Cognito"))
        #expect(cognito.isJWT)
        #expect(cognito.identitySource == "$request.header.Authorization")
        #expect(cognito.authorizationScopes == ["orders/read"])
        #expect(cognito.jwtConfiguration?.issuer == "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc")
        #expect(cognito.jwtConfiguration?.audience == ["client-1", "client-2"])
    }

    @Test func buckets() throws {
        let buckets = try Fixtures.template().buckets
        #expect(buckets.map(\.bucketName) == ["orders-archive-dev", "ScratchBucket"])
    }
}
