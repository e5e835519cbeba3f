import DynamoAPI
import DynamoModel
import LocalHTTP
import NIOCore
import NIOHTTP1
import SluiceCrypto
import SluiceJSON

/// DynamoDB's JSON protocol (`application/x-amz-json-1.0`, `X-Amz-Target: DynamoDB_20120810.<Operation>`)
/// and DynamoDB Streams' (`DynamoDBStreams_20120810.<Operation>`) in front of any `DynamoDBService`,
/// so aws-cli, boto3 and every AWS SDK work against the embedded engine unchanged.
public struct DynamoWireServer: Sendable {
    public let service: any DynamoDBService
    /// When set, requests must carry a valid SigV4 signature by one of these access keys (key → secret).
    public let credentials: [String: String]?
    /// The region a signature's scope may name (any when nil).
    public let region: String?
    /// DynamoDB's request size limit (16 MB for batch writes).
    public static let maximumBodyBytes = 16 * 1024 * 1024
    /// `service` as ``ImmediateReads`` and as ``CallbackWrites`` when it is: cast once, not per request.
    private let reader: (any ImmediateReads)?
    private let writer: (any CallbackWrites)?

    public init(service: any DynamoDBService, credentials: [String: String]? = nil, region: String? = nil) {
        self.service = service
        self.credentials = credentials
        self.region = region
        reader = service as? any ImmediateReads
        writer = service as? any CallbackWrites
    }

    /// Serves on `host:port` (loopback unless told otherwise).
    /// GetItem and Query against a service with ``ImmediateReads`` (the embedded engine) are answered at once
    /// on the connection's event loop, and PutItem, UpdateItem and DeleteItem against a service with
    /// ``CallbackWrites`` when their commit calls back; everything else runs as a task that prefers that event
    /// loop. The engine's reads are synchronous, so a long Scan page holds up the other connections of its
    /// loop meanwhile (there are as many loops as cores); writes wait for their commit without blocking it.
    public func serve(host: String = "127.0.0.1", port: Int) async throws -> LoopbackHTTPServer {
        try await LoopbackHTTPServer.start(
            host: host, port: port, maximumBodyBytes: Self.maximumBodyBytes, tooLarge: { Self.tooLargeResponse() },
            // Our handler keeps responses in request order itself; NIO's pipelining helper would stop and
            // restart reading around every request (two epoll_ctl calls each).
            overlappingPipelinedRequests: true
        ) { request, loop in
            if let response = self.handleImmediately(request) { return loop.makeSucceededFuture(response) }
            if let response = self.handleWithCallback(request, on: loop) { return response }
            // The other operations' tasks run on the event loop too: no hop to the global pool and back.
            return loop.makeFutureWithLoopTask { await self.handle(request) }
        }
    }

    /// The answer to a body over ``maximumBodyBytes`` (the connection is closed after it): HTTP 413 in
    /// DynamoDB's error shape, with a request id and checksum like every other answer.
    static func tooLargeResponse() -> HTTPServerResponse {
        let error = WireError.protocolError(
            "RequestEntityTooLarge", "Request size exceeds the maximum of \(maximumBodyBytes) bytes", status: .payloadTooLarge)
        return response(error.status, error.body, requestID: WireRequestID.make(), close: true)
    }

    static func response(_ status: HTTPResponseStatus, _ body: [UInt8], requestID: String, close: Bool) -> HTTPServerResponse {
        var headers: HTTPHeaders = [
            "Content-Type": "application/x-amz-json-1.0",
            "x-amzn-RequestId": requestID,
            "x-amz-crc32": String(CRC32.checksum(body)),
        ]
        if close { headers.add(name: "Connection", value: "close") }
        return HTTPServerResponse(status: status, headers: headers, bytes: body)
    }

    /// What a request asks for: an answer known already (a protocol error), or an operation on the body.
    private enum Call {
        case answered(Result<[UInt8], WireError>)
        case operation(target: String, WireOperations.Operation)
    }

