import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP request as the server hands it to a route: head, whole body and trailers.
public struct HTTPServerRequest: Sendable {
    public var method: HTTPMethod
    public var uri: String
    public var headers: HTTPHeaders
    public var body: ByteBuffer
    public var trailers: HTTPHeaders?
    /// Completes when the client's connection closes (lets a long poll give up early).
    public var connectionClosed: EventLoopFuture<Void>
    /// The client's IP address.
    public var remoteAddress: String

    /// The path without the query string.
    public var path: Substring {
        guard let question = uri.utf8.firstIndex(of: UInt8(ascii: "?")) else { return uri[...] }
        return uri[..<question]
    }
    /// The body's bytes.
    public var bodyBytes: [UInt8] { Array(body.readableBytesView) }
}

/// One HTTP response: status, headers and a whole body, or a body the route streams in chunks.
public struct HTTPServerResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: ByteBuffer
    /// When set, the body is sent with chunked transfer as the stream yields it (`body` is ignored).
    public var stream: AsyncStream<ByteBuffer>?

    public init(status: HTTPResponseStatus, headers: HTTPHeaders = [:], body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: HTTPResponseStatus, headers: HTTPHeaders = [:], bytes: some Sequence<UInt8>) {
        self.init(status: status, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    /// A JSON response.
    public static func json(_ status: HTTPResponseStatus, _ text: String, headers: HTTPHeaders = [:]) -> Self {
        var all = headers
        if !all.contains(name: "content-type") { all.add(name: "Content-Type", value: "application/json") }
        return .init(status: status, headers: all, bytes: Array(text.utf8))
    }
}

/// A route: answers one request.
public typealias HTTPRoute = @Sendable (HTTPServerRequest) async -> HTTPServerResponse

/// A route that answers on the connection's event loop without a task hop (for hot paths like the Runtime API).
public typealias HTTPFutureRoute = @Sendable (HTTPServerRequest, any EventLoop) -> EventLoopFuture<HTTPServerResponse>

/// A small HTTP/1.1 server for loopback use (keep-alive, pipelining-safe, body size limit, request
/// timeout), on which the Runtime API, the invoke endpoint and the other local endpoints are built.
public final class LoopbackHTTPServer: Sendable {
    public let channel: any Channel
    /// The bound port (useful with port 0).
    public let port: Int
    /// How long a connection may take to deliver a complete request (head and body) while none of its
    /// requests is being answered: idle keep-alive connections and slow clients are closed after it.
    public static let defaultRequestTimeout: TimeAmount = .seconds(60)

    /// Binds `host:port` (port 0 picks a free one) and serves `route` for every request.
    /// (A route that should run on the connection's event loop uses the `futureRoute` form with
    /// `makeFutureWithLoopTask`.)
    public static func start(
        host: String = "127.0.0.1", port: Int = 0, maximumBodyBytes: Int = 8 << 20,
        requestTimeout: TimeAmount? = defaultRequestTimeout,
        tooLarge: (@Sendable () -> HTTPServerResponse)? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, route: @escaping HTTPRoute
    ) async throws -> LoopbackHTTPServer {
        try await start(
            host: host, port: port, maximumBodyBytes: maximumBodyBytes, requestTimeout: requestTimeout,
            tooLarge: tooLarge, group: group
        ) { request, loop in
            loop.makeFutureWithTask { await route(request) }
        }
    }

    /// Binds `host:port` and serves a future-returning `route` on the connections' event loops.
    /// `requestTimeout` nil: connections may stay idle for ever (the Runtime API's long-lived clients).
    ///
    /// With `overlappingPipelinedRequests`, a pipelined request reaches the route while the one before it is
    /// still being answered (responses still leave in request order). The Runtime API uses it: a runtime
    /// posts a result and asks for the next event in one write, and both answers then leave in one write,
    /// without the read pausing and resuming that NIO's pipelining handler does per request.
    public static func start(
        host: String = "127.0.0.1", port: Int = 0, maximumBodyBytes: Int = 8 << 20,
        requestTimeout: TimeAmount? = defaultRequestTimeout, tooLarge: (@Sendable () -> HTTPServerResponse)? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, overlappingPipelinedRequests: Bool = false,
        futureRoute route: @escaping HTTPFutureRoute
    ) async throws -> LoopbackHTTPServer {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: !overlappingPipelinedRequests, withErrorHandling: false)
                    try channel.pipeline.syncOperations.addHandler(ProtocolErrorResponder())
                    try channel.pipeline.syncOperations.addHandler(
                        HTTPRouteHandler(
                            route: route, maximumBodyBytes: maximumBodyBytes, requestTimeout: requestTimeout,
                            tooLarge: tooLarge))
                }
            }
            .bind(host: host, port: port).get()
        return LoopbackHTTPServer(channel: channel, port: channel.localAddress?.port ?? port)
    }

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// Stops accepting connections.
    public func close() async {
        try? await channel.close()
    }
}

