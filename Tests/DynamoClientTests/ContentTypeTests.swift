import Testing
@testable import DynamoServer

/// The content types the wire server serves (the SDKs' exact header takes a shortcut; the rest is parsed).
@Suite struct ContentTypeTests {
    @Test(arguments: [
        nil, "application/x-amz-json-1.0", "Application/X-Amz-JSON-1.0", "application/x-amz-json-1.0; charset=utf-8",
        " application/json ", "application/json;charset=UTF-8",
    ])
    func accepted(_ header: String?) {
        #expect(DynamoWireServer.acceptsContentType(header))
    }

    @Test(arguments: ["application/x-amz-json-1.1", "text/plain", "", "application/x-amz-json-1.0x", "application/x-amz-json"])
    func refused(_ header: String) {
        #expect(!DynamoWireServer.acceptsContentType(header))
    }
}
