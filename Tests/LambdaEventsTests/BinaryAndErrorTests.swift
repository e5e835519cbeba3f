import DynamoModel
import Foundation
import Testing

@testable import LambdaEvents
@testable import EventSamples

/// Binary bodies both ways, and bad input failing cleanly.
@Suite struct BinaryAndErrorTests {
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0xFE,
        0x00, 0x80,
    ]

    @Test func binaryRequestBody() throws {
        let request = try TestSupport.decode(APIGatewayV2Request.self, TestSupport.sample("apigw-v2-binary-body"))
        #expect(request.isBase64Encoded)
        #expect(request.bodyBytes == Self.png)
        #expect(request.header("Content-Type") == "image/png")
    }

    @Test func binaryResponsesRoundTrip() throws {
        let v2 = APIGatewayV2Response(statusCode: 200, headers: ["content-type": "image/png"], body: Self.png)
        #expect(v2.isBase64Encoded)
        #expect(v2.body == Base64.encode(Self.png))
        let v2Again = try TestSupport.decode(APIGatewayV2Response.self, TestSupport.encode(v2))
        #expect(v2Again.bodyBytes == Self.png)
        #expect(v2Again == v2)

        let rest = APIGatewayResponse(body: Self.png)
        let json = String(decoding: try TestSupport.encode(rest), as: UTF8.self)
        #expect(json.contains(#""isBase64Encoded":true"#))
        #expect(try TestSupport.decode(APIGatewayResponse.self, Data(json.utf8)).bodyBytes == Self.png)
    }

    @Test func textResponses() throws {
        let v2 = APIGatewayV2Response(statusCode: 404, headers: ["Content-Type": "text/plain"], body: "nope")
        #expect(v2.isBase64Encoded == false)
        #expect(v2.bodyBytes == Array("nope".utf8))
        let json = try TestSupport.encode(v2)
        #expect(try TestSupport.sameJSON(
            json, Data(#"{"statusCode":404,"headers":{"Content-Type":"text/plain"},"body":"nope","isBase64Encoded":false}"#.utf8)))
        // A bare response leaves every optional field out rather than writing null.
        let bare = String(decoding: try TestSupport.encode(APIGatewayResponse(statusCode: 204)), as: UTF8.self)
        #expect(bare == #"{"isBase64Encoded":false,"statusCode":204}"#)
        // Functions may leave isBase64Encoded out.
        let minimal = try TestSupport.decode(APIGatewayV2Response.self, Data(#"{"statusCode":200,"body":"hi"}"#.utf8))
        #expect(minimal.isBase64Encoded == false)
        #expect(minimal.bodyBytes == Array("hi".utf8))
    }

    @Test func invalidBase64BodyGivesNil() throws {
        var request = SampleEvents.apigwHTTP(body: "hello")
        request.isBase64Encoded = true
        request.body = "not*base64"
        #expect(request.bodyBytes == nil)
    }

    @Test(arguments: [
        "", "{", "[]", "null", #"{"statusCode":"200"}"#, #"{"statusCode":200,"headers":{"a":1}}"#,
        #"{"statusCode":200,"isBase64Encoded":"yes"}"#, #"{"body":"x"}"#,
    ])
    func malformedResponsesThrow(json: String) {
        #expect(throws: (any Error).self) {
            try TestSupport.decode(APIGatewayV2Response.self, Data(json.utf8))
        }
    }

    @Test func malformedRequestsAndEventsThrow() throws {
        var sample = try JSONSerialization.jsonObject(with: TestSupport.sample("apigw-v2-http-api-proxy")) as! [String: Any]
        sample["requestContext"] = ["accountId": 123]
        let wrongContext = try JSONSerialization.data(withJSONObject: sample)
        #expect(throws: DecodingError.self) { try TestSupport.decode(APIGatewayV2Request.self, wrongContext) }
        #expect(throws: DecodingError.self) { try TestSupport.decode(APIGatewayV2Request.self, Data("{}".utf8)) }
        #expect(throws: DecodingError.self) {
            try TestSupport.decode(APIGatewayRequest.self, Data(#"{"resource":"/","path":"/","httpMethod":7}"#.utf8))
        }
        let badEvents = [
            #"{"Records":{}}"#, #"{"Records":[{"eventName":"UPSERT"}]}"#, #"{"records":[]}"#,
            #"{"Records":[{"eventID":"1","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1","dynamodb":{"Keys":{"Id":{"X":"1"}},"SequenceNumber":"1","SizeBytes":1}}]}"#,
            #"{"Records":[{"eventID":"1","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1","dynamodb":{"Keys":{"Id":{"N":1}},"SequenceNumber":"1","SizeBytes":1}}]}"#,
        ]
        for json in badEvents {
            #expect(throws: DecodingError.self) { try TestSupport.decode(DynamoDBEvent.self, Data(json.utf8)) }
        }
        #expect(throws: (any Error).self) { try TestSupport.decode(BatchItemFailures.self, Data(#"{"batchItemFailures":[{"itemIdentifier":1}]}"#.utf8)) }
    }
}
