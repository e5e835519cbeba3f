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

    public init(service: any DynamoDBService, credentials: [String: String]? = nil, region: String? = nil) {
        self.service = service
        self.credentials = credentials
        self.region = region
    }

    /// Serves on `host:port` (loopback unless told otherwise).
    public func serve(host: String = "127.0.0.1", port: Int) async throws -> LoopbackHTTPServer {
        try await LoopbackHTTPServer.start(
            host: host, port: port, maximumBodyBytes: Self.maximumBodyBytes, tooLarge: { Self.tooLargeResponse() },
            routesOnEventLoop: true
        ) { request in
            await self.handle(request)
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

    /// Answers one request.
    public func handle(_ request: HTTPServerRequest) async -> HTTPServerResponse {
        let requestID = WireRequestID.make()
        let result: Result<[UInt8], WireError>
        if request.method != .POST {
            result = .failure(.protocolError("UnknownOperationException", "Only POST is supported", status: .badRequest))
        } else if !Self.acceptsContentType(request.headers["Content-Type"].first) {
            // DynamoDB answers another content type (even `x-amz-json-1.1`) with 404 Page Not Found.
            let type = request.headers["Content-Type"].first ?? ""
            result = .failure(.protocolError(
                "UnknownOperationException", "Unsupported Content-Type \(type): use application/x-amz-json-1.0", status: .notFound))
        } else if let failure = authenticate(request) {
            result = .failure(failure)
        } else if let target = request.headers["X-Amz-Target"].first, let operation = WireOperations.table[target] {
            result = await operation(service, request.bodyBytes)
        } else {
            let target = request.headers["X-Amz-Target"].first ?? "(none)"
            result = .failure(.protocolError("UnknownOperationException", "Unknown operation \(target)", status: .badRequest))
        }
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
