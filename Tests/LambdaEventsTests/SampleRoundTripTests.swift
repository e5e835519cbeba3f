import DynamoModel
import Foundation
import Testing

@testable import LambdaEvents

/// AWS's own sample events decode, and encode back to the same JSON.
@Suite struct SampleRoundTripTests {
    @Test(arguments: [
        "apigw-v2-http-api-proxy", "apigw-v2-jwt-authorizer", "apigw-v2-lambda-authorizer", "apigw-v2-iam-authorizer",
        "apigw-v2-binary-body",
    ])
    func httpAPIRequestsRoundTrip(name: String) throws {
        let request = try TestSupport.roundTrip(APIGatewayV2Request.self, sample: name)
        #expect(request.version == "2.0")
    }

    @Test(arguments: ["apigw-rest-proxy", "apigw-rest-authorizer"])
    func restRequestsRoundTrip(name: String) throws {
        try TestSupport.roundTrip(APIGatewayRequest.self, sample: name)
    }

    @Test func responsesRoundTrip() throws {
        let v2 = try TestSupport.roundTrip(APIGatewayV2Response.self, sample: "apigw-v2-response")
        #expect(v2.statusCode == 201)
        #expect(v2.cookies?.count == 2)
        #expect(v2.header("content-type") == "application/json")
        let rest = try TestSupport.roundTrip(APIGatewayResponse.self, sample: "apigw-rest-response")
        #expect(rest.body == "Hello World")
        #expect(rest.isBase64Encoded == false)
        #expect(rest.header("x-forwarded-port") == "443")
    }

    @Test func httpAPISampleFields() throws {
        let request = try TestSupport.decode(APIGatewayV2Request.self, TestSupport.sample("apigw-v2-http-api-proxy"))
        #expect(request.rawPath == "/path/to/resource")
        #expect(request.queryStringParameters?["parameter1"] == "value1,value2")
        #expect(request.header("HEADER2") == "value1,value2")
        #expect(request.header("missing") == nil)
        #expect(request.isBase64Encoded)
        #expect(request.bodyBytes == Array(#"{"test":"body"}"#.utf8))
        let context = request.requestContext
        #expect(context.http.method == "POST")
        #expect(context.timeEpoch == 1_583_348_638_390)
        #expect(context.authentication?.clientCert?.validity.notAfter == "Aug  5 09:36:04 2021 GMT")
        #expect(context.authorizer?.jwt?.scopes == ["scope1", "scope2"])
    }

    @Test func authorizerVariants() throws {
        let jwt = try TestSupport.decode(APIGatewayV2Request.self, TestSupport.sample("apigw-v2-jwt-authorizer"))
        #expect(jwt.requestContext.authorizer?.jwt?.claims?["claim1"] == "value1")
        #expect(jwt.bodyBytes == Array("{\r\n\t\"a\": 1\r\n}".utf8))
        let lambda = try TestSupport.decode(APIGatewayV2Request.self, TestSupport.sample("apigw-v2-lambda-authorizer"))
        #expect(lambda.requestContext.authorizer?.lambda?["key"] == .string("value"))
        #expect(lambda.requestContext.authorizer?.jwt == nil)
        let iam = try TestSupport.decode(APIGatewayV2Request.self, TestSupport.sample("apigw-v2-iam-authorizer"))
        #expect(iam.requestContext.authorizer?.iam?.cognitoIdentity?.amr == ["foo"])
        #expect(iam.requestContext.authorizer?.iam?.userArn == "arn:aws:iam::1234567890:user/Admin")
    }

    @Test func cognitoGroupsClaimIsAString() throws {
        let json = #"{"claims":{"sub":"u-1","cognito:groups":"[admin user]","email_verified":"true"},"scopes":null}"#
        let token = try TestSupport.decode(APIGatewayV2Request.JWT.self, Data(json.utf8))
        #expect(token.claims?["cognito:groups"] == "[admin user]")
        #expect(token.scopes == nil)
        #expect(String(decoding: try TestSupport.encode(token), as: UTF8.self).contains("scopes") == false)
    }

    @Test func restSampleFields() throws {
        let proxy = try TestSupport.decode(APIGatewayRequest.self, TestSupport.sample("apigw-rest-proxy"))
        #expect(proxy.httpMethod == "POST")
        #expect(proxy.queryStringParameters == ["foo": "bar"])
        #expect(proxy.multiValueQueryStringParameters == ["foo": ["bar"]])
        #expect(proxy.header("user-agent") == "Custom User Agent String")
        #expect(proxy.headerValues("x-forwarded-for") == ["127.0.0.1, 127.0.0.2"])
        #expect(proxy.requestContext.identity.caller == nil)
        #expect(proxy.requestContext.identity.sourceIp == "127.0.0.1")
        #expect(proxy.bodyBytes == Array(#"{"test":"body"}"#.utf8))

        let authorized = try TestSupport.decode(APIGatewayRequest.self, TestSupport.sample("apigw-rest-authorizer"))
        #expect(authorized.requestContext.authorizer?["clientId"]?.intValue == 1)
        #expect(authorized.requestContext.authorizer?["principalId"] == .string("admin"))
        #expect(authorized.requestContext.identity.apiKeyId == "theApiKeyId")
        #expect(authorized.isBase64Encoded == false)
        // Absent on the wire stays absent.
        #expect(!String(decoding: try TestSupport.encode(authorized), as: UTF8.self).contains("isBase64Encoded"))
    }

    @Test func dynamoDBSample() throws {
        let event = try TestSupport.roundTrip(DynamoDBEvent.self, sample: "dynamodb-update")
        #expect(event.records.map(\.eventName) == [.insert, .modify, .remove])
        let modify = event.records[1]
        #expect(modify.dynamodb.keys == ["Id": .n("101")])
        #expect(modify.dynamodb.newImage?["Message"] == .s("This item has changed"))
        #expect(modify.dynamodb.oldImage?["Message"] == .s("New item!"))
        #expect(modify.dynamodb.sizeBytes == 59)
        #expect(event.records[2].dynamodb.newImage == nil)
        #expect(modify.eventSourceARN?.hasPrefix("arn:aws:dynamodb:us-east-1:123456789012:table/") == true)
    }

    @Test func comparisonIsStrict() throws {
        func same(_ a: String, _ b: String) throws -> Bool { try TestSupport.sameJSON(Data(a.utf8), Data(b.utf8)) }
        #expect(try !same(#"{"a":true}"#, #"{"a":1}"#))
        #expect(try !same(#"{"a":1}"#, #"{"a":1,"b":2}"#))
        #expect(try !same(#"{"a":[1,2]}"#, #"{"a":[2,1]}"#))
        #expect(try !same(#"{"a":"1"}"#, #"{"a":1}"#))
        #expect(try same(#"{"a":null,"b":{"c":false}}"#, #"{"b":{"c":false}}"#))
    }

    @Test func batchItemFailuresEncodeExactly() throws {
        let response = BatchItemFailures(itemIdentifiers: ["1"])
        #expect(String(decoding: try JSONEncoder().encode(response), as: UTF8.self)
            == #"{"batchItemFailures":[{"itemIdentifier":"1"}]}"#)
        #expect(String(decoding: try JSONEncoder().encode(BatchItemFailures()), as: UTF8.self)
            == #"{"batchItemFailures":[]}"#)
        let decoded = try TestSupport.decode(
            BatchItemFailures.self, Data(#"{"batchItemFailures":[{"itemIdentifier":"a"},{"itemIdentifier":"b"}]}"#.utf8))
        #expect(decoded.itemIdentifiers == ["a", "b"])
    }
}
