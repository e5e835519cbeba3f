import DynamoAPI
import DynamoClient
import DynamoModel
import Foundation
import SluiceCrypto
import TableBackend
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(2))) struct RetryTests {
    static func client(_ server: ScriptedHTTPServer, attempts: Int = 3, timeout: Int = 5_000) throws(DynamoClientError) -> DynamoDBClient {
        var configuration = DynamoClientConfiguration(endpoint: server.endpoint, credentials: AWSCredentialsForTests.dummy)
        configuration.maxAttempts = attempts
        configuration.baseDelayMilliseconds = 5
        configuration.timeoutMilliseconds = timeout
        configuration.ioMode = .ioThreads(2)  // keep blocking libcurl calls off the cooperative pool
        return try DynamoDBClient(configuration: configuration)
    }

    static let getInput = GetItemInput(tableName: "T", key: ["pk": .s("x")])

    /// The transport error a ListTables through `client` ends with: libcurl's code, the message and whether a
    /// retry may help; nil, with an issue recorded, when it ends any other way.
    static func transportError(
        _ client: DynamoDBClient, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> (code: Int, message: String, isRetryable: Bool)? {
        do {
            _ = try await client.send("ListTables", ListTablesInput(), as: ListTablesOutput.self)
            Issue.record("expected a transport error", sourceLocation: sourceLocation)
        } catch {
            if case .transport(let code, let message) = error { return (code, message, error.isRetryable) }
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
    static let type = "com.amazonaws.dynamodb.v20120810#"

    @Test func retriesServerErrorsAndThrottlingThenSucceeds() async throws {
        let server = try ScriptedHTTPServer([
            .respond(status: 500, body: #"{"__type":"\#(Self.type)InternalServerError","message":"boom"}"#),
            .respond(status: 400, body: #"{"__type":"\#(Self.type)ThrottlingException","message":"slow down"}"#),
            .respond(status: 200, body: #"{"Item":{"pk":{"S":"x"}}}"#),
        ])
        defer { server.close() }
        let output = try await Self.client(server).getItem(Self.getInput)
        #expect(output.item == ["pk": .s("x")])
        #expect(server.requestCount == 3)
        let headers = try #require(server.requestHeaders.last)
        #expect(headers["x-amz-target"] == "DynamoDB_20120810.GetItem")
        #expect(headers["content-type"] == "application/x-amz-json-1.0")
        #expect(headers["authorization"]?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDTEST/") == true)
        #expect(headers["host"] == "127.0.0.1:\(server.port)")
    }

    @Test func conditionalCheckFailedIsNotRetriedAndKeepsTheItem() async throws {
        let server = try ScriptedHTTPServer([
            .respond(status: 400, body: #"{"__type":"\#(Self.type)ConditionalCheckFailedException","message":"The conditional request failed","Item":{"pk":{"S":"x"},"n":{"N":"1"}}}"#),
        ])
        defer { server.close() }
        await #expect(throws: DynamoError.conditionalCheckFailedException("The conditional request failed", item: ["pk": .s("x"), "n": .n("1")])) {
            _ = try await Self.client(server).putItem(PutItemInput(tableName: "T", item: ["pk": .s("x")]))
        }
        #expect(server.requestCount == 1)
    }

    @Test func cancellationReasonsAndUnmodeledErrorsMap() async throws {
        let server = try ScriptedHTTPServer([
            .respond(status: 400, body: #"{"__type":"\#(Self.type)TransactionCanceledException","Message":"Transaction cancelled","CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"pk":{"S":"a"}}}]}"#),
            .respond(status: 400, body: #"{"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"bad key"}"#),
        ])
        defer { server.close() }
        let client = try Self.client(server)
        await #expect(throws: DynamoError.transactionCanceledException("Transaction cancelled", reasons: [
            .init(code: "None"), .init(code: "ConditionalCheckFailed", message: "The conditional request failed", item: ["pk": .s("a")]),
        ])) {
            _ = try await client.transactWriteItems(TransactWriteItemsInput(transactItems: []))
        }
        await #expect(throws: DynamoClientError.unmodeledService(code: "UnrecognizedClientException", message: "bad key", status: 400)) {
            _ = try await client.send("ListTables", ListTablesInput(), as: ListTablesOutput.self)
        }
        #expect(server.requestCount == 2)
    }

    @Test func givesUpAfterMaxAttempts() async throws {
        let server = try ScriptedHTTPServer([.respond(status: 503, body: "Service Unavailable", crc: false)])
        defer { server.close() }
        do {
            _ = try await Self.client(server, attempts: 2).send("GetItem", Self.getInput, as: GetItemOutput.self)
            Issue.record("expected an error")
        } catch {
            #expect(error == .invalidResponse(status: 503, message: "Service Unavailable"))
        }
        #expect(server.requestCount == 2)
    }

    @Test func checksumMismatchIsRetried() async throws {
        let server = try ScriptedHTTPServer([
            .respond(status: 200, body: #"{"Item":{"pk":{"S":"corrupt"}}}"#, headers: ["x-amz-crc32": "12345"], crc: false),
            .respond(status: 200, body: #"{"Item":{"pk":{"S":"x"}}}"#),
        ])
        defer { server.close() }
        #expect(try await Self.client(server).getItem(Self.getInput).item == ["pk": .s("x")])
        #expect(server.requestCount == 2)
    }

    @Test func transportErrors() async throws {
        var configuration = DynamoClientConfiguration(endpoint: "http://127.0.0.1:\(unusedPort())")
        configuration.maxAttempts = 2
        configuration.baseDelayMilliseconds = 1
        let refused = await Self.transportError(try DynamoDBClient(configuration: configuration))
        #expect(refused?.code == 7)  // CURLE_COULDNT_CONNECT
        #expect(refused?.isRetryable == true)
        let server = try ScriptedHTTPServer([.hang(seconds: 2)])
        defer { server.close() }
        // The client's own timeout ended the request (28, as libcurl reports it), not the server finishing its 2-second hang.
        let timedOut = await Self.transportError(try Self.client(server, attempts: 1, timeout: 200))
        #expect(timedOut?.code == 28)  // CURLE_OPERATION_TIMEDOUT
    }

    // Plain-http endpoints go through SluiceHTTP's client, not libcurl: these pin down what libcurl did for them.

    @Test func keepAliveConnectionTheServerClosedIsReopened() async throws {
        // Each answer keeps the connection (no `Connection: close`), then the server closes it: the next
        // request fails on the stale connection before any response byte and is sent once more on a new one.
        let server = try ScriptedHTTPServer([
            .respondThenClose(body: #"{"Item":{"pk":{"S":"first"}}}"#), .respondThenClose(body: #"{"Item":{"pk":{"S":"second"}}}"#),
        ])
        defer { server.close() }
        let client = try Self.client(server, attempts: 1)
        #expect(try await client.getItem(Self.getInput).item == ["pk": .s("first")])
        try await Task.sleep(for: .milliseconds(50))  // let the close arrive
        #expect(try await client.getItem(Self.getInput).item == ["pk": .s("second")])
        #expect(server.requestCount == 2)
    }

    @Test func connectTimeoutEndsAConnectionThatNeverOpens() async throws {
        let listener = FullListener()
        var configuration = DynamoClientConfiguration(endpoint: "http://127.0.0.1:\(listener.port)")
        configuration.maxAttempts = 1
        configuration.connectTimeoutMilliseconds = 200
        let failure = await Self.transportError(try DynamoDBClient(configuration: configuration))
        #expect(failure?.code == 28)  // CURLE_OPERATION_TIMEDOUT, as libcurl reports a connect timeout
        #expect(failure?.message.contains("timed out after 200 ms") == true)
        #expect(failure?.isRetryable == true)
        withExtendedLifetime(listener) {}
    }

    @Test func chunkedResponsesAreJoined() async throws {
        let body = #"{"Item":{"pk":{"S":"chunked"}}}"#
        let bytes = Array(body.utf8)
        let first = String(decoding: bytes[..<10], as: UTF8.self), rest = String(decoding: bytes[10...], as: UTF8.self)
        let server = try ScriptedHTTPServer([.raw(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nx-amz-crc32: \(crc32(bytes))\r\nConnection: close\r\n\r\n"
                + "a\r\n\(first)\r\n\(String(rest.utf8.count, radix: 16))\r\n\(rest)\r\n0\r\n\r\n")])
        defer { server.close() }
        #expect(try await Self.client(server).getItem(Self.getInput).item == ["pk": .s("chunked")])
    }

    @Test func responsesCutShortAreTransportErrors() async throws {
        let server = try ScriptedHTTPServer([
            .raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"Item\":"),  // closes mid-body
            .raw(""),  // closes without a byte of response
            .raw("SMTP ready\r\n\r\n"),
        ])
        defer { server.close() }
        let client = try Self.client(server, attempts: 1)
        for expected in [18, 52, 8] {  // libcurl's partial file, empty reply, weird server reply
            do {
                _ = try await client.send("GetItem", Self.getInput, as: GetItemOutput.self)
                Issue.record("expected a transport error")
            } catch {
                guard case .transport(let code, _) = error else { Issue.record("\(error)"); continue }
                #expect(code == expected)
            }
        }
        // A fresh connection that failed is not sent again: one request each.
        #expect(server.requestCount == 3)
    }

    @Test func manyConcurrentRequestsOnIOThreads() async throws {
        let db = try await PeerServices.shared.service(.wire)
        let table = try await makeTable(db, "concurrent")
        let results = try await withThrowingTaskGroup(of: Item?.self) { group in
            for index in 0..<64 {
                group.addTask {
                    _ = try await db.putItem(PutItemInput(tableName: table, item: ["pk": s("c"), "sk": n(index)]))
                    return try await db.getItem(GetItemInput(tableName: table, key: ["pk": s("c"), "sk": n(index)])).item
                }
            }
            var items: [Item?] = []
            for try await item in group { items.append(item) }
            return items
        }
        #expect(results.count == 64 && results.allSatisfy { $0 != nil })
    }

    @Test func backoffIsCappedFullJitter() {
        for retry in 1...12 {
            let ceiling = min(100 << (retry - 1), 20_000)
            for _ in 0..<50 {
                let delay = DynamoDBClient.backoffMilliseconds(retry: retry, base: 100, cap: 20_000)
                #expect(delay >= 0 && delay <= ceiling)
            }
        }
    }

    @Test func missingLibcurlIsAClearError() async throws {
        var configuration = DynamoClientConfiguration(endpoint: "http://127.0.0.1:1")
        configuration.libcurlPath = "libcurl-does-not-exist.so.4"
        let client = try DynamoDBClient(configuration: configuration)
        do {
            try client.loadLibcurl()
            Issue.record("expected libcurlUnavailable")
        } catch {
            guard case .libcurlUnavailable(let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.contains("libcurl-does-not-exist.so.4"))
            #expect(!error.isRetryable)
        }
        // Plain http never loads libcurl; https needs it.
        configuration.endpoint = "https://127.0.0.1:1"
        let secureClient = try DynamoDBClient(configuration: configuration)
        do {
            _ = try await secureClient.listTables(ListTablesInput())
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "InternalServerError")
            #expect(error.message.hasPrefix("DynamoClient: libcurl is unavailable"))
        }
    }
}

@Suite struct ConfigurationTests {
    @Test func environmentVariables() throws {
        let configuration = try DynamoClientConfiguration.fromEnvironment([
            "HOME": "/nonexistent", "AWS_ENDPOINT_URL": "http://localhost:9000/", "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:8000",
            "AWS_DEFAULT_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "token",
            "AWS_MAX_ATTEMPTS": "5",
        ])
        #expect(configuration.endpoint == "http://127.0.0.1:8000")
        #expect(configuration.streamsEndpoint == "http://127.0.0.1:8000")
        #expect(configuration.region == "eu-west-1")
        #expect(configuration.credentials == AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "token"))
        #expect(configuration.maxAttempts == 5)
        #expect(configuration.sources["endpoint"] == "env AWS_ENDPOINT_URL_DYNAMODB")
        #expect(configuration.sources["region"] == "env AWS_DEFAULT_REGION")
        #expect(configuration.sources["credentials"] == "env AWS_ACCESS_KEY_ID")
        #expect(configuration.hasCustomEndpoint)

        let general = try DynamoClientConfiguration.fromEnvironment(["HOME": "/nonexistent", "AWS_ENDPOINT_URL": "http://localhost:9000/"])
        #expect(general.endpoint == "http://localhost:9000")
        #expect(general.sources["endpoint"] == "env AWS_ENDPOINT_URL")
    }

    @Test func defaultsDeriveEndpointsFromTheRegion() throws {
        let configuration = try DynamoClientConfiguration.fromEnvironment(["HOME": "/nonexistent", "AWS_REGION": "ap-south-1"])
        #expect(configuration.endpoint == "https://dynamodb.ap-south-1.amazonaws.com")
        #expect(configuration.streamsEndpoint == "https://streams.dynamodb.ap-south-1.amazonaws.com")
        #expect(configuration.credentials == nil)
        #expect(!configuration.hasCustomEndpoint)
        #expect(configuration.maxAttempts == 3)
        #expect(configuration.sources["credentials"]?.hasPrefix("none") == true)
    }

    @Test func profilesFromSharedFiles() throws {
        let home = try temporaryFolder("sluice-client")
        try FileManager.default.createDirectory(atPath: home + "/.aws", withIntermediateDirectories: true)
        try """
            # comment
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = defaultsecret

            [dev]
            aws_access_key_id=AKIDDEV
            aws_secret_access_key = dev/secret+with=signs ; a comment
            aws_session_token = devtoken
            """.write(toFile: home + "/.aws/credentials", atomically: true, encoding: .utf8)
        try """
            [default]
            region = us-west-2

            [profile dev]
            region = eu-central-1
            max_attempts = 7
            s3 =
              addressing_style = path
            endpoint_url = http://127.0.0.1:4566

            [profile keysinconfig]
            aws_access_key_id = AKIDCONFIG
            aws_secret_access_key = configsecret
            """.write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)

        let byDefault = try DynamoClientConfiguration.fromEnvironment(["HOME": home])
        #expect(byDefault.credentials == AWSCredentials(accessKeyID: "AKIDDEFAULT", secretAccessKey: "defaultsecret"))
        #expect(byDefault.region == "us-west-2")
        #expect(byDefault.endpoint == "https://dynamodb.us-west-2.amazonaws.com")
        #expect(byDefault.sources["credentials"] == "credentials file \(home)/.aws/credentials [default]")
        #expect(byDefault.sources["region"] == "config file \(home)/.aws/config [default]")

        let dev = try DynamoClientConfiguration.fromEnvironment(["HOME": home, "AWS_PROFILE": "dev"])
        #expect(dev.credentials == AWSCredentials(accessKeyID: "AKIDDEV", secretAccessKey: "dev/secret+with=signs", sessionToken: "devtoken"))
        #expect(dev.region == "eu-central-1")
        #expect(dev.maxAttempts == 7)
        #expect(dev.endpoint == "http://127.0.0.1:4566")
        #expect(dev.sources["profile"] == "env AWS_PROFILE (dev)")
        #expect(dev.sourceSummary.contains("credentials from credentials file"))

        let inConfig = try DynamoClientConfiguration.fromEnvironment(["HOME": home, "AWS_PROFILE": "keysinconfig"])
        #expect(inConfig.credentials?.accessKeyID == "AKIDCONFIG")
        #expect(inConfig.sources["credentials"] == "config file \(home)/.aws/config [keysinconfig]")
        #expect(inConfig.region == "us-east-1")

        // Environment wins over files; AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move the files.
        let other = try temporaryFolder("sluice-client")
        try "[default]\naws_access_key_id = AKIDMOVED\naws_secret_access_key = moved\n".write(
            toFile: other + "/creds", atomically: true, encoding: .utf8)
        let moved = try DynamoClientConfiguration.fromEnvironment([
            "HOME": home, "AWS_SHARED_CREDENTIALS_FILE": other + "/creds", "AWS_CONFIG_FILE": other + "/missing", "AWS_REGION": "sa-east-1",
        ])
        #expect(moved.credentials?.accessKeyID == "AKIDMOVED")
        #expect(moved.region == "sa-east-1")
    }

    @Test func badEndpointIsAConfigurationError() {
        #expect(throws: DynamoClientError.configuration("endpoint 'localhost:8000' is not an http(s) URL")) {
            _ = try DynamoClientConfiguration.fromEnvironment(["HOME": "/nonexistent", "AWS_ENDPOINT_URL_DYNAMODB": "localhost:8000"])
        }
    }

    @Test func backendSelection() async throws {
        let data = try temporaryFolder("sluice-client")
        guard case .embedded(let directory) = try TableBackend.choose(dataDirectory: data, environment: ["HOME": "/nonexistent"]) else {
            Issue.record("expected the embedded engine")
            return
        }
        #expect(directory == data)
        guard case .remote(let configuration) = try TableBackend.choose(
            dataDirectory: data, environment: ["HOME": "/nonexistent", "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:8000"])
        else {
            Issue.record("expected the remote client")
            return
        }
        #expect(configuration.endpoint == "http://127.0.0.1:8000")
        guard case .embedded = try TableBackend.choose(
            dataDirectory: data,
            environment: ["HOME": "/nonexistent", "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:8000", "SLUICE_TABLE_BACKEND": "embedded"])
        else {
            Issue.record("the override should win")
            return
        }
        let opened = try TableBackend.open(dataDirectory: data, environment: ["HOME": "/nonexistent"])
        #expect(opened.description.hasPrefix("embedded engine"))
        _ = try await opened.service.listTables(ListTablesInput())
    }
}

@Suite(.timeLimit(.minutes(2))) struct SigV4Tests {
    @Test func signedRequestsPassRequireAuthAndBadSecretsFail() async throws {
        let data = try temporaryFolder("sluice-client")
        let server = try ServerProcess([
            BuiltProducts.sluice, "table", "serve", "--port", "0", "--data", data, "--template", data + "/none.yaml",
            "--require-auth", "--credentials", "AKIDLOCAL:s3cret",
        ])
        defer { server.stop() }
        let endpoint = "http://127.0.0.1:\(try await server.await("listening on 127\\.0\\.0\\.1:(\\d+)"))"
        func client(_ key: String?, _ secret: String) throws(DynamoClientError) -> DynamoDBClient {
            var configuration = DynamoClientConfiguration(
                endpoint: endpoint, region: "eu-west-1", credentials: key.map { AWSCredentials(accessKeyID: $0, secretAccessKey: secret) })
            configuration.maxAttempts = 1
            configuration.ioMode = .ioThreads(2)
            return try DynamoDBClient(configuration: configuration)
        }
        _ = try await client("AKIDLOCAL", "s3cret").listTables(ListTablesInput())
        let table = try await makeTable(try client("AKIDLOCAL", "s3cret"), "signed", stream: .keysOnly)
        // Streams operations are signed the same way.
        #expect(try await client("AKIDLOCAL", "s3cret").listStreams(ListStreamsInput(tableName: table)).streams.count == 1)
        for (key, secret, code) in [("AKIDLOCAL", "wrong", "InvalidSignatureException"), ("AKIDOTHER", "s3cret", "UnrecognizedClientException")] {
            do {
                _ = try await client(key, secret).send("ListTables", ListTablesInput(), as: ListTablesOutput.self)
                Issue.record("expected \(code)")
            } catch {
                guard case .unmodeledService(let got, _, let status) = error else { Issue.record("\(error)"); continue }
                #expect(got == code)
                #expect(status == 400)
            }
        }
        do {
            _ = try await client(nil, "").send("ListTables", ListTablesInput(), as: ListTablesOutput.self)
            Issue.record("expected MissingAuthenticationTokenException")
        } catch {
            guard case .unmodeledService(let got, _, _) = error else { Issue.record("\(error)"); return }
            #expect(got == "MissingAuthenticationTokenException")
        }
    }
}
