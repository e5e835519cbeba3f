import Testing

@testable import SluiceCrypto

/// Verification edges that matter against an attacker: the 5-minute window and unsigned payloads.
@Suite struct SigV4HardeningTests {
    static let credentials = AWSCredentials(accessKeyID: "AKIDHARDEN", secretAccessKey: "harden-secret")
    static let signer = SigV4(region: "us-east-1", service: "dynamodb")
    static let base = [("host", "127.0.0.1:8000"), ("x-amz-target", "DynamoDB_20120810.ListTables")]
    static let now: Int64 = 1_760_000_000

    static func verify(_ headers: [String: String], body: [UInt8], at epochSeconds: Int64) throws(SigV4.Failure) {
        try signer.verify(
            method: "POST", path: "/", query: "", headers: headers, body: body, epochSeconds: epochSeconds,
            secretFor: { $0 == credentials.accessKeyID ? credentials.secretAccessKey : nil })
    }

    static func signedHeaders(body: [UInt8]) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in base + signer.sign(method: "POST", path: "/", headers: base, body: body, credentials: credentials, epochSeconds: now) {
            headers[name.lowercased()] = value
        }
        return headers
    }

    @Test func theWindowIsFiveMinutesEitherWay() throws {
        let body = Array("{}".utf8)
        let headers = Self.signedHeaders(body: body)
        try Self.verify(headers, body: body, at: Self.now + 300)
        try Self.verify(headers, body: body, at: Self.now - 300)
        #expect(throws: SigV4.Failure.expired(
            "Signature expired: 20251009T085320Z is now earlier than 20251009T085321Z (20251009T085821Z - 5 min.)")
        ) { try Self.verify(headers, body: body, at: Self.now + 301) }
        #expect(throws: SigV4.Failure.expired(
            "Signature not yet current: 20251009T085320Z is still later than 20251009T085319Z (20251009T084819Z + 5 min.)")
        ) { try Self.verify(headers, body: body, at: Self.now - 301) }
    }

    /// A request signed with `X-Amz-Content-Sha256: UNSIGNED-PAYLOAD` does not let its body be swapped:
    /// DynamoDB signs the body's hash, whatever the header claims.
    @Test func unsignedPayloadDoesNotCoverAnotherBody() throws {
        let amzDate = SigV4.amzDate(Self.now)
        let pairs = Self.base + [("x-amz-date", amzDate), ("x-amz-content-sha256", "UNSIGNED-PAYLOAD")]
        let names = pairs.map(\.0).sorted()
        let signature = Self.signer.signature(
            method: "POST", path: "/", query: "", headers: pairs, signedHeaders: names, payloadHash: "UNSIGNED-PAYLOAD",
            amzDate: amzDate, secret: Self.credentials.secretAccessKey)
        var headers = Dictionary(uniqueKeysWithValues: pairs)
        headers["authorization"] =
            "AWS4-HMAC-SHA256 Credential=\(Self.credentials.accessKeyID)/\(amzDate.prefix(8))/us-east-1/dynamodb/aws4_request, SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)"
        #expect(throws: SigV4.Failure.signatureMismatch) {
            try Self.verify(headers, body: Array(#"{"Limit":1}"#.utf8), at: Self.now)
        }
    }
}
