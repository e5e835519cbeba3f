import DynamoClient
import Foundation
import SluiceCrypto
import Synchronization
import TestSupport
import Testing

/// moto's server started once for the S3 client tests (each test uses its own bucket).
actor MotoS3 {
    static let shared = MotoS3()
    private var started: Task<String, any Error>?

    /// The endpoint (`http://127.0.0.1:<port>`), starting moto on first use.
    func endpoint() async throws -> String {
        if let started { return try await started.value }
        let task = Task {
            let server = try ServerProcess(["python3", "-m", "moto.server", "-p", "0"])
            PeerServices.servers.withLock { $0.append(server) }
            return "http://127.0.0.1:" + (try await server.await("Running on http://127\\.0\\.0\\.1:(\\d+)"))
        }
        started = task
        return try await task.value
    }

    /// A client of moto with a fresh bucket.
    static func clientWithBucket(_ configure: (inout S3ClientConfiguration) -> Void = { _ in }) async throws -> (S3Client, String) {
        var configuration = S3ClientConfiguration(
            endpoint: try await shared.endpoint(), credentials: AWSCredentialsForTests.dummy, pathStyle: true)
        configuration.maxAttempts = 2
        configuration.baseDelayMilliseconds = 10
        configure(&configuration)
        let client = try S3Client(configuration: configuration)
        let bucket = "sluice-" + UUID().uuidString.lowercased().prefix(18)
        try client.createBucket(String(bucket))
        return (client, String(bucket))
    }
}

