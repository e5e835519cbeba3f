import Foundation
import NIOCore
import NIOHTTP1

/// Lambda's Invoke API as AWS's Runtime Interface Emulator serves it:
/// `POST /2015-03-31/functions/{name}/invocations` (RIE's name is `function`).
///
/// A function error answers 200 with the error document and `X-Amz-Function-Error: Unhandled`, as Lambda does.
public struct InvokeEndpoint: Sendable {
    /// Function name → pool; the name `function` reaches the only function when there is one.
    public let functions: [String: FunctionPool]
    /// Lambda's synchronous request payload limit.
    public static let maximumRequestBytes = 6_291_456

    public init(functions: [String: FunctionPool]) {
        self.functions = functions
    }

    /// Serves the endpoint on `host:port`.
    public func serve(host: String = "127.0.0.1", port: Int) async throws -> LoopbackHTTPServer {
        try await LoopbackHTTPServer.start(host: host, port: port, maximumBodyBytes: Self.maximumRequestBytes) { request in
            await self.handle(request)
        }
    }

    func handle(_ request: HTTPServerRequest) async -> HTTPServerResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        guard request.method == .POST, parts.count == 4, parts[0] == "2015-03-31", parts[1] == "functions",
            parts[3] == "invocations"
        else {
            return .json(.notFound, "{\"Type\":\"User\",\"message\":\"Unknown path \(request.method) \(request.path): use POST /2015-03-31/functions/function/invocations\"}")
        }
        let name = parts[2].removingPercentEncoding ?? parts[2]
        let pool = functions[name] ?? (name == "function" && functions.count == 1 ? functions.values.first : nil)
        guard let pool else {
            return .json(
                .notFound,
                "{\"Type\":\"User\",\"message\":\"Function not found: \(FunctionConfiguration.arnPrefix)\(name)\"}",
                headers: ["x-amzn-ErrorType": "ResourceNotFoundException"])
        }
        let clientContext = request.headers["X-Amz-Client-Context"].first.flatMap { Data(base64Encoded: $0) }
            .map { String(decoding: $0, as: UTF8.self) }
        let invocation = InvocationRequest(
            payload: request.bodyBytes, clientContext: clientContext,
            traceID: request.headers["X-Amzn-Trace-Id"].first, tenantID: request.headers["X-Amz-Tenant-Id"].first)
        let result = await pool.invoke(invocation)
        var headers: HTTPHeaders = ["Content-Type": "application/json", "X-Amz-Executed-Version": "$LATEST"]
        headers.add(name: "x-amzn-RequestId", value: invocation.requestID)
        if case .failure = result { headers.add(name: "X-Amz-Function-Error", value: "Unhandled") }
        return HTTPServerResponse(status: .ok, headers: headers, bytes: result.payload)
    }
}

extension FunctionConfiguration {
    static let arnPrefix = "arn:aws:lambda:us-east-1:\(accountID):function:"
}