/// Collects a request, runs the route as a task, writes its response back on the event loop.
final class HTTPRouteHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let route: HTTPFutureRoute
    private let maximumBodyBytes: Int
    private let tooLargeResponse: (@Sendable () -> HTTPServerResponse)?
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false
    private var flushScheduled = false
    private let requestTimeout: TimeAmount?
    /// Closes the connection when no complete request arrives in time (armed while none is being answered).
    private var requestDeadline: Scheduled<Void>?
    /// Responses leave in request order: the sequence number of the next request, of the next response to
    /// write, and the responses that finished early (only possible with overlapping pipelined requests).
    private var nextRequest = 0
    private var nextResponse = 0
    private var finishedEarly: [Int: (response: HTTPServerResponse, keepAlive: Bool)] = [:]
    /// A streamed response is being written; later responses wait for its end.
    private var streaming = false
    /// More requests in flight than this on one connection is abuse: the connection is closed.
    private static let maximumRequestsInFlight = 64
    /// Requests received whose response is not written yet.
    private var answering: Int { nextRequest - nextResponse }

    init(
        route: @escaping HTTPFutureRoute, maximumBodyBytes: Int, requestTimeout: TimeAmount?,
        tooLarge: (@Sendable () -> HTTPServerResponse)? = nil
    ) {
        self.route = route
        self.maximumBodyBytes = maximumBodyBytes
        self.requestTimeout = requestTimeout
        self.tooLargeResponse = tooLarge
    }

    func handlerAdded(context: ChannelHandlerContext) {
        armRequestDeadline(context: context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        requestDeadline?.cancel()
        requestDeadline = nil
    }

    /// Starts the wait for the next complete request: a client that sends nothing, or dribbles a
    /// request a byte at a time (slowloris), loses its connection when the timeout passes.
    private func armRequestDeadline(context: ChannelHandlerContext) {
        requestDeadline?.cancel()
        guard let requestTimeout, answering == 0 else { return }
        let channel = context.channel
        requestDeadline = context.eventLoop.scheduleTask(in: requestTimeout) { channel.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.clear()
            tooLarge = false
        case .body(var chunk):
            guard !tooLarge else { return }
            if body.readableBytes + chunk.readableBytes > maximumBodyBytes {
                tooLarge = true
                body.clear()
            } else {
                body.writeBuffer(&chunk)
            }
        case .end(let trailers):
            guard let requestHead = head else { return }
            head = nil
            requestDeadline?.cancel()
            requestDeadline = nil
            let sequence = nextRequest
            nextRequest += 1
            if tooLarge {
                let response = tooLargeResponse?() ?? HTTPServerResponse.json(
                    .payloadTooLarge,
                    "{\"message\":\"Request must be smaller than \(maximumBodyBytes) bytes\"}")
                finish(sequence, response, keepAlive: false, context: context)
                return
            }
            if sequence - nextResponse >= Self.maximumRequestsInFlight {
                context.close(promise: nil)
                return
            }
            let request = HTTPServerRequest(
                method: requestHead.method, uri: requestHead.uri, headers: requestHead.headers, body: body,
                trailers: trailers, connectionClosed: context.channel.closeFuture,
                remoteAddress: remoteAddress(context))
            body = ByteBuffer()
            let keepAlive = requestHead.isKeepAlive
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            route(request, context.eventLoop).hop(to: context.eventLoop).whenSuccess { response in
                let (handler, context) = loopBound.value
                handler.finish(sequence, response, keepAlive: keepAlive, context: context)
            }
        }
    }

    /// The client's address, formatted once per connection.
    private var cachedRemoteAddress: String?

    private func remoteAddress(_ context: ChannelHandlerContext) -> String {
        if let cachedRemoteAddress { return cachedRemoteAddress }
        let address = context.channel.remoteAddress?.ipAddress ?? "127.0.0.1"
        cachedRemoteAddress = address
        return address
    }

    /// Writes the response of request `sequence` when every earlier response has been written.
    private func finish(_ sequence: Int, _ response: HTTPServerResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        if sequence == nextResponse && !streaming && finishedEarly.isEmpty {
            // In order (the usual case): written at once, without parking it.
            nextResponse += 1
            write(response, keepAlive: keepAlive, context: context)
            return
        }
        finishedEarly[sequence] = (response, keepAlive)
        writeFinishedResponses(context: context)
    }

    private func writeFinishedResponses(context: ChannelHandlerContext) {
        while !streaming, let (response, keepAlive) = finishedEarly.removeValue(forKey: nextResponse) {
            nextResponse += 1
            write(response, keepAlive: keepAlive, context: context)
        }
    }

    private func write(_ response: HTTPServerResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        if keepAlive && response.stream == nil { armRequestDeadline(context: context) }
        var headers = response.headers
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let promise = keepAlive ? nil : context.eventLoop.makePromise(of: Void.self)
        if let stream = response.stream {
            headers.remove(name: "Content-Length")
            headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
            context.flush()
            streaming = true
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let channel = context.channel
            Task {
                for await chunk in stream {
                    try? await channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(chunk)))
                }
                loopBound.eventLoop.execute {
                    let (handler, context) = loopBound.value
                    context.writeAndFlush(handler.wrapOutboundOut(.end(nil)), promise: promise)
                    handler.streaming = false
                    if keepAlive { handler.armRequestDeadline(context: context) }
                    handler.writeFinishedResponses(context: context)
                }
            }
        } else {
            headers.replaceOrAdd(name: "Content-Length", value: String(response.body.readableBytes))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
            context.write(wrapOutboundOut(.end(nil)), promise: promise)
            scheduleFlush(context: context)
        }
        let channel = context.channel
        promise?.futureResult.whenComplete { _ in channel.close(promise: nil) }
    }

    /// Flushes once the event loop has run what is already queued, so responses produced in the same
    /// turn (a Runtime API `202` and the next invocation) leave in one write and wake the client once.
    private func scheduleFlush(context: ChannelHandlerContext) {
        guard !flushScheduled else { return }
        flushScheduled = true
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let (handler, context) = loopBound.value
            handler.flushScheduled = false
            context.flush()
        }
    }
}
