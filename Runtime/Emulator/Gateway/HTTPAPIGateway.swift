import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import SluiceCrypto
import SluiceJSON

/// A local API Gateway HTTP API: matches each request to a route, checks its JWT, invokes the route's
/// function with a payload 2.0 event and turns the result into the HTTP response.
public struct HTTPAPIGateway: Sendable {
    /// Routes in the order API Gateway selects them.
    public let routes: [HTTPAPIRoute]
    let functions: [String: FunctionPool]
    let secret: [UInt8]
    let apiID: String
    /// Extra local endpoints (such as `/_sluice/status`), answered before the routes.
    let localRoutes: [String: HTTPRoute]
    /// Tokens already verified with `secret`.
    let verifiedTokens = VerifiedTokens()
    /// API Gateway's payload limit for HTTP APIs.
    public static let maximumBodyBytes = 10 * 1024 * 1024
    /// API Gateway's quota on the request line and the header values together (HTTP APIs).
    public static let maximumHeaderBytes = 10240

    public init(
        routes: [HTTPAPIRoute], functions: [String: FunctionPool], secret: [UInt8], apiID: String = "sluicelocal",
        localRoutes: [String: HTTPRoute] = [:]
    ) {
        self.routes = routes.sorted(by: HTTPAPIRoute.precedes)
        self.functions = functions
        self.secret = secret
        self.apiID = apiID
        self.localRoutes = localRoutes
    }

    /// Serves the API on `host:port`. Requests are answered on their connection's event loop: the function's
    /// result comes back from its instance's loop without any Swift task (only the local routes run as tasks).
    public func serve(host: String = "127.0.0.1", port: Int) async throws -> LoopbackHTTPServer {
        // Responses keep request order in our handler; NIO's pipelining helper would pause and resume
        // reading around every request (two epoll_ctl calls each).
        try await LoopbackHTTPServer.start(
            host: host, port: port, maximumBodyBytes: Self.maximumBodyBytes, overlappingPipelinedRequests: true
        ) { request, loop in
            self.respond(to: request, on: loop)
        }
    }

    static func message(_ status: HTTPResponseStatus, _ text: String) -> HTTPServerResponse {
        .json(status, "{\"message\":\"\(text)\"}")
    }

    /// Answers one request (as ``serve(host:port:)`` does, on an event loop of the shared group).
    public func handle(_ request: HTTPServerRequest) async -> HTTPServerResponse {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        return (try? await respond(to: request, on: loop).get()) ?? Self.message(.internalServerError, "Internal Server Error")
    }

    /// Answers one request on `loop`.
    func respond(to request: HTTPServerRequest, on loop: any EventLoop) -> EventLoopFuture<HTTPServerResponse> {
        let headerBytes = request.method.rawValue.utf8.count + request.uri.utf8.count
            + request.headers.reduce(0) { $0 + $1.value.utf8.count }
        if headerBytes > Self.maximumHeaderBytes {
            return loop.makeSucceededFuture(Self.message(.requestHeaderFieldsTooLarge, "Request Header Fields Too Large"))
        }
        if let local = localRoutes[String(request.path)] { return loop.makeFutureWithTask { await local(request) } }
        let rawPath = String(request.path)
        let path = APIGatewayEvents.percentDecoded(rawPath)
        let method = request.method.rawValue.uppercased()
        let parts = HTTPAPIRoute.parts(of: path)
        guard let (route, parameters) = routes.lazy.compactMap({ route in
            route.match(method: method, parts: parts).map { (route, $0) }
        }).first else {
            return loop.makeSucceededFuture(Self.message(.notFound, "Not Found"))
        }
        var claims: JSONObject?
        if let authorizer = route.authorizer {
            guard let verified = verify(request, authorizer) else {
                var response = Self.message(.unauthorized, "Unauthorized")
                response.headers.add(name: "www-authenticate", value: "Bearer")
                return loop.makeSucceededFuture(response)
            }
            claims = verified
        }
        guard let pool = functions[route.function] else {
            return loop.makeSucceededFuture(Self.message(.internalServerError, "Internal Server Error"))
        }
        let requestID = RequestID.make()
        let event = APIGatewayEvents.event(
            for: request, route: route, pathParameters: parameters, claims: claims, requestID: requestID,
            apiID: apiID, sourceIP: request.remoteAddress)
        guard let payload = try? SluiceJSONEncoder().encode(event) else {
            return loop.makeSucceededFuture(Self.message(.internalServerError, "Internal Server Error"))
        }
        return pool.startInvocation(InvocationRequest(payload: payload), on: loop).map { result in
            var response: HTTPServerResponse
            switch result {
            case .success(let body, _): response = APIGatewayEvents.response(for: body)
            case .failure: response = Self.message(.internalServerError, "Internal Server Error")
            }
            response.headers.add(name: "apigw-requestid", value: requestID)
            return response
        }
    }

    /// The token's claims when `Authorization: Bearer …` carries a valid HS256 token for `authorizer`.
    func verify(_ request: HTTPServerRequest, _ authorizer: JWTAuthorizer) -> JSONObject? {
        guard let header = request.headers["Authorization"].first else { return nil }
        let token = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : header
        guard let claims = verifiedTokens.verify(token, secret: secret, now: Int64(Date().timeIntervalSince1970)) else { return nil }
        if let issuer = authorizer.issuer, claims["iss"]?.stringValue != issuer { return nil }
        if !authorizer.audience.isEmpty {
            let audiences = claims["aud"]?.arrayValue?.compactMap(\.stringValue) ?? [claims["aud"]?.stringValue, claims["client_id"]?.stringValue].compactMap { $0 }
            guard audiences.contains(where: authorizer.audience.contains) else { return nil }
        }
        return claims
    }
}
