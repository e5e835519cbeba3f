import Foundation
import LocalHTTP
import NIOCore
import Testing

/// Requests pipelined in one write are answered in request order, whether the server lets them
/// overlap (the Runtime API) or has NIO queue them (every other local endpoint).
@Suite(.timeLimit(.minutes(2)))
struct PipelinedRequestTests {
    /// `/slow…` answers 300 ms late, `/fast…` at once: only the order of the answers can tell them apart.
    static func start(overlapping: Bool) async throws -> LoopbackHTTPServer {
        try await LoopbackHTTPServer.start(overlappingPipelinedRequests: overlapping) { request, loop in
            let response = HTTPServerResponse(status: .ok, bytes: Array("answer:\(request.path)".utf8))
            if request.path.hasPrefix("/slow") {
                return loop.scheduleTask(in: .milliseconds(300)) { response }.futureResult
            }
            return loop.makeSucceededFuture(response)
        }
    }

    /// Sends the requests back to back in one write and returns everything received until the last answer.
    static func exchange(port: Int, paths: [String]) async throws -> String {
        let connection = try PipelinedConnection(port: port)
        let bytes = paths.flatMap { Array("GET \($0) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8) }
        return await connection.sendAndRead(bytes, until: "answer:\(paths.last!)")
    }

    @Test(arguments: [true, false])
    func answersLeaveInRequestOrder(overlapping: Bool) async throws {
        let server = try await Self.start(overlapping: overlapping)
        defer { Task { await server.close() } }
        let received = try await Self.exchange(port: server.port, paths: ["/slow1", "/fast2", "/slow3", "/fast4"])
        let answers = received.components(separatedBy: "answer:").dropFirst().map { String($0.prefix(6)) }
        #expect(answers == ["/slow1", "/fast2", "/slow3", "/fast4"])
        #expect(received.components(separatedBy: "HTTP/1.1 200 OK").count - 1 == 4)
    }
}

/// A plain TCP client that writes once and reads until a marker arrives, on its own thread.
final class PipelinedConnection: @unchecked Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func sendAndRead(_ bytes: [UInt8], until marker: String) async -> String {
        await withCheckedContinuation { continuation in
            Thread {
                _ = bytes.withUnsafeBytes { send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                var received: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 4096)
                while !String(decoding: received, as: UTF8.self).contains(marker) {
                    let count = chunk.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
                    if count <= 0 { break }
                    received += chunk[0..<count]
                }
                continuation.resume(returning: String(decoding: received, as: UTF8.self))
            }.start()
        }
    }
}
