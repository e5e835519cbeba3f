import Foundation
import SluiceJSON
import Testing

@testable import LambdaEvents

/// Payload 2.0 requests and responses take a direct path between JSON and the value in SluiceJSON's coders;
/// it must give exactly what the Codable path gives, and leave to it whatever it does not read itself.
@Suite struct DirectJSONTests {
    /// Runs the synthesized Codable conformance of `T`, skipping the direct path.
    struct CodableOnly<T: Codable>: Codable {
        var value: T
        init(_ value: T) { self.value = value }
        init(from decoder: any Decoder) throws { value = try T(from: decoder) }
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }

    static let requestSamples = [
        "apigw-v2-http-api-proxy", "apigw-v2-jwt-authorizer", "apigw-v2-lambda-authorizer", "apigw-v2-iam-authorizer",
        "apigw-v2-binary-body",
    ]

    func expectSameEncoding<T: Codable>(_ value: T) throws {
        let direct = try SluiceJSONEncoder().encodeToString(value)
        let codable = try SluiceJSONEncoder().encodeToString(CodableOnly(value))
        #expect(direct == codable)
    }

    func expectSameDecoding<T: Codable & Equatable>(_ type: T.Type, _ text: String) {
        let direct = Result { try SluiceJSONDecoder().decode(T.self, from: text) }
        let codable = Result { try SluiceJSONDecoder().decode(CodableOnly<T>.self, from: text).value }
        switch (direct, codable) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)", "\(text)")
        default: Issue.record("direct \(direct) but Codable \(codable) for \(text)")
        }
    }

    @Test(arguments: requestSamples)
    func requestSamplesDecodeAndEncodeAlike(name: String) throws {
        let text = String(decoding: try TestSupport.sample(name), as: UTF8.self)
        expectSameDecoding(APIGatewayV2Request.self, text)
        try expectSameEncoding(try SluiceJSONDecoder().decode(APIGatewayV2Request.self, from: text))
    }

    @Test func plainRequestsTakeTheDirectPath() throws {
        // The JWT sample without its mutual-TLS block is what the local gateway sends.
        var jwt = try SluiceJSONDecoder().decode(
            APIGatewayV2Request.self, from: String(decoding: try TestSupport.sample("apigw-v2-jwt-authorizer"), as: UTF8.self))
        #expect(APIGatewayV2Request(jsonValue: try SluiceJSONEncoder().encodeToValue(jwt)) == nil)
        jwt.requestContext.authentication = nil
        let plain = try SluiceJSONEncoder().encodeToValue(jwt)
        #expect(APIGatewayV2Request(jsonValue: plain) == jwt)
    }

    @Test func gatewayShapedRequests() throws {
        let context = APIGatewayV2Request.RequestContext(
            accountId: "123456789012", apiId: "api", authorizer: .init(jwt: .init(claims: ["sub": "u", "scope": "a b"], scopes: ["a", "b"])),
            domainName: "localhost", domainPrefix: "api",
            http: .init(method: "GET", path: "/users/u/tasks", sourceIp: "127.0.0.1", userAgent: "wrk"),
            requestId: "id", routeKey: "GET /users/{id}/tasks", time: "22/Nov/2026:01:02:03 +0000", timeEpoch: 1_795_000_000_000)
        var request = APIGatewayV2Request(
            routeKey: "GET /users/{id}/tasks", rawPath: "/users/u/tasks", headers: ["host": "h", "x-quote": "a \"b\""],
            pathParameters: ["id": "u"], requestContext: context)
        try expectSameEncoding(request)
        request.body = "{\"title\":\"é\\n\"}"
        request.cookies = ["a=1", "b=2"]
        request.queryStringParameters = ["q": "1,2"]
        request.stageVariables = [:]
        request.isBase64Encoded = true
        try expectSameEncoding(request)
        request.requestContext.authorizer = .init(lambda: ["k": .number(JSONNumber(1))])
        try expectSameEncoding(request)
        request.requestContext.authorizer = nil
        try expectSameEncoding(request)
        let text = try SluiceJSONEncoder().encodeToString(request)
        expectSameDecoding(APIGatewayV2Request.self, text)
    }

    @Test func unusualRequestsDecodeAlike() throws {
        let base = try SluiceJSONEncoder().encodeToString(try SluiceJSONDecoder().decode(
            APIGatewayV2Request.self, from: String(decoding: try TestSupport.sample("apigw-v2-jwt-authorizer"), as: UTF8.self)))
        let variants = [
            base.replacingOccurrences(of: #""timeEpoch":"#, with: #""timeEpoch":1.5e3,"x":"#),
            base.replacingOccurrences(of: #""version":"2.0""#, with: #""version":null"#),
            base.replacingOccurrences(of: #""rawQueryString":"#, with: #""rawQueryString":1,"y":"#),
            base.replacingOccurrences(of: #""headers":{"#, with: #""headers":{"n":1,"#),
            base.replacingOccurrences(of: #""headers":{"#, with: #""headers":{"dup":"a","dup":"b","#),
            base.replacingOccurrences(of: #""isBase64Encoded":false"#, with: #""isBase64Encoded":null"#),
            base.replacingOccurrences(of: #""isBase64Encoded":false"#, with: #""isBase64Encoded":"no""#),
            #"{"version":"2.0"}"#, "[]", "null",
        ]
        for text in variants { expectSameDecoding(APIGatewayV2Request.self, text) }
    }

    @Test func responsesDecodeAndEncodeAlike() throws {
        let sample = String(decoding: try TestSupport.sample("apigw-v2-response"), as: UTF8.self)
        expectSameDecoding(APIGatewayV2Response.self, sample)
        let texts = [
            #"{"statusCode":200}"#, #"{"statusCode":200,"body":"x","isBase64Encoded":false}"#,
            #"{"statusCode":201,"headers":{"a":"1","a":"2"},"multiValueHeaders":{"m":["1","2"]},"cookies":["c=1"]}"#,
            #"{"statusCode":200.0}"#, #"{"statusCode":2e2}"#, #"{"statusCode":"200"}"#, #"{"statusCode":-1}"#,
            #"{"statusCode":200,"headers":null,"cookies":null,"body":null,"isBase64Encoded":null}"#,
            #"{"statusCode":200,"headers":{"a":1}}"#, #"{"statusCode":200,"multiValueHeaders":{"m":[1]}}"#,
            #"{"statusCode":200,"multiValueHeaders":{"m":null}}"#, #"{"statusCode":200,"body":"aGk=","isBase64Encoded":true}"#,
            #"{"statusCode":99999999999999999999}"#, #"{"body":"x"}"#, "{}", "[]",
        ]
        for text in texts { expectSameDecoding(APIGatewayV2Response.self, text) }
        try expectSameEncoding(APIGatewayV2Response(statusCode: 200, headers: ["content-type": "application/json"], body: "{}"))
        try expectSameEncoding(APIGatewayV2Response(
            statusCode: 302, headers: ["a": "1", "b": "2"], multiValueHeaders: ["m": ["1", "2"]], cookies: ["c=1"], body: [1, 2, 3]))
        try expectSameEncoding(try SluiceJSONDecoder().decode(APIGatewayV2Response.self, from: #"{"statusCode":204}"#))
    }
}
