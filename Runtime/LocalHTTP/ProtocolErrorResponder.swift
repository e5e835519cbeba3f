import NIOCore
import NIOHTTP1

/// Answers a request the HTTP parser rejects (broken framing, a duplicate or conflicting
/// `Content-Length`, an unknown `Transfer-Encoding`, an oversized head, bytes that are not HTTP)
/// with `400 {"message":"Bad Request"}` and closes the connection, as NIO's
/// `HTTPServerProtocolErrorHandler` does, but with a JSON body like every other error of ours.
final class ProtocolErrorResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// A response has started and not ended: a second one cannot be written on the connection.
    private var responding = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if !responding {
            let body = ByteBuffer(string: "{\"message\":\"Bad Request: \(Self.reason(parserError))\"}")
            let headers = HTTPHeaders([
                ("Content-Type", "application/json"), ("Content-Length", String(body.readableBytes)), ("Connection", "close"),
            ])
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .badRequest, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        // The decoder closes the connection once this returns; others may still want to see the error.
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.code < 200: break  // informational: the real response follows
        case .head: responding = true
        case .body: break
        case .end: responding = false
        }
        context.write(data, promise: promise)
    }

    /// A short reason without quotes or backslashes (it goes into a JSON string as is).
    static func reason(_ error: HTTPParserError) -> String {
        String("\(error)".unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 })
    }
}
