import Foundation
import TestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `sluice table serve`: boto3 and the aws CLI against the embedded engine over DynamoDB's wire protocol.
@Suite struct TableServeCommandTests {
    static var peers: String { InvokeCommandTests.root + "/Tests/SluiceCLITests/Peers" }

    static func serve(_ extra: [String] = []) async throws -> (CLIProcess, String) {
        let data = try temporaryFolder()
        let server = try CLIProcess(["table", "serve", "--port", "0", "--data", data, "--template", data + "/none.yaml"] + extra)
        let port = try await server.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+)")
        return (server, "http://127.0.0.1:\(port)")
    }

    @Test func boto3SuitePasses() async throws {
        let (server, endpoint) = try await Self.serve()
        defer { Task { _ = await server.stop() } }
        let run = try runProgram(["python3", Self.peers + "/boto3_table_suite.py", endpoint])
        #expect(run.status == 0, "\(run.stderr)\(run.stdout)")
        #expect(run.stdout.contains("checks passed"))
    }

    @Test func awsCliWorksUnchanged() async throws {
        let (server, endpoint) = try await Self.serve()
        defer { Task { _ = await server.stop() } }
        let env = StartLambdaCommandTests.credentials
        func aws(_ arguments: [String]) throws -> ProgramRun {
            try runProgram(["aws"] + arguments + ["--endpoint-url", endpoint, "--output", "json"], environment: env)
        }
        let created = try aws(["dynamodb", "create-table", "--table-name", "Notes", "--attribute-definitions", "AttributeName=id,AttributeType=S",
            "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST",
            "--stream-specification", "StreamEnabled=true,StreamViewType=NEW_IMAGE"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try aws(["dynamodb", "put-item", "--table-name", "Notes", "--item", #"{"id":{"S":"1"},"text":{"S":"hi"}}"#]).status == 0)
        let item = try aws(["dynamodb", "get-item", "--table-name", "Notes", "--key", #"{"id":{"S":"1"}}"#])
        #expect(item.stdout.contains("\"hi\""))
        let conditional = try aws(["dynamodb", "put-item", "--table-name", "Notes", "--item", #"{"id":{"S":"1"}}"#, "--condition-expression", "attribute_not_exists(id)"])
        #expect(conditional.status != 0)
        #expect(conditional.stderr.contains("ConditionalCheckFailedException"))
        let streams = try aws(["dynamodbstreams", "list-streams", "--table-name", "Notes"])
        #expect(streams.stdout.contains(":table/Notes/stream/"))
    }

    @Test func malformedRequestsGetFourHundredsAndTheServerKeepsServing() async throws {
        let (server, endpoint) = try await Self.serve()
        defer { Task { _ = await server.stop() } }
        func post(_ target: String?, _ body: String) async throws -> (Int, [String: Any], [String: String]) {
            var request = URLRequest(url: URL(string: endpoint)!)
            request.httpMethod = "POST"
            request.httpBody = Data(body.utf8)
            request.setValue("application/x-amz-json-1.0", forHTTPHeaderField: "Content-Type")
            if let target { request.setValue(target, forHTTPHeaderField: "X-Amz-Target") }
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = response as! HTTPURLResponse
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields { headers["\(key)".lowercased()] = "\(value)" }
            return (http.statusCode, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:], headers)
        }
        let cases: [(String?, String, String)] = [
            (nil, "{}", "UnknownOperationException"),
            ("DynamoDB_20120810.Nope", "{}", "UnknownOperationException"),
            ("DynamoDB_20120810.GetItem", "{not json", "SerializationException"),
            ("DynamoDB_20120810.GetItem", #"{"TableName": 5}"#, "SerializationException"),
            ("DynamoDB_20120810.PutItem", #"{"TableName":"Nope","Item":{"a":{}}}"#, "ValidationException"),
            ("DynamoDB_20120810.GetItem", #"{"TableName":"Nope","Key":{"a":{"S":"x"}}}"#, "ResourceNotFoundException"),
            ("DynamoDB_20120810.GetItem", String(repeating: "[", count: 100_000), "SerializationException"),
        ]
        for (target, body, code) in cases {
            let (status, document, headers) = try await post(target, body)
            #expect(status == 400, "\(target ?? "none"): \(status)")
            #expect((document["__type"] as? String)?.hasSuffix("#" + code) == true, "\(target ?? "none"): \(document)")
            #expect(document["message"] is String)
            #expect(headers["x-amzn-requestid"] != nil && headers["x-amz-crc32"] != nil)
        }
        let (status, document, _) = try await post("DynamoDB_20120810.ListTables", "{}")
        #expect(status == 200)
        #expect(document["TableNames"] is [Any])
    }

    @Test func requireAuthRefusesBadSignatures() async throws {
        let (server, endpoint) = try await Self.serve(["--require-auth", "--credentials", "AKIDLOCAL:s3cret"])
        defer { Task { _ = await server.stop() } }
        let script = """
            import sys, boto3
            from botocore.exceptions import ClientError
            def code(key, secret):
                client = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)
                try:
                    client.list_tables()
                    return "OK"
                except ClientError as error:
                    return error.response["Error"]["Code"]
            print(code("AKIDLOCAL", "s3cret"), code("AKIDLOCAL", "wrong"), code("AKIDOTHER", "s3cret"))
            """
        let run = try runProgram(["python3", "-c", script, endpoint])
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "OK InvalidSignatureException UnrecognizedClientException", "\(run.stderr)")
    }
}