    private func call(for request: HTTPServerRequest) -> Call {
        if request.method != .POST {
            return .answered(.failure(.protocolError("UnknownOperationException", "Only POST is supported", status: .badRequest)))
        }
        if !Self.acceptsContentType(request.headers["Content-Type"].first) {
            // DynamoDB answers another content type (even `x-amz-json-1.1`) with 404 Page Not Found.
            let type = request.headers["Content-Type"].first ?? ""
            return .answered(.failure(.protocolError(
                "UnknownOperationException", "Unsupported Content-Type \(type): use application/x-amz-json-1.0", status: .notFound)))
        }
        if let failure = authenticate(request) { return .answered(.failure(failure)) }
        if let target = request.headers["X-Amz-Target"].first, let operation = WireOperations.table[target] {
            return .operation(target: target, operation)
        }
        let target = request.headers["X-Amz-Target"].first ?? "(none)"
        return .answered(.failure(.protocolError("UnknownOperationException", "Unknown operation \(target)", status: .badRequest)))
    }

    /// Answers one request.
    public func handle(_ request: HTTPServerRequest) async -> HTTPServerResponse {
        let requestID = WireRequestID.make()
        let result: Result<[UInt8], WireError>
        switch call(for: request) {
        case .answered(let answer): result = answer
        case .operation(_, let operation): result = await operation(service, request.bodyBytes)
        }
        return respond(to: request, result, requestID: requestID)
    }

    /// The answer to a GetItem or Query when the service reads at once (see ``ImmediateReads``), else nil:
    /// the same answer ``handle(_:)`` gives, computed on the calling thread.
    public func handleImmediately(_ request: HTTPServerRequest) -> HTTPServerResponse? {
        guard let reader, let target = request.headers["X-Amz-Target"].first,
            let immediate = WireOperations.immediate[target]
        else { return nil }
        let requestID = WireRequestID.make()
        let result: Result<[UInt8], WireError>
        switch call(for: request) {
        case .answered(let answer): result = answer
        case .operation: result = immediate(reader, request.bodyBytes)
        }
        return respond(to: request, result, requestID: requestID)
    }

    /// The answer to a PutItem, UpdateItem or DeleteItem when the service takes completion handlers (see
    /// ``CallbackWrites``), else nil: the same answer ``handle(_:)`` gives, on `loop`, without a task.
    public func handleWithCallback(_ request: HTTPServerRequest, on loop: any EventLoop) -> EventLoopFuture<HTTPServerResponse>? {
        guard let writer, let target = request.headers["X-Amz-Target"].first,
            let operation = WireOperations.callback[target]
        else { return nil }
        let requestID = WireRequestID.make()
        let answer: EventLoopFuture<Result<[UInt8], WireError>>
        switch call(for: request) {
        case .answered(let result): answer = loop.makeSucceededFuture(result)
        case .operation: answer = operation(writer, request.bodyBytes, loop)
        }
        return answer.map { self.respond(to: request, $0, requestID: requestID) }
    }

    private func respond(to request: HTTPServerRequest, _ result: Result<[UInt8], WireError>, requestID: String) -> HTTPServerResponse {
        let status: HTTPResponseStatus
        let body: [UInt8]
        switch result {
        case .success(let bytes):
            status = .ok
            body = bytes
        case .failure(let error):
            status = error.status
            body = error.body
        }
        return Self.response(
            status, body, requestID: requestID, close: request.headers["Connection"].first?.lowercased() == "close")
    }

    /// `application/x-amz-json-1.0` or `application/json` (parameters such as `charset` ignored). A request
    /// without the header is served too (curl and hand-written clients), a deliberate leniency.
    static func acceptsContentType(_ header: String?) -> Bool {
        guard let header else { return true }
        if header == "application/x-amz-json-1.0" { return true }  // what every SDK sends: no lowercasing, no copies
        let type = header.prefix { $0 != ";" }.lowercased().filter { $0 != " " && $0 != "\t" }
        return type == "application/x-amz-json-1.0" || type == "application/json"
    }

    private func authenticate(_ request: HTTPServerRequest) -> WireError? {
        guard let credentials else { return nil }
        var headers: [String: String] = [:]
        for (name, value) in request.headers {
            let key = name.lowercased()
            headers[key] = headers[key].map { $0 + "," + value } ?? value
        }
        let parts = request.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let signer = SigV4(region: region ?? "us-east-1", service: "dynamodb")
        do {
            try signer.verify(
                method: request.method.rawValue, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : "",
                headers: headers, body: request.bodyBytes, epochSeconds: WireClock.epochSeconds(),
                secretFor: { credentials[$0] })
            return nil
        } catch {
            return .protocolError(error.code, error.description, status: error == .missingAuthentication ? .forbidden : .badRequest)
        }
    }
}
