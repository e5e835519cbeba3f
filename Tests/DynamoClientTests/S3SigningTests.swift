@testable import DynamoClient
import Foundation
import SluiceCrypto
import TestSupport
import Testing

/// The S3 client's requests signed as AWS signs them: AWS's published S3 example, and botocore's
/// `S3SigV4Auth` (the signer of boto3 and the aws CLI) on the very requests ``S3Client`` sends, awkward
/// keys and query strings included. moto cannot be the judge here: with authentication on, it refuses
/// botocore's own signatures for keys with `+`, `$` or non-ASCII characters.
@Suite struct S3SigningTests {
    /// AWS's example credentials of the S3 signing documentation, and its date (2013-05-24T00:00:00Z).
    static let credentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let epoch: Int64 = 1_369_353_600

    /// The `Authorization` header the transport adds to `request` (it signs `Host` and the request's headers).
    static func authorization(_ request: SignedRequest, region: String) -> String? {
        SigV4(region: region, service: "s3").sign(
            method: request.method, path: request.path, query: request.query,
            headers: [("Host", request.authority)] + request.headers, body: request.body, credentials: credentials,
            epochSeconds: epoch
        ).first { $0.0 == "Authorization" }?.1
    }

    /// "GET Object" of the S3 SigV4 documentation (`Range: bytes=0-9` of `examplebucket/test.txt`).
    @Test func awsDocumentationGetObjectExample() throws {
        var configuration = S3ClientConfiguration(
            endpoint: "https://s3.amazonaws.com", credentials: Self.credentials, pathStyle: false)
        configuration.region = "us-east-1"
        let client = try S3Client(configuration: configuration)
        let request = try client.request("GET", bucket: "examplebucket", key: "test.txt", query: "", headers: [("Range", "bytes=0-9")], body: [])
        #expect(request.authority == "examplebucket.s3.amazonaws.com" && request.path == "/test.txt")
        #expect(Self.authorization(request, region: "us-east-1") == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    /// One request of the client's: how it is built, and the body it carries.
    struct Case {
        var method: String
        var key: String?
        var query: String
        var headers: [(String, String)]
        var body: [UInt8]
    }

    @Test(arguments: [("http://127.0.0.1:9000", true), ("https://s3.eu-west-1.amazonaws.com", false)])
    func botocoreSignsTheClientsRequestsTheSameWay(endpoint: String, pathStyle: Bool) throws {
        var configuration = S3ClientConfiguration(endpoint: endpoint, credentials: Self.credentials, pathStyle: pathStyle)
        configuration.region = "eu-west-1"
        let client = try S3Client(configuration: configuration)
        let awkward = "lake/tasks/dt=2026-01-02/part 1+2=ü$~(x)*!'.parquet"
        let cases: [Case] = [
            Case(method: "PUT", key: awkward, query: "", headers: [("Content-Type", "application/octet-stream"), ("If-None-Match", "*")],
                 body: Array("Welcome to Amazon S3.".utf8)),
            Case(method: "GET", key: awkward, query: "", headers: [("Range", "bytes=0-9")], body: []),
            Case(method: "GET", key: "plain.txt", query: "", headers: [], body: []),
            Case(method: "POST", key: awkward, query: "uploads=", headers: [("Content-Type", "application/octet-stream")], body: []),
            Case(method: "PUT", key: awkward, query: "partNumber=2&uploadId=" + SigV4.encode("VXBsb2Fk+SUQ/=".utf8), headers: [],
                 body: Array(repeating: 7, count: 1000)),
            Case(method: "GET", key: nil,
                 query: S3Client.query([("list-type", "2"), ("prefix", "lake/tasks/dt=2026 ü"), ("delimiter", "/"),
                                        ("continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")]),
                 headers: [], body: []),
            Case(method: "DELETE", key: "lake/a%2Fb", query: "", headers: [], body: []),
        ]
        var ours: [[String: Any]] = []
        for item in cases {
            let request = try client.request(
                item.method, bucket: "lake-bucket", key: item.key, query: item.query, headers: item.headers, body: item.body)
            ours.append([
                "method": request.method, "url": request.url, "body": request.body.map(Int.init),
                "headers": Dictionary(request.headers, uniquingKeysWith: { a, _ in a }),
                "authorization": Self.authorization(request, region: "eu-west-1") ?? "",
            ])
        }
        let input = String(decoding: try JSONSerialization.data(withJSONObject: ours), as: UTF8.self)
        let script = """
            import datetime, json, sys
            import botocore.auth
            from botocore.auth import S3SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            botocore.auth.get_current_datetime = lambda *a, **k: datetime.datetime(2013, 5, 24, 0, 0, 0)
            credentials = Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
            out = []
            for case in json.loads(sys.stdin.read()):
                request = AWSRequest(method=case["method"], url=case["url"], data=bytes(case["body"]), headers=case["headers"])
                S3SigV4Auth(credentials, "s3", "eu-west-1").add_auth(request)
                out.append(request.headers["Authorization"])
            print(json.dumps(out))
            """
        let run = try runProgram(["python3", "-c", script], stdin: input)
        try #require(run.status == 0, "botocore: \(run.stderr)")
        let theirs = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String])
        try #require(theirs.count == cases.count)
        for (index, mine) in ours.enumerated() {
            // botocore separates the Authorization parameters with ", " too.
            #expect(mine["authorization"] as? String == theirs[index], "\(cases[index].method) \(mine["url"] ?? "")")
        }
    }
}
