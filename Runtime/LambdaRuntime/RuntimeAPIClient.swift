import SluiceHTTP

/// The Runtime API `2018-06-01` as the runtime speaks it: next invocation, response, error, init error.
/// Only the runtime's own thread uses it (the loop's single task runs there), hence `@unchecked Sendable`.
final class RuntimeAPIClient: @unchecked Sendable {
    /// One invocation as `GET /runtime/invocation/next` delivers it.
    struct Invocation {
        var requestID: String
        var deadlineMilliseconds: Int64
        var invokedFunctionARN: String
        var traceID: String?
        var clientContext: String?
        var cognitoIdentity: String?
        var tenantID: String?
        var event: [UInt8]
    }

    private let connection: HTTPConnection
    private let base = "/2018-06-01/runtime"

    init(runtimeAPI: String) {
        connection = HTTPConnection(runtimeAPI: runtimeAPI)
    }

    /// Waits, with no time limit, for the next invocation.
    func next() throws(RuntimeError) -> Invocation {
        try invocation(from: transport { () throws(HTTPConnectionError) in try connection.send(method: "GET", path: "\(base)/invocation/next") })
    }

    /// Posts a whole (buffered) response, then waits for the next invocation, in one round trip.
    func respond(requestID: String, body: [UInt8]) throws(RuntimeError) -> Invocation {
        let path = "/invocation/\(requestID)/response"
        return try postThenNext(HTTPConnection.Request(method: "POST", path: base + path, body: body), path: path)
    }

    /// Reports a failed invocation, then waits for the next one, in one round trip.
    func reportError(requestID: String, _ report: FunctionErrorReport) throws(RuntimeError) -> Invocation {
        let path = "/invocation/\(requestID)/error"
        return try postThenNext(errorRequest(path: path, report), path: path)
    }

    private func postThenNext(_ post: HTTPConnection.Request, path: String) throws(RuntimeError) -> Invocation {
        let next = HTTPConnection.Request(method: "GET", path: "\(base)/invocation/next")
        let responses = try transport { () throws(HTTPConnectionError) in try connection.send(pipelined: [post, next]) }
        do {
            try expectAccepted(responses[0], path: path)
        } catch .unexpectedStatus(let path, let status, let body) where status < 500 {
            // 400/403: this invocation is over on Lambda's side (timed out, already answered); the next one stands.
            StandardError.write("Runtime API refused \(path) with \(status): \(body)\n")
        }
        return try invocation(from: responses[1])
    }

    private func invocation(from response: HTTPConnection.Response) throws(RuntimeError) -> Invocation {
        guard response.status == 200 else {
            throw .unexpectedStatus(path: "/invocation/next", status: response.status, body: response.text)
        }
        guard let id = response.headers["lambda-runtime-aws-request-id"], !id.isEmpty else {
            throw .missingHeader("Lambda-Runtime-Aws-Request-Id")
        }
        return Invocation(
            requestID: id,
            deadlineMilliseconds: response.headers.integer("lambda-runtime-deadline-ms") ?? WallClock.nowMilliseconds() + 3000,
            invokedFunctionARN: response.headers["lambda-runtime-invoked-function-arn"] ?? "",
            traceID: response.headers["lambda-runtime-trace-id"],
            clientContext: response.headers["lambda-runtime-client-context"],
            cognitoIdentity: response.headers["lambda-runtime-cognito-identity"],
            tenantID: response.headers["lambda-runtime-aws-tenant-id"],
            event: response.body)
    }

    /// Posts a streamed response, reading chunks from `stream` until the handler finishes.
    func respond(requestID: String, stream: ResponseStream, contentType: String) throws(RuntimeError) {
        let path = "/invocation/\(requestID)/response"
        let headers = [
            "Lambda-Runtime-Function-Response-Mode: streaming",
            "Content-Type: \(contentType)",
            "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body",
        ]
        let response = try transport { () throws(HTTPConnectionError) in
            try connection.sendStreaming(
                path: base + path, headers: headers, readChunk: { stream.read(into: $0, capacity: $1) }, trailerLines: stream.trailerLines)
        }
        try expectAccepted(response, path: path)
    }

    /// Reports that the handler could not be created; the process should exit afterwards.
    func reportInitError(_ report: FunctionErrorReport) throws(RuntimeError) {
        let request = errorRequest(path: "/init/error", report)
        try expectAccepted(transport { () throws(HTTPConnectionError) in try connection.send(pipelined: [request])[0] }, path: "/init/error")
    }

    private func errorRequest(path: String, _ report: FunctionErrorReport) -> HTTPConnection.Request {
        HTTPConnection.Request(
            method: "POST", path: base + path,
            headers: ["Lambda-Runtime-Function-Error-Type: \(report.errorType)", "Content-Type: application/json"],
            body: report.json)
    }

    /// Runs one exchange; a connection failure as the runtime's transport error.
    private func transport<T>(_ exchange: () throws(HTTPConnectionError) -> T) throws(RuntimeError) -> T {
        do { return try exchange() } catch { throw .transport(error.message) }
    }

    private func expectAccepted(_ response: HTTPConnection.Response, path: String) throws(RuntimeError) {
        guard (200..<300).contains(response.status) else {
            throw .unexpectedStatus(path: path, status: response.status, body: response.text)
        }
    }
}

extension HTTPConnection.Response {
    var text: String { String(decoding: body, as: UTF8.self) }
}