/// ``S3Client`` against moto's S3: the operations the lake uses, with boto3 as the independent reader.
@Suite(.timeLimit(.minutes(3))) struct S3ClientTests {
    /// Runs a boto3 script against moto (endpoint and bucket as argv[1], argv[2]) and returns its stdout.
    static func boto3(_ script: String, _ arguments: [String]) throws -> String {
        try python("""
            import sys, boto3
            s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1',
                              aws_access_key_id='AKIDTEST', aws_secret_access_key='testing')
            bucket = sys.argv[2]
            """ + "\n" + script, arguments)
    }

    @Test func putGetRangeHeadDeleteWithAwkwardKeys() async throws {
        let (client, bucket) = try await MotoS3.clientWithBucket()
        let endpoint = try await MotoS3.shared.endpoint()
        let bytes = Array((0..<10_000).map { UInt8($0 % 251) })
        // Spaces, '+', '=', unicode and a Hive partition folder: encoded once, stored under the same key.
        let key = "lake/tasks/dt=2026-01-02/part 1+2=ü.parquet"
        let etag = try client.putObject(bucket: bucket, key: key, bytes: bytes)
        #expect(etag.hasPrefix("\""))
        #expect(try client.getObject(bucket: bucket, key: key) == bytes)
        #expect(try client.getObject(bucket: bucket, key: key, range: 9_990..<10_000) == Array(bytes[9_990...]))
        #expect(try client.getObject(bucket: bucket, key: key, range: 100..<356) == Array(bytes[100..<356]))
        let head = try #require(try client.headObject(bucket: bucket, key: key))
        #expect(head.size == 10_000 && head.etag == etag)
        // boto3 sees the same key and bytes.
        let seen = try Self.boto3("""
            import hashlib
            body = s3.get_object(Bucket=bucket, Key=sys.argv[3])['Body'].read()
            print(len(body), hashlib.sha256(body).hexdigest())
            """, [endpoint, bucket, key])
        #expect(seen.trimmingCharacters(in: .whitespacesAndNewlines) == "10000 \(Digest.hex(Digest.sha256(bytes)))")
        try client.deleteObject(bucket: bucket, key: key)
        #expect(try client.headObject(bucket: bucket, key: key) == nil)
        #expect(try client.fetchObject(bucket: bucket, key: key) == nil)
        try client.deleteObject(bucket: bucket, key: key)  // deleting what is gone is not an error
        #expect(throws: S3ClientError.noSuchKey(bucket: bucket, key: key)) { try client.getObject(bucket: bucket, key: key) }
    }

    @Test func largeObjectsGoUpInPartsAndReadBackWhole() async throws {
        // 11 MB in 5 MiB parts: three parts, the last one short.
        let (client, bucket) = try await MotoS3.clientWithBucket {
            $0.partSizeBytes = 5 * 1024 * 1024
            $0.multipartThresholdBytes = 5 * 1024 * 1024
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<(11 * 1_000_000)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let etag = try client.putObject(bucket: bucket, key: "big.bin", bytes: bytes)
        // A multipart ETag is "<md5 of the part md5s>-<parts>".
        #expect(etag.hasSuffix("-3\""), "\(etag)")
        #expect(try client.getObject(bucket: bucket, key: "big.bin") == bytes)
        let tail = try client.getObject(bucket: bucket, key: "big.bin", range: (bytes.count - 8)..<bytes.count)
        #expect(tail == Array(bytes.suffix(8)))
        let parts = try Self.boto3("""
            print(s3.head_object(Bucket=bucket, Key='big.bin', PartNumber=1)['PartsCount'], s3.head_object(Bucket=bucket, Key='big.bin')['ContentLength'])
            """, [try await MotoS3.shared.endpoint(), bucket])
        #expect(parts.trimmingCharacters(in: .whitespacesAndNewlines) == "3 11000000")
        // No upload is left behind.
        let pending = try Self.boto3("print(len(s3.list_multipart_uploads(Bucket=bucket).get('Uploads', [])))", [try await MotoS3.shared.endpoint(), bucket])
        #expect(pending.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test func listingPaginatesAndGroupsByDelimiter() async throws {
        let (client, bucket) = try await MotoS3.clientWithBucket()
        var keys: [String] = []
        for dt in ["2026-01-01", "2026-01-02"] {
            for n in 0..<3 { keys.append("tasks/dt=\(dt)/part-\(n).parquet") }
        }
        keys += ["tasks/_manifest.json", "tasks/_schema.json", "users/_manifest.json"]
        for key in keys { try client.putObject(bucket: bucket, key: key, bytes: Array(key.utf8)) }

        let first = try client.listObjects(bucket: bucket, prefix: "tasks/", maxKeys: 2)
        #expect(first.objects.count == 2 && first.continuationToken != nil)
        var all = first.objects.map(\.key)
        var token = first.continuationToken
        var pages = 1
        while let next = token {
            let page = try client.listObjects(bucket: bucket, prefix: "tasks/", maxKeys: 2, continuationToken: next)
            all += page.objects.map(\.key)
            token = page.continuationToken
            pages += 1
        }
        #expect(pages == 4)
        #expect(all == keys.filter { $0.hasPrefix("tasks/") }.sorted())
        #expect(try client.listAllObjects(bucket: bucket, prefix: "tasks/", pageSize: 2).objects.map(\.key) == all)
        let sizes = try client.listAllObjects(bucket: bucket, prefix: "users/").objects
        #expect(sizes.map(\.key) == ["users/_manifest.json"] && sizes.map(\.size) == ["users/_manifest.json".utf8.count])

        let folders = try client.listAllObjects(bucket: bucket, prefix: "tasks/", delimiter: "/", pageSize: 1)
        #expect(folders.commonPrefixes == ["tasks/dt=2026-01-01/", "tasks/dt=2026-01-02/"])
        #expect(folders.objects.map(\.key) == ["tasks/_manifest.json", "tasks/_schema.json"])
        #expect(try client.listAllObjects(bucket: bucket, prefix: "nothing/").objects.isEmpty)
    }

    @Test func errorsAreMappedToWhatWentWrong() async throws {
        let (client, bucket) = try await MotoS3.clientWithBucket()
        #expect(throws: S3ClientError.noSuchBucket("sluice-no-such-bucket")) {
            try client.putObject(bucket: "sluice-no-such-bucket", key: "k", bytes: [1])
        }
        #expect(throws: S3ClientError.noSuchBucket("sluice-no-such-bucket")) {
            try client.listObjects(bucket: "sluice-no-such-bucket")
        }
        #expect(throws: S3ClientError.self) { try client.getObject(bucket: "Not_A_Bucket", key: "k") }
        // Conditional writes: the manifest's commit point on S3.
        let etag = try client.putObject(bucket: bucket, key: "m.json", bytes: Array("1".utf8), ifNoneMatch: "*")
        #expect(throws: S3ClientError.preconditionFailed(bucket: bucket, key: "m.json")) {
            try client.putObject(bucket: bucket, key: "m.json", bytes: Array("2".utf8), ifNoneMatch: "*")
        }
        let second = try client.putObject(bucket: bucket, key: "m.json", bytes: Array("2".utf8), ifMatch: etag)
        #expect(throws: S3ClientError.preconditionFailed(bucket: bucket, key: "m.json")) {
            try client.putObject(bucket: bucket, key: "m.json", bytes: Array("3".utf8), ifMatch: etag)
        }
        #expect(try client.fetchObject(bucket: bucket, key: "m.json")?.etag == second)
        #expect(try client.getObject(bucket: bucket, key: "m.json") == Array("2".utf8))
        // Nobody listening: a transport error after the retries.
        var unreachable = S3ClientConfiguration(endpoint: "http://127.0.0.1:1", credentials: AWSCredentialsForTests.dummy)
        unreachable.baseDelayMilliseconds = 5
        let closed = try S3Client(configuration: unreachable)
        #expect {
            try closed.getObject(bucket: bucket, key: "k")
        } throws: { error in
            if case S3ClientError.transport(let code, _) = error { return code == 7 }
            return false
        }
    }

    @Test func slowDownAndServerErrorsAreRetried() async throws {
        let server = try ScriptedHTTPServer([
            .respond(status: 503, body: "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>", crc: false),
            .respond(status: 500, body: "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>", crc: false),
            .respond(status: 200, body: "abc", crc: false),
        ])
        defer { server.close() }
        var configuration = S3ClientConfiguration(endpoint: server.endpoint, credentials: AWSCredentialsForTests.dummy)
        configuration.baseDelayMilliseconds = 5
        let client = try S3Client(configuration: configuration)
        #expect(try client.getObject(bucket: "lake", key: "a/b") == Array("abc".utf8))
        #expect(server.requestCount == 3)
        let headers = try #require(server.requestHeaders.last)
        #expect(headers["authorization"]?.contains("/us-east-1/s3/aws4_request") == true)
        #expect(headers["x-amz-content-sha256"] == Digest.hex(Digest.sha256([UInt8]())))
        // An access error is not retried.
        let denied = try ScriptedHTTPServer([
            .respond(status: 403, body: "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", crc: false),
        ])
        defer { denied.close() }
        let deniedClient = try S3Client(configuration: S3ClientConfiguration(endpoint: denied.endpoint, credentials: AWSCredentialsForTests.dummy))
        #expect(throws: S3ClientError.service(code: "AccessDenied", message: "Access Denied", status: 403)) {
            try deniedClient.getObject(bucket: "lake", key: "k")
        }
        #expect(denied.requestCount == 1)
    }

    @Test func configurationFollowsTheSDKs() throws {
        let custom = try S3ClientConfiguration.fromEnvironment([
            "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:4566/", "AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "k",
            "AWS_SECRET_ACCESS_KEY": "s", "HOME": "/nonexistent",
        ])
        #expect(custom.endpoint == "http://127.0.0.1:4566" && custom.pathStyle && custom.region == "eu-west-1")
        #expect(custom.sources["endpoint"] == "env AWS_ENDPOINT_URL_S3")
        let aws = try S3ClientConfiguration.fromEnvironment(["AWS_REGION": "eu-west-1", "HOME": "/nonexistent"])
        #expect(aws.endpoint == "https://s3.eu-west-1.amazonaws.com" && !aws.pathStyle && aws.credentials == nil)
        // DynamoDB's variable does not move S3, and the other way round.
        let dynamo = try DynamoClientConfiguration.fromEnvironment(["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:4566", "HOME": "/nonexistent"])
        #expect(dynamo.endpoint == "https://dynamodb.us-east-1.amazonaws.com")
        #expect(throws: S3ClientError.self) {
            var small = S3ClientConfiguration(endpoint: "http://127.0.0.1:1")
            small.partSizeBytes = 1024
            _ = try S3Client(configuration: small)
        }
    }
}
