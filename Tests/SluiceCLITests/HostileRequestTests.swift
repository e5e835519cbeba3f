import Foundation
import LocalHTTP
import NIOCore
import TestSupport
import Testing

/// Malformed and hostile requests against the real servers of `sluice dev` (the DynamoDB endpoint and
/// the HTTP API), sent over raw sockets: each gets a 4xx with a JSON body, and the server keeps serving.
@Suite(.timeLimit(.minutes(5))) struct HostileRequestTests {
    /// One malformed request and what must come back.
    struct Row: CustomStringConvertible {
        let name: String
        let bytes: [UInt8]
        let status: Int
        /// DynamoDB: the `__type` suffix (`#SerializationException`); the API: the `error.code` or `message`.
        let error: String?
        var description: String { name }
    }

    /// A running `sluice dev` with its two ports and a token for user `u1`.
    struct Stack {
        let process: CLIProcess
        let apiPort: Int
        let tablePort: Int
        let token: String

        static func start() async throws -> Stack {
            let data = try temporaryFolder()
            let token = try await runSluice(["token", "--sub", "u1", "--data", data], directory: InvokeCommandTests.root)
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let dev = try CLIProcess(
                ["dev", "--skip-build", "--data", data, "--table-port", "0", "--api-port", "0"], directory: InvokeCommandTests.root)
            let api = try await dev.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+) \\(HTTP API\\)")
            let table = try await dev.awaitStderr("and 127\\.0\\.0\\.1:(\\d+) \\(DynamoDB\\)")
            return Stack(process: dev, apiPort: Int(api)!, tablePort: Int(table)!, token: token)
        }
    }

    static func dynamo(_ target: String?, _ body: [UInt8], headers: [(String, String)] = []) -> [UInt8] {
        var all = [("Content-Type", "application/x-amz-json-1.0")] + headers
        if let target { all.append(("X-Amz-Target", "DynamoDB_20120810." + target)) }
        return RawHTTP.request("POST", "/", headers: all, body: body)
    }

    static func nested(_ depth: Int, leaf: String) -> String {
        String(repeating: #"{"M":{"a":"#, count: depth) + leaf + String(repeating: "}}", count: depth)
    }

    static var dynamoRows: [Row] {
        let put = { (item: String) in Array(#"{"TableName":"AppTable","Item":{"PK":{"S":"h"},"SK":{"S":"h"},"v":\#(item)}}"#.utf8) }
        let junkHeaders = (0..<3000).map { ("X-Junk-\($0)", "v") }
        return [
            Row(name: "bad JSON", bytes: dynamo("GetItem", Array(#"{"TableName":"#.utf8)), status: 400, error: "#SerializationException"),
            Row(name: "JSON null", bytes: dynamo("GetItem", Array("null".utf8)), status: 400, error: "#ValidationException"),
            Row(name: "wrong type: number for a string", bytes: dynamo("GetItem", Array(#"{"TableName":5,"Key":{}}"#.utf8)), status: 400, error: "#SerializationException"),
            Row(name: "wrong type inside a value", bytes: dynamo("PutItem", put(#"{"S":5}"#)), status: 400, error: "#SerializationException"),
            Row(name: "two types in one value", bytes: dynamo("PutItem", put(#"{"S":"a","N":"1"}"#)), status: 400, error: "Exception"),
            Row(name: "number that is not a number", bytes: dynamo("PutItem", put(#"{"N":"1e999999"}"#)), status: 400, error: "#ValidationException"),
            Row(name: "33 nesting levels", bytes: dynamo("PutItem", put(nested(33, leaf: #"{"S":"x"}"#))), status: 400, error: "#ValidationException"),
            Row(name: "600 JSON nesting levels", bytes: dynamo("GetItem", Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8)), status: 400, error: "#SerializationException"),
            Row(name: "invalid UTF-8 in a string", bytes: dynamo("GetItem", Array(#"{"TableName":""#.utf8) + [0xC3, 0x28, 0xFF] + Array(#"","Key":{}}"#.utf8)), status: 400, error: "#SerializationException"),
            Row(name: "item over 400 KB", bytes: dynamo("PutItem", put(#"{"S":"\#(String(repeating: "x", count: 410_000))"}"#)), status: 400, error: "#ValidationException"),
            Row(name: "expression over 4 KB", bytes: dynamo("Scan", Array(#"{"TableName":"AppTable","FilterExpression":"\#(String(repeating: "a = a AND ", count: 500))a = a"}"#.utf8)), status: 400, error: "#ValidationException"),
            Row(name: "body over 16 MB", bytes: dynamo("PutItem", [UInt8](repeating: 0x20, count: 16 * 1024 * 1024 + 10)), status: 413, error: nil),
            Row(name: "missing X-Amz-Target", bytes: dynamo(nil, Array("{}".utf8)), status: 400, error: "#UnknownOperationException"),
            Row(name: "unknown X-Amz-Target", bytes: dynamo("DropEverything", Array("{}".utf8)), status: 400, error: "#UnknownOperationException"),
            Row(name: "target of another service", bytes: RawHTTP.request("POST", "/", headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "AmazonSQS.ListQueues")], body: Array("{}".utf8)), status: 400, error: "#UnknownOperationException"),
            Row(name: "wrong Content-Type", bytes: RawHTTP.request("POST", "/", headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "DynamoDB_20120810.ListTables")], body: Array("{}".utf8)), status: 404, error: "#UnknownOperationException"),
            Row(name: "table name with a path", bytes: dynamo("CreateTable", Array(#"{"TableName":"../../etc","AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],"KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}"#.utf8)), status: 400, error: "#ValidationException"),
            Row(name: "3000 headers", bytes: dynamo(nil, Array("{}".utf8), headers: junkHeaders), status: 400, error: "#UnknownOperationException"),
        ] + protocolRows(target: "DynamoDB_20120810.ListTables")
    }

    /// Requests the HTTP parser refuses: the same for every server built on LocalHTTP.
    static func protocolRows(target: String) -> [Row] {
        let body = Array("{}".utf8)
        let base: [(String, String)] = [("Content-Type", "application/json"), ("X-Amz-Target", target)]
        return [
            Row(name: "header of 100 KB", bytes: RawHTTP.request("POST", "/", headers: base + [("X-Big", String(repeating: "b", count: 100_000))], body: body), status: 400, error: nil),
            Row(name: "two different Content-Lengths", bytes: RawHTTP.request("POST", "/", headers: base + [("Content-Length", "2"), ("Content-Length", "7")], body: body), status: 400, error: nil),
            Row(name: "Content-Length and Transfer-Encoding (smuggling)", bytes: RawHTTP.request("POST", "/", headers: base + [("Content-Length", "2"), ("Transfer-Encoding", "chunked")], body: Array("0\r\n\r\n".utf8)), status: 400, error: nil),
            Row(name: "unknown Transfer-Encoding", bytes: RawHTTP.request("POST", "/", headers: base + [("Transfer-Encoding", "rot13")], body: body), status: 400, error: nil),
            Row(name: "chunk size that is not hex", bytes: RawHTTP.request("POST", "/", headers: base + [("Transfer-Encoding", "chunked")], body: Array("zz\r\n{}\r\n0\r\n\r\n".utf8)), status: 400, error: nil),
            Row(name: "negative Content-Length", bytes: RawHTTP.request("POST", "/", headers: base + [("Content-Length", "-5")], body: body), status: 400, error: nil),
            Row(name: "not HTTP at all (a TLS hello)", bytes: [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03] + [UInt8](repeating: 0x41, count: 64) + Array("\r\n\r\n".utf8), status: 400, error: nil),
            Row(name: "request line with spaces in the path", bytes: Array("POST /a b c HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".utf8), status: 400, error: nil),
        ]
    }

    /// Sends every row, checks its answer, and after each one that the server still answers `good`.
    static func check(_ server: String, _ rows: [Row], port: Int, good: [UInt8], errorOf: (RawResponse) -> String?) async throws {
        print("hostile requests → \(server): request | status | error | next good request")
        for row in rows {
            let response = try await RawHTTP.exchange(port: port, row.bytes)
            defer { print("  \(row.name) | \(response?.status ?? 0) | \(response.flatMap(errorOf) ?? "-") | served") }
            #expect(response?.status == row.status, "\(row.name): \(response.map(String.init(describing:)) ?? "no response")")
            if let response {
                #expect(!response.document.isEmpty, "\(row.name): the body is not a JSON object: \(response.text.prefix(200))")
                if let expected = row.error {
                    #expect(errorOf(response)?.hasSuffix(expected) == true, "\(row.name): \(response.text.prefix(300))")
                }
            }
            let after = try await RawHTTP.exchange(port: port, good)
            #expect(after?.status == 200, "after \(row.name) the server no longer serves: \(after.map(String.init(describing:)) ?? "no response")")
        }
    }

    @Test func dynamoEndpointAnswersEveryMalformedRequestAndKeepsServing() async throws {
        let stack = try await Stack.start()
        defer { Task { _ = await stack.process.stop() } }
        try await Self.check("DynamoDB endpoint", Self.dynamoRows, port: stack.tablePort, good: Self.dynamo("ListTables", Array("{}".utf8))) {
            $0.document["__type"] as? String
        }
        // A body cut short by a client that goes away gets no answer, and breaks nothing.
        do {
            let cut = try RawConnection(port: stack.tablePort)
            cut.send(Array(Self.dynamo("ListTables", Array("{}".utf8)).dropLast(1)))
        }
        let after = try await RawHTTP.exchange(port: stack.tablePort, Self.dynamo("ListTables", Array("{}".utf8)))
        #expect(after?.status == 200)
        #expect(stack.process.process.isRunning)
    }

    static func apiRows(token: String) -> [Row] {
        let auth = [("Authorization", "Bearer " + token), ("Content-Type", "application/json")]
        let post = { (body: [UInt8]) in RawHTTP.request("POST", "/users/u1/tasks", headers: auth, body: body) }
        let nestedJSON = String(repeating: #"{"a":"#, count: 40) + "1" + String(repeating: "}", count: 40)
        return [
            Row(name: "bad JSON", bytes: post(Array(#"{"title":"#.utf8)), status: 400, error: "invalid_json"),
            Row(name: "JSON that is not an object", bytes: post(Array("[1,2]".utf8)), status: 400, error: nil),
            Row(name: "wrong type", bytes: post(Array(#"{"title":5}"#.utf8)), status: 400, error: "invalid_type"),
            Row(name: "unknown field", bytes: post(Array(#"{"title":"t","owner":"u2"}"#.utf8)), status: 400, error: "unknown_field"),
            Row(name: "40 nesting levels in metadata", bytes: post(Array(#"{"title":"t","metadata":\#(nestedJSON)}"#.utf8)), status: 400, error: nil),
            Row(name: "600 JSON nesting levels", bytes: post(Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8)), status: 400, error: "invalid_json"),
            Row(name: "invalid UTF-8", bytes: post(Array(#"{"title":""#.utf8) + [0xC3, 0x28, 0xFF] + Array(#""}"#.utf8)), status: 400, error: "invalid_json"),
            Row(name: "body over the API's 64 KB", bytes: post(Array(#"{"title":"\#(String(repeating: "x", count: 70_000))"}"#.utf8)), status: 413, error: nil),
            Row(name: "body over API Gateway's 10 MB", bytes: post([UInt8](repeating: 0x20, count: 10 * 1024 * 1024 + 10)), status: 413, error: nil),
            Row(name: "no token", bytes: RawHTTP.request("POST", "/users/u1/tasks", headers: [("Content-Type", "application/json")], body: Array("{}".utf8)), status: 401, error: "Unauthorized"),
            Row(name: "forged token", bytes: RawHTTP.request("GET", "/users/u1", headers: [("Authorization", "Bearer " + token.dropLast(4) + "AAAA")]), status: 401, error: "Unauthorized"),
            Row(name: "token with alg none", bytes: RawHTTP.request("GET", "/users/u1", headers: [("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSJ9.")]), status: 401, error: "Unauthorized"),
            Row(name: "unknown route", bytes: RawHTTP.request("GET", "/etc/passwd", headers: auth), status: 404, error: "Not Found"),
            Row(name: "dot segments in the path", bytes: RawHTTP.request("GET", "/users/../../etc/passwd", headers: auth), status: 404, error: "Not Found"),
            Row(name: "3000 headers (12 KB of values)", bytes: RawHTTP.request("GET", "/hello", headers: (0..<3000).map { ("X-Junk-\($0)", "vvvv") }), status: 431, error: "Request Header Fields Too Large"),
            Row(name: "invalid UTF-8 in the path", bytes: RawHTTP.request("GET", "/users/%FF%FE", headers: auth), status: 404, error: "not_found"),
            Row(name: "headers over API Gateway's 10240 bytes", bytes: RawHTTP.request("GET", "/hello", headers: [("X-Big", String(repeating: "b", count: 11_000))]), status: 431, error: "Request Header Fields Too Large"),
        ] + protocolRows(target: "none")
    }

    @Test func httpAPIAnswersEveryMalformedRequestAndKeepsServing() async throws {
        let stack = try await Self.Stack.start()
        defer { Task { _ = await stack.process.stop() } }
        try await Self.check("HTTP API", Self.apiRows(token: stack.token), port: stack.apiPort, good: RawHTTP.request("GET", "/hello?name=x")) { response in
            let document = response.document
            return ((document["error"] as? [String: Any])?["code"] as? String) ?? document["message"] as? String
        }
        #expect(stack.process.process.isRunning)
    }

    /// Slowloris: clients that send a byte at a time (or nothing) hold a connection each, and everyone
    /// else is still served at once.
    @Test func slowClientsDoNotBlockOthers() async throws {
        let stack = try await Self.Stack.start()
        defer { Task { _ = await stack.process.stop() } }
        let request = RawHTTP.request("GET", "/hello?name=slow")
        let slow = try (0..<20).map { _ in try RawConnection(port: stack.apiPort) }
        let dribbling = Task {
            await RawHTTP.offPool {
                for byte in request.prefix(8) {
                    for connection in slow { connection.send([byte]) }
                    Thread.sleep(forTimeInterval: 0.5)
                }
            }
        }
        for port in [stack.apiPort, stack.tablePort] {
            let idle = try (0..<50).map { _ in try RawConnection(port: port) }
            let good = port == stack.apiPort ? request : Self.dynamo("ListTables", Array("{}".utf8))
            for _ in 0..<5 {
                let response = try await RawHTTP.exchange(port: port, good)
                #expect(response?.status == 200)
            }
            _ = idle
        }
        await dribbling.value
        // Once complete, the slow requests are answered too.
        let answers = await RawHTTP.offPool {
            slow.map { connection -> Int? in
                connection.send(Array(request.dropFirst(8)))
                return connection.readResponse()?.status
            }
        }
        #expect(answers.allSatisfy { $0 == 200 }, "\(answers)")
    }

    /// A connection that sends nothing, or dribbles a request, is closed once the request timeout
    /// passes; a request that takes longer to answer than the timeout is not cut off.
    @Test func idleAndDribblingConnectionsAreClosedAfterTheRequestTimeout() async throws {
        let server = try await LoopbackHTTPServer.start(requestTimeout: .seconds(1)) { request in
            if request.path == "/slow" { try? await Task.sleep(for: .seconds(2)) }
            return .json(.ok, "{}")
        }
        defer { Task { await server.close() } }
        let idle = try RawConnection(port: server.port)
        let dribbling = try RawConnection(port: server.port)
        let port = server.port
        let results = await RawHTTP.offPool {
            // Connected just before sending: on a loaded machine a connection opened earlier may rightly
            // have been closed as idle by then.
            let keptAlive = try? RawConnection(port: port)
            keptAlive?.send(RawHTTP.request("GET", "/fast"))
            let fast = keptAlive?.readResponse()?.status
            let slow = try? RawConnection(port: port)
            slow?.send(RawHTTP.request("GET", "/slow"))
            let slowStatus = slow?.readResponse()?.status
            for byte in Array("GET /never".utf8) {
                if !dribbling.send([byte]) { break }
                Thread.sleep(forTimeInterval: 0.3)
            }
            return (
                fast, slowStatus, idle.isClosedByPeer(within: 30), dribbling.isClosedByPeer(within: 30),
                keptAlive?.isClosedByPeer(within: 30) ?? false
            )
        }
        #expect(results.0 == 200)
        #expect(results.1 == 200, "a response slower than the request timeout was cut off")
        #expect(results.2, "an idle connection stayed open")
        #expect(results.3, "a connection dribbling a request stayed open")
        #expect(results.4, "an idle keep-alive connection stayed open")
    }
}
