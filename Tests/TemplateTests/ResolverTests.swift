import Testing

@testable import SluiceTemplate

@Suite struct ResolverTests {
    let template: SAMTemplate
    let resolver: LocalResolver

    init() throws {
        template = try Fixtures.template()
        resolver = template.defaultResolver
    }

    func resolve(_ yaml: String) throws -> TemplateValue {
        try resolver.resolve(TemplateLoader.parse(yaml), resource: "Test", property: "Value")
    }

    @Test func refParametersPseudoParametersAndResources() throws {
        #expect(try resolve("!Ref Stage") == "dev")
        #expect(try resolve("!Ref Subnets") == ["subnet-a", "subnet-b"])
        #expect(try resolve("!Ref AWS::Region") == "us-east-1")
        #expect(try resolve("!Ref AWS::AccountId") == "123456789012")
        #expect(try resolve("!Ref AWS::StackName") == "sluice-local")
        #expect(try resolve("!Ref AWS::Partition") == "aws")
        #expect(try resolve("!Ref AWS::URLSuffix") == "amazonaws.com")
        #expect(try resolve("!Ref OrdersTable") == "sluice-local-orders")
        #expect(try resolve("!Ref SessionsTable") == "SessionsTable")
        #expect(try resolve("!Ref ArchiveBucket") == "orders-archive-dev")
        #expect(try resolve("!Ref CreateOrderFunction") == "CreateOrderFunction")
        #expect(try resolve("!Ref DeadLetters") == "DeadLetters")
        #expect(try resolve("[a, !Ref AWS::NoValue, b]") == ["a", "b"])
        #expect(try resolve("{A: 1, B: !Ref AWS::NoValue}") == ["A": 1])
    }

    @Test func optionsChangeRegionAccountAndParameters() throws {
        let china = LocalResolver(
            template: template,
            options: ResolverOptions(region: "cn-north-1", accountId: "000000000000", stackName: "s", parameterOverrides: ["Stage": "prod"]))
        #expect(try china.resolveString(["Ref": "AWS::Partition"], property: "P") == "aws-cn")
        #expect(try china.resolveString(["Ref": "AWS::URLSuffix"], property: "P") == "amazonaws.com.cn")
        #expect(try china.attribute("Arn", of: "OrdersTable") == "arn:aws-cn:dynamodb:cn-north-1:000000000000:table/s-orders")
        #expect(try china.parameterValue("Stage") == "prod")
        #expect(try china.isConditionTrue("IsProd"))
    }

