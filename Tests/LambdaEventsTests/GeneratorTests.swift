import DynamoModel
import Foundation
import Testing

@testable import LambdaEvents
@testable import EventSamples

/// `SampleEvents` output: well-formed, decodable, and carrying the requested details.
@Suite struct GeneratorTests {
    static let date = Date(timeIntervalSince1970: 1_583_348_638.390)

    @Test func httpAPIGenerator() throws {
        let request = SampleEvents.apigwHTTP(
            method: "post", path: "/items/a%20b?tag=x&tag=y&q=hello+world", body: #"{"a":1}"#,
            headers: ["Cookie": "a=1; b=2", "X-Custom": "v"], query: ["extra key": "v&w"],
            claims: ["sub": "user-1", "scope": "read write", "cognito:groups": "[admin user]"], date: Self.date)
        let decoded = try TestSupport.decode(APIGatewayV2Request.self, TestSupport.encode(request))
        #expect(decoded == request)
        #expect(request.rawPath == "/items/a%20b")
        #expect(request.rawQueryString == "tag=x&tag=y&q=hello+world&extra%20key=v%26w")
        #expect(request.queryStringParameters == ["tag": "x,y", "q": "hello world", "extra key": "v&w"])
        #expect(request.requestContext.http.method == "POST")
        #expect(request.requestContext.http.path == "/items/a b")
        #expect(request.cookies == ["a=1", "b=2"])
        #expect(request.header("cookie") == nil)
        #expect(request.header("X-CUSTOM") == "v")
        #expect(request.header("content-type") == "application/json")
        #expect(request.header("content-length") == "7")
        #expect(request.headers?.keys.allSatisfy { $0 == $0.lowercased() } == true)
        #expect(request.bodyBytes == Array(#"{"a":1}"#.utf8))
        #expect(request.requestContext.authorizer?.jwt?.claims?["cognito:groups"] == "[admin user]")
        #expect(request.requestContext.authorizer?.jwt?.scopes == ["read", "write"])
        #expect(request.requestContext.time == "04/Mar/2020:19:03:58 +0000")
        #expect(request.requestContext.timeEpoch == 1_583_348_638_390)
        #expect(request.requestContext.accountId == "123456789012")
    }

    @Test func httpAPIGeneratorDefaults() throws {
        let request = SampleEvents.apigwHTTP()
        #expect(request.rawPath == "/")
        #expect(request.rawQueryString == "")
        #expect(request.queryStringParameters == nil)
        #expect(request.body == nil)
        #expect(request.requestContext.authorizer == nil)
        let json = String(decoding: try TestSupport.encode(request), as: UTF8.self)
        #expect(!json.contains("null"))
        #expect(!json.contains("cookies"))
    }

    @Test func restGenerator() throws {
        let request = SampleEvents.apigwREST(method: "put", path: "users/42?x=1&x=2&y=%2F", body: "plain", date: Self.date)
        #expect(try TestSupport.decode(APIGatewayRequest.self, TestSupport.encode(request)) == request)
        #expect(request.path == "/users/42")
        #expect(request.httpMethod == "PUT")
        #expect(request.resource == "/{proxy+}")
        #expect(request.pathParameters == ["proxy": "users/42"])
        #expect(request.queryStringParameters == ["x": "2", "y": "/"])
        #expect(request.multiValueQueryStringParameters == ["x": ["1", "2"], "y": ["/"]])
        #expect(request.header("content-type") == "text/plain; charset=utf-8")
        #expect(request.headerValues("host") == ["1234567890.execute-api.us-east-1.amazonaws.com"])
        #expect(request.requestContext.path == "/prod/users/42")
        #expect(request.requestContext.requestTime == "04/Mar/2020:19:03:58 +0000")
        #expect(request.requestContext.requestId.count == 36)
        #expect(request.bodyBytes == Array("plain".utf8))
    }

    @Test func dynamoDBGenerator() throws {
        let event = SampleEvents.dynamoDBStream(
            keys: ["Id": .n("101")], newImage: ["Message": .s("New item!")],
            modifiedImage: ["Message": .s("This item has changed")], date: Self.date)
        #expect(try TestSupport.decode(DynamoDBEvent.self, TestSupport.encode(event)) == event)
        #expect(event.records.map(\.eventName) == [.insert, .modify, .remove])
        // The same sizes AWS's own sample reports for these images.
        #expect(event.records.map(\.dynamodb.sizeBytes) == [26, 59, 38])
        #expect(event.records[0].dynamodb.oldImage == nil)
        #expect(event.records[1].dynamodb.oldImage == event.records[0].dynamodb.newImage)
        #expect(event.records[2].dynamodb.newImage == nil)
        #expect(event.records[2].dynamodb.oldImage?["Message"] == .s("This item has changed"))
        let sequence = event.records.map(\.dynamodb.sequenceNumber)
        #expect(Set(sequence.map(\.count)).count == 1 && sequence == sequence.sorted() && Set(sequence).count == 3)
        for record in event.records {
            #expect(record.eventSourceARN
                == "arn:aws:dynamodb:us-east-1:123456789012:table/Example/stream/2024-01-01T00:00:00.000")
            #expect(record.eventID.count == 32)
            #expect(record.dynamodb.approximateCreationDateTime == 1_583_348_638)
            #expect(record.dynamodb.streamViewType == "NEW_AND_OLD_IMAGES")
        }
        let defaults = SampleEvents.dynamoDBStream()
        #expect(defaults.records[0].dynamodb.newImage?["Tags"] == .ss(["new"]))
    }

    @Test func queryStringCoding() {
        #expect(QueryString.decode("a%20b+c%2") == "a b c%2")
        #expect(QueryString.decode("a+b", plusAsSpace: false) == "a+b")
        #expect(QueryString.decode("%E2%82%AC") == "€")
        #expect(QueryString.encode("a b/€&") == "a%20b%2F%E2%82%AC%26")
        #expect(QueryString.encode("/a b", allowed: "/") == "/a%20b")
        let pairs = QueryString.parse("a=1&&b&a=2&c=x%3Dy")
        #expect(pairs.map(\.name) == ["a", "b", "a", "c"])
        #expect(QueryString.joined(pairs) == ["a": "1,2", "b": "", "c": "x=y"])
        #expect(QueryString.lastValues(pairs)["a"] == "2")
    }

    @Test func timeFormatting() {
        #expect(SampleSupport.apiGatewayTime(epochMillis: 0) == "01/Jan/1970:00:00:00 +0000")
        #expect(SampleSupport.apiGatewayTime(epochMillis: -1) == "31/Dec/1969:23:59:59 +0000")
        #expect(SampleSupport.apiGatewayTime(epochMillis: 951_782_400_000) == "29/Feb/2000:00:00:00 +0000")
    }
}
