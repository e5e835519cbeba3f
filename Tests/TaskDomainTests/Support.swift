import DynamoAPI
import Foundation
import LambdaEvents
import SluiceJSON
import SluiceTemplate
import Synchronization
import TableEngine
import TaskDomain
import Testing

/// The repository root (this file is Tests/TaskDomainTests/Support.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

let cursorSecret = Array("test-cursor-secret-0123456789".utf8)

/// A fresh embedded table (created from template.yaml's `AppTable`) and the API over it.
final class Harness: @unchecked Sendable {
    let directory: String
    let engine: EmbeddedDynamoDB
    let api: TaskAPI
    let tableName: String

    /// - Parameter sequentialIDs: ids `id-1`, `id-2`, … and timestamps one second apart, for predictable output.
    init(sequentialIDs: Bool = true) async throws {
        directory = NSTemporaryDirectory() + "sluice-tasks-\(UUID().uuidString)"
        var configuration = EngineConfiguration()
        configuration.sweepInterval = nil
        engine = try EmbeddedDynamoDB(directory: directory, configuration: configuration)
        let template = try SAMTemplate(contentsOfFile: repositoryRoot + "/template.yaml")
        guard let table = try template.tables.first(where: { $0.tableName == "AppTable" }) else {
            throw HarnessError.noTable
        }
        tableName = table.tableName
        _ = try await engine.createTable(CreateTableInput(table))
        var environment = DomainEnvironment()
        if sequentialIDs {
            let ids = Counter(), clock = Counter()
            environment.newID = { "id-" + String(ids.next()) }
            environment.now = {
                let s = clock.next()
                return "2026-01-01T00:" + String(format: "%02d:%02d", s / 60 % 60, s % 60) + ".000Z"
            }
        }
        api = TaskAPI(service: engine, tableName: tableName, cursorSecret: cursorSecret, environment: environment)
    }

    enum HarnessError: Error { case noTable }

    deinit {
        engine.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Sends one request and returns the response.
    @discardableResult
    func send(_ request: APIGatewayV2Request) async -> Reply {
        Reply(await api.respond(to: request))
    }

    /// `send(request(…))`.
    @discardableResult
    func call(
        _ method: String, _ path: String, body: String? = nil, as caller: Caller? = .user("u1"),
        headers: [String: String] = [:]
    ) async -> Reply {
        await send(request(method, path, body: body, as: caller, headers: headers))
    }

    /// Registers user `id` (as themselves) with `email`; expects 201.
    @discardableResult
    func register(_ id: String, email: String? = nil, name: String = "Someone", sourceLocation: Testing.SourceLocation = #_sourceLocation) async -> Reply {
        let reply = await call("POST", "/users", body: #"{"email":"\#(email ?? id + "@example.com")","name":"\#(name)"}"#, as: .user(id))
        #expect(reply.status == 201, "\(reply.body)", sourceLocation: sourceLocation)
        return reply
    }

    /// Creates a task for `userId` (as that user); returns its id.
    @discardableResult
    func addTask(_ userId: String, _ fields: String = #""title":"Task""#, sourceLocation: Testing.SourceLocation = #_sourceLocation) async -> String {
        let reply = await call("POST", "/users/\(userId)/tasks", body: "{\(fields)}", as: .user(userId))
        #expect(reply.status == 201, "\(reply.body)", sourceLocation: sourceLocation)
        return reply.json["id"]?.stringValue ?? ""
    }
}

/// A thread-safe counter from 1.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}

/// Who sends a test request.
enum Caller {
    case user(String)
    case admin(String)
    /// Claims as given.
    case claims([String: String])

    var claims: [String: String] {
        switch self {
        case .user(let sub): ["sub": sub, "cognito:groups": "[user]"]
        case .admin(let sub): ["sub": sub, "cognito:groups": "[admin user]"]
        case .claims(let claims): claims
        }
    }
}

/// An HTTP API payload 2.0 event as API Gateway sends it behind a JWT authorizer.
func request(
    _ method: String, _ target: String, body: String? = nil, as caller: Caller? = .user("u1"), headers: [String: String] = [:]
) -> APIGatewayV2Request {
    let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let path = String(parts[0])
    let rawQuery = parts.count > 1 ? String(parts[1]) : ""
    var query: [String: String] = [:]
    for pair in rawQuery.split(separator: "&") {
        let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let value = kv.count > 1 ? String(kv[1]).removingPercentEncoding ?? String(kv[1]) : ""
        query[String(kv[0]), default: ""] += query[String(kv[0])] == nil ? value : "," + value
    }
    var allHeaders = ["content-type": "application/json"]
    for (k, v) in headers { allHeaders[k.lowercased()] = v }
    let authorizer = caller.map { APIGatewayV2Request.Authorizer(jwt: .init(claims: $0.claims, scopes: nil)) }
    return APIGatewayV2Request(
        routeKey: "\(method) \(path)", rawPath: path, rawQueryString: rawQuery, headers: allHeaders,
        queryStringParameters: query.isEmpty ? nil : query,
        requestContext: .init(
            accountId: "123456789012", apiId: "api", authorizer: authorizer, domainName: "api.local", domainPrefix: "api",
            http: .init(method: method, path: path, sourceIp: "127.0.0.1", userAgent: "tests"), requestId: "req",
            routeKey: "\(method) \(path)", time: "01/Jan/2026:00:00:00 +0000", timeEpoch: 1_767_225_600_000),
        body: body)
}

/// A response with its JSON body parsed.
struct Reply {
    let response: APIGatewayV2Response
    var status: Int { response.statusCode }
    var body: String { response.body ?? "" }
    var json: JSONValue { (try? JSONValue(parsing: body)) ?? .null }
    var errorCode: String? { json["error"]?["code"]?.stringValue }
    var errorField: String? { json["error"]?["field"]?.stringValue }
    var etag: String? { response.header("etag") }
    var items: [JSONValue] { json["items"]?.arrayValue ?? [] }
    var nextCursor: String? { json["nextCursor"]?.stringValue }

    init(_ response: APIGatewayV2Response) { self.response = response }
}

/// Expects an error response with `status` and `code` (and `field`).
func expectError(
    _ reply: Reply, _ status: Int, _ code: String, field: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(reply.status == status, "\(reply.body)", sourceLocation: sourceLocation)
    #expect(reply.errorCode == code, "\(reply.body)", sourceLocation: sourceLocation)
    if let field { #expect(reply.errorField == field, "\(reply.body)", sourceLocation: sourceLocation) }
}
