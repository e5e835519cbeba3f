import Foundation
@testable import SluiceCrypto
import TestSupport
import Testing

/// SigV4 against AWS's published example and against botocore as a real peer; CRC-32's check value.
@Suite struct SigV4Tests {
    static let example = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

    @Test func crc32CheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        // Eight bytes per step over buffers; the byte loop (a non-contiguous sequence) is the reference.
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<1_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for start in 0..<9 {
            for end in stride(from: start, through: bytes.count, by: 37) {
                let slice = Array(bytes[start..<end])
                #expect(CRC32.checksum(slice) == CRC32.checksum(slice.lazy.map { $0 }))
            }
        }
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    /// The IAM ListUsers example of AWS's SigV4 documentation (20150830T123600Z).
    @Test func awsDocumentationExample() {
        let signer = SigV4(region: "us-east-1", service: "iam")
        let added = signer.sign(
            method: "GET", path: "/", query: "Action=ListUsers&Version=2010-05-08",
            headers: [("Host", "iam.amazonaws.com"), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: [], credentials: Self.example, epochSeconds: 1_440_938_160)
        let signature = signer.signature(
            method: "GET", path: "/", query: "Action=ListUsers&Version=2010-05-08",
            headers: [("host", "iam.amazonaws.com"), ("content-type", "application/x-www-form-urlencoded; charset=utf-8"), ("x-amz-date", "20150830T123600Z")],
            signedHeaders: ["content-type", "host", "x-amz-date"],
            payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", amzDate: "20150830T123600Z",
            secret: Self.example.secretAccessKey)
        #expect(signature == "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
        #expect(added.first { $0.0 == "X-Amz-Date" }?.1 == "20150830T123600Z")
    }

    @Test func signedRequestsVerifyAndTamperingIsCaught() throws {
        let signer = SigV4(region: "us-east-1", service: "dynamodb")
        let body = Array(#"{"TableName":"Tasks"}"#.utf8)
        let base = [("host", "127.0.0.1:8000"), ("x-amz-target", "DynamoDB_20120810.DescribeTable"), ("content-type", "application/x-amz-json-1.0")]
        let now: Int64 = 1_760_000_000
        let added = signer.sign(method: "POST", path: "/", headers: base, body: body, credentials: Self.example, epochSeconds: now)
        var headers: [String: String] = [:]
        for (name, value) in base + added { headers[name.lowercased()] = value }
        let secrets = { (key: String) in key == "AKIDEXAMPLE" ? Self.example.secretAccessKey : nil }
        try signer.verify(method: "POST", path: "/", query: "", headers: headers, body: body, epochSeconds: now + 60, secretFor: secrets)
        #expect(throws: SigV4.Failure.signatureMismatch) {
            try signer.verify(method: "POST", path: "/", query: "", headers: headers, body: Array(#"{"TableName":"Users"}"#.utf8), epochSeconds: now, secretFor: secrets)
        }
        var retargeted = headers
        retargeted["x-amz-target"] = "DynamoDB_20120810.DeleteTable"
        #expect(throws: SigV4.Failure.signatureMismatch) {
            try signer.verify(method: "POST", path: "/", query: "", headers: retargeted, body: body, epochSeconds: now, secretFor: secrets)
        }
        #expect(throws: SigV4.Failure.unknownAccessKey) {
            try signer.verify(method: "POST", path: "/", query: "", headers: headers, body: body, epochSeconds: now, secretFor: { _ in nil })
        }
        // A replay 20 minutes later.
        #expect(throws: SigV4.Failure.self) {
            try signer.verify(method: "POST", path: "/", query: "", headers: headers, body: body, epochSeconds: now + 1200, secretFor: secrets)
        }
        var unsigned = headers
        unsigned["authorization"] = nil
        #expect(throws: SigV4.Failure.missingAuthentication) {
            try signer.verify(method: "POST", path: "/", query: "", headers: unsigned, body: body, epochSeconds: now, secretFor: secrets)
        }
    }

    /// botocore (the signer inside boto3 and the aws CLI) signs; we verify.
    @Test func botocoreSignaturesVerify() throws {
        let script = """
            import json
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            body = '{"TableName":"Tasks","Key":{"pk":{"S":"a b/c"}}}'
            request = AWSRequest(method="POST", url="http://127.0.0.1:8000/", data=body, headers={
                "X-Amz-Target": "DynamoDB_20120810.GetItem", "Content-Type": "application/x-amz-json-1.0"})
            SigV4Auth(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token"), "dynamodb", "eu-west-1").add_auth(request)
            headers = {k.lower(): v for k, v in request.headers.items()}
            headers["host"] = "127.0.0.1:8000"
            print(json.dumps({"headers": headers, "body": body}))
            """
        let document = try jsonObject(python(script))  // botocore: scripts/setup installs boto3
        let headers = document["headers"] as? [String: String] ?? [:]
        let body = Array((document["body"] as? String ?? "").utf8)
        let date = headers["x-amz-date"] ?? ""
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let epoch = Int64(formatter.date(from: date)?.timeIntervalSince1970 ?? 0)
        let signer = SigV4(region: "eu-west-1", service: "dynamodb")
        try signer.verify(
            method: "POST", path: "/", query: "", headers: headers, body: body, epochSeconds: epoch,
            secretFor: { $0 == "AKIDEXAMPLE" ? Self.example.secretAccessKey : nil })
        #expect(SigV4.amzDate(epoch) == date)
    }
}