    @Test func getAtt() throws {
        #expect(try resolve("!GetAtt OrdersTable.Arn") == "arn:aws:dynamodb:us-east-1:123456789012:table/sluice-local-orders")
        #expect(
            try resolve("!GetAtt [OrdersTable, StreamArn]")
                == "arn:aws:dynamodb:us-east-1:123456789012:table/sluice-local-orders/stream/2024-01-01T00:00:00.000")
        #expect(try resolve("!GetAtt ArchiveBucket.Arn") == "arn:aws:s3:::orders-archive-dev")
        #expect(try resolve("!GetAtt CreateOrderFunction.Arn") == "arn:aws:lambda:us-east-1:123456789012:function:CreateOrderFunction")
        #expect(LocalResolver.tableName(fromArn: resolver.streamArn(tableName: "orders")) == "orders")
    }

    @Test func sub() throws {
        #expect(try resolve(#"!Sub "${AWS::StackName}-${Stage}-${OrdersTable}""#) == "sluice-local-dev-sluice-local-orders")
        #expect(try resolve(#"!Sub "${OrdersTable.Arn}/index/*""#) == "arn:aws:dynamodb:us-east-1:123456789012:table/sluice-local-orders/index/*")
        #expect(try resolve(#"!Sub "arn:${AWS::Partition}:s3:::${AWS::Region}""#) == "arn:aws:s3:::us-east-1")
        #expect(try resolve(#"!Sub "${!Literal} and ${ Stage }""#) == "${Literal} and dev")
        #expect(try resolve(#"!Sub ["${Name}-${Stage}", {Name: !Ref LogLevel}]"#) == "info-dev")
        #expect(try resolve(#"{"Fn::Sub": "plain"}"#) == "plain")
    }

    @Test func joinSelectSplit() throws {
        #expect(try resolve(#"!Join [":", [a, !Ref Stage, 3]]"#) == "a:dev:3")
        #expect(try resolve(#"!Join [",", !Ref Subnets]"#) == "subnet-a,subnet-b")
        #expect(try resolve("!Select [1, !Ref Subnets]") == "subnet-b")
        #expect(try resolve(#"!Select ["0", [x, y]]"#) == "x")
        #expect(try resolve(#"!Split ["/", "a/b/c"]"#) == ["a", "b", "c"])
        #expect(try resolve(#"!Select [2, !Split ["/", "a/b/c"]]"#) == "c")
    }

    @Test func conditionsAndIf() throws {
        #expect(try resolver.isConditionTrue("IsProd") == false)
        #expect(try resolver.isConditionTrue("IsDev"))
        #expect(try resolve("!If [IsProd, big, small]") == "small")
        #expect(try resolve("!Equals [!Ref Stage, dev]") == true)
        #expect(try resolve("!Not [!Equals [a, a]]") == false)
        #expect(try resolve("!And [!Condition IsDev, !Equals [1, '1']]") == true)
        #expect(try resolve("!Or [!Condition IsProd, !Equals [a, b]]") == false)
        #expect(try resolve("{K: !If [IsProd, v, !Ref AWS::NoValue]}") == [:])
    }

    @Test func findInMapAndOthers() throws {
        #expect(try resolve("!FindInMap [StageConfig, prod, Memory]") == 1024)
        #expect(try resolve("!FindInMap [StageConfig, !Ref Stage, Memory]") == 256)
        #expect(try resolve("!FindInMap [StageConfig, qa, Memory, {DefaultValue: 64}]") == 64)
        #expect(try resolve("!Base64 hello") == "aGVsbG8=")
        #expect(try resolve(#"!GetAZs """#) == ["us-east-1a", "us-east-1b", "us-east-1c"])
        #expect(try resolve(#"!Cidr ["10.0.0.0/16", 3, 8]"#) == ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"])
        let imports = LocalResolver(template: template, options: ResolverOptions(importedValues: ["Vpc": "vpc-1"]))
        #expect(try imports.resolve(["Fn::ImportValue": "Vpc"], property: "P") == "vpc-1")
    }

    @Test func outputs() throws {
        let outputs = try resolver.resolvedOutputs()
        #expect(outputs["TableName"] == "sluice-local-orders")
        #expect(outputs["StreamArn"]?.hasSuffix("/stream/2024-01-01T00:00:00.000") == true)
    }

    @Test func unresolvableIntrinsicsNameResourceAndProperty() throws {
        func failure(_ yaml: String) -> String? {
            let error = #expect(throws: TemplateError.self) { try resolve(yaml) }
            return error?.description
        }
        #expect(failure("!GetAtt DeadLetters.Arn") == "resource 'Test': Value: Fn::GetAtt DeadLetters.Arn is not available locally (resource type AWS::SQS::Queue)")
        #expect(failure("!Ref Nope") == "resource 'Test': Value: no parameter, pseudo parameter or resource named 'Nope'")
        #expect(failure("!ImportValue Shared")?.contains("Fn::ImportValue 'Shared' has no local value") == true)
        #expect(failure("!FindInMap [StageConfig, qa, Memory]")?.contains("mapping 'StageConfig' has no entry [qa][Memory]") == true)
        #expect(failure("!Select [5, [a]]")?.contains("out of range") == true)
        #expect(failure("!If [Missing, a, b]")?.contains("no condition named 'Missing'") == true)
        #expect(failure(#"!Sub "${Subnets}""#)?.contains("is a list") == true)
        #expect(failure("!GetAtt SessionsTable.StreamArn")?.contains("not available locally") == true)
        #expect(failure(#"{"Fn::Transform": {Name: x}}"#)?.contains("Fn::Transform is not supported locally") == true)
    }

    @Test func cyclesAreReportedNotLooped() throws {
        let template = try SAMTemplate(
            yaml: """
                Conditions:
                  A: !Condition B
                  B: !Not [!Condition A]
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Sub "${T.Arn}"
                """)
        let resolver = template.defaultResolver
        let cond = #expect(throws: TemplateError.self) { try resolver.isConditionTrue("A") }
        #expect(cond?.description.contains("circular reference") == true)
        let name = #expect(throws: TemplateError.self) { try resolver.physicalName(of: "T") }
        #expect(name?.description.contains("circular reference") == true)
    }

    @Test func partialResolutionKeepsWhatItCannotResolve() throws {
        let value = resolver.resolvePartially(try TemplateLoader.parse("{A: !Ref Stage, B: !GetAtt DeadLetters.Arn, C: [!Ref AWS::NoValue, x]}"))
        #expect(value == ["A": "dev", "B": ["Fn::GetAtt": ["DeadLetters", "Arn"]], "C": ["x"]])
    }
}
