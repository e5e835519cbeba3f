import Testing

@testable import SluiceTemplate

@Suite struct LoaderTests {
    @Test func everyShortTagBecomesItsLongForm() throws {
        let yaml = """
            A: !Ref Param
            B: !GetAtt Table.StreamArn
            C: !GetAtt [Table, Arn]
            D: !GetAtt Db.Endpoint.Address
            E: !Sub "${AWS::StackName}-x"
            F: !Sub ["${A}-${B}", {A: a, B: !Ref P}]
            G: !If [IsProd, 1, !Ref AWS::NoValue]
            H: !Equals [!Ref Stage, prod]
            I: !Not [!Condition IsProd]
            J: !And [!Condition A, !Condition B]
            K: !Or [!Condition A, !Condition B]
            L: !Join ["", [a, b]]
            M: !Select [0, !GetAZs ""]
            N: !Split [",", "a,b"]
            O: !FindInMap [Map, Top, Second]
            P: !GetAZs us-west-2
            Q: !ImportValue SharedVpc
            R: !Base64 hello
            S: !Cidr ["10.0.0.0/16", 2, 8]
            T: !Condition IsProd
            """
        let value = try TemplateLoader.parse(yaml)
        #expect(value["A"] == ["Ref": "Param"])
        #expect(value["B"] == ["Fn::GetAtt": ["Table", "StreamArn"]])
        #expect(value["C"] == ["Fn::GetAtt": ["Table", "Arn"]])
        #expect(value["D"] == ["Fn::GetAtt": ["Db", "Endpoint.Address"]])
        #expect(value["E"] == ["Fn::Sub": "${AWS::StackName}-x"])
        #expect(value["F"] == ["Fn::Sub": ["${A}-${B}", ["A": "a", "B": ["Ref": "P"]]]])
        #expect(value["G"] == ["Fn::If": ["IsProd", 1, ["Ref": "AWS::NoValue"]]])
        #expect(value["H"] == ["Fn::Equals": [["Ref": "Stage"], "prod"]])
        #expect(value["I"] == ["Fn::Not": [["Condition": "IsProd"]]])
        #expect(value["J"] == ["Fn::And": [["Condition": "A"], ["Condition": "B"]]])
        #expect(value["K"] == ["Fn::Or": [["Condition": "A"], ["Condition": "B"]]])
        #expect(value["L"] == ["Fn::Join": ["", ["a", "b"]]])
        #expect(value["M"] == ["Fn::Select": [0, ["Fn::GetAZs": ""]]])
        #expect(value["N"] == ["Fn::Split": [",", "a,b"]])
        #expect(value["O"] == ["Fn::FindInMap": ["Map", "Top", "Second"]])
        #expect(value["P"] == ["Fn::GetAZs": "us-west-2"])
        #expect(value["Q"] == ["Fn::ImportValue": "SharedVpc"])
        #expect(value["R"] == ["Fn::Base64": "hello"])
        #expect(value["S"] == ["Fn::Cidr": ["10.0.0.0/16", 2, 8]])
        #expect(value["T"] == ["Condition": "IsProd"])
        #expect(value["B"]?.intrinsic?.name == "Fn::GetAtt")
    }

    @Test func scalarsAreTypedLikeYAML11() throws {
        let value = try TemplateLoader.parse(
            """
            t: true
            f: False
            y: yes
            quoted: "true"
            single: '30'
            n: 30
            d: 1.10
            neg: -5
            nul: null
            tilde: ~
            empty:
            text: hello world
            version: 2012-10-17
            block: |
              line
            after: x
            """)
        #expect(value["t"] == .bool(true))
        #expect(value["f"] == .bool(false))
        #expect(value["y"] == .bool(true))
        #expect(value["quoted"] == .string("true"))
        #expect(value["single"] == .string("30"))
        #expect(value["n"] == .number("30"))
        #expect(value["d"] == .number("1.10"))
        #expect(value["neg"] == .number("-5"))
        #expect(value["nul"] == .null)
        #expect(value["tilde"] == .null)
        #expect(value["empty"] == .null)
        #expect(value["text"] == .string("hello world"))
        #expect(value["version"] == .string("2012-10-17"))
        #expect(value["block"] == .string("line\n"))
    }

    @Test func keyOrderIsPreservedAndAliasesAndMergeKeysExpand() throws {
        let value = try TemplateLoader.parse(
            """
            zeta: 1
            alpha: 2
            base: &base {Runtime: provided.al2023, Timeout: 5}
            fn:
              <<: *base
              Timeout: 9
            """)
        #expect(value.mapValue?.keys == ["zeta", "alpha", "base", "fn"])
        #expect(value["fn"] == ["Timeout": 9, "Runtime": "provided.al2023"])
    }

    @Test func jsonTemplatesParse() throws {
        let json = """
            {
            \t"AWSTemplateFormatVersion": "2010-09-09",
            \t"Resources": {
            \t\t"Fn": {"Type": "AWS::Serverless::Function",
            \t\t       "Properties": {"Handler": "bootstrap", "Timeout": 10, "Tracing": true,
            \t\t                      "Environment": {"Variables": {"T": {"Ref": "Table"}}}}},
            \t\t"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": "orders",
            \t\t  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            \t\t  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]}}
            \t}
            }
            """
        let template = try SAMTemplate(yaml: json, fileName: "template.json")
        #expect(template.resourceIds == ["Fn", "Table"])
        let function = try template.function(named: "Fn")
        #expect(function.timeout == 10)
        #expect(function.properties["Tracing"] == .bool(true))
        #expect(function.environmentVariables == ["T": "orders"])
    }

    @Test func jsonTextRoundTrips() throws {
        let value: TemplateValue = ["b": [1, "x\"y", true, nil], "a": ["Ref": "P"]]
        #expect(value.jsonText == #"{"b":[1,"x\"y",true,null],"a":{"Ref":"P"}}"#)
        #expect(try TemplateLoader.parse(value.jsonText) == value)
    }
}
