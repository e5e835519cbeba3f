import DynamoAPI
import DynamoClient
import DynamoModel
import Testing

/// Errors the service answers with that `DynamoError` has no named case for reach callers of the
/// `DynamoDBService` methods with their own type, message and status (`DynamoError.service`), and are
/// retried or not by the AWS SDKs' rules. A scripted loopback server plays the service.
@Suite(.timeLimit(.minutes(2))) struct ServiceErrorTests {
    static let namespace = "com.amazonaws.dynamodb.v20120810#"
    static let coral = "com.amazon.coral.service#"
    static let getInput = GetItemInput(tableName: "T", key: ["pk": .s("x")])

    static let rows: [(type: String, status: Int, modeled: DynamoError?, retryable: Bool)] = [
        (namespace + "ThrottlingException", 400, .throttlingException("m"), true),
        (namespace + "ProvisionedThroughputExceededException", 400, .provisionedThroughputExceededException("m"), true),
        (coral + "AccessDeniedException", 400, nil, false),
        (coral + "UnrecognizedClientException", 400, nil, false),
        (coral + "RequestLimitExceeded", 400, nil, true),
        (coral + "ServiceUnavailable", 503, nil, true),
    ]

    @Test(arguments: rows.indices) func errorKeepsTypeMessageAndStatus(row: Int) async throws {
        let (type, status, modeled, retryable) = Self.rows[row]
        let short = String(type.split(separator: "#").last!)
        let server = try ScriptedHTTPServer([.respond(status: status, body: #"{"__type":"\#(type)","message":"m"}"#)])
        defer { server.close() }
        let client = try RetryTests.client(server, attempts: 1)
        do {
            _ = try await client.getItem(Self.getInput)
            Issue.record("expected \(short)")
        } catch {
            #expect(error == (modeled ?? .service(type: short, message: "m", statusCode: status)))
            #expect(error.code == short)
            #expect(error.message == "m")
            #expect(error.httpStatus == status)
            #expect(error.isRetryable == retryable)
        }
        #expect(server.requestCount == 1)
    }

    @Test func retryableServiceErrorsAreRetriedOthersAreNot() async throws {
        let retried = try ScriptedHTTPServer([
            .respond(status: 400, body: #"{"__type":"\#(Self.namespace)ProvisionedThroughputExceededException","message":"slow"}"#),
            .respond(status: 400, body: #"{"__type":"\#(Self.coral)RequestLimitExceeded","message":"account limit"}"#),
            .respond(status: 200, body: #"{"Item":{"pk":{"S":"x"}}}"#),
        ])
        defer { retried.close() }
        #expect(try await RetryTests.client(retried, attempts: 3).getItem(Self.getInput).item == ["pk": .s("x")])
        #expect(retried.requestCount == 3)

        let denied = try ScriptedHTTPServer([
            .respond(status: 400, body: #"{"__type":"\#(Self.coral)AccessDeniedException","Message":"User is not authorized"}"#),
        ])
        defer { denied.close() }
        await #expect(throws: DynamoError.service(type: "AccessDeniedException", message: "User is not authorized", statusCode: 400)) {
            _ = try await RetryTests.client(denied, attempts: 3).getItem(Self.getInput)
        }
        #expect(denied.requestCount == 1)
    }
}
