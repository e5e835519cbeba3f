import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on its own thread (blocking sockets): answers each request with the next
/// scripted response (the last one repeats), counts requests and keeps their headers.
final class ScriptedHTTPServer: Sendable {
    enum Reply: Sendable {
        case respond(status: Int, body: String, headers: [String: String] = [:], crc: Bool = true)
        /// Reads the request, then holds the connection open without answering for `seconds`.
        case hang(seconds: Double)
        /// Answers without `Connection: close` (the client keeps the connection), then closes it anyway,
        /// as a keep-alive server does with an idle connection.
        case respondThenClose(body: String)
        /// Sends `text` as is (a hand-made response, possibly cut short), then closes.
        case raw(String)
        /// Answers 200 with `body` after `seconds` (a slow server).
        case respondAfter(seconds: Double, body: String)
    }

    let port: Int
    private let socket: Int32
    private let script: [Reply]
    private let state = Mutex<(count: Int, headers: [[String: String]])>((0, []))

    init(_ script: [Reply]) throws {
        self.script = script
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        socket = fd
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    var requestCount: Int { state.withLock { $0.count } }
    var requestHeaders: [[String: String]] { state.withLock { $0.headers } }
    var endpoint: String { "http://127.0.0.1:\(port)" }

    func close() { shutdown(socket, Int32(SHUT_RDWR)); Glibc.close(socket) }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 { return }
            handle(client)
        }
    }

    private func handle(_ client: Int32) {
        defer { Glibc.close(client) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        var contentLength = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, 65536, 0) }
            if count <= 0 { return }
            data += buffer[0..<count]
            if headerEnd == nil, let range = data.firstRange(of: Array("\r\n\r\n".utf8)) {
                headerEnd = range.upperBound
                let head = String(decoding: data[..<range.lowerBound], as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2, parts[0].lowercased() == "content-length" {
                        contentLength = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                }
            }
            if let end = headerEnd, data.count >= end + contentLength { break }
        }
        let head = String(decoding: data[..<(headerEnd! - 4)], as: UTF8.self)
        var headers: [String: String] = [:]
        for line in head.split(separator: "\r\n").dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        let index = state.withLock { state -> Int in
            state.count += 1
            state.headers.append(headers)
            return state.count - 1
        }
        switch script[min(index, script.count - 1)] {
        case .hang(let seconds):
            Thread.sleep(forTimeInterval: seconds)
        case .respondThenClose(let body):
            let lines = ["HTTP/1.1 200 OK", "Content-Length: \(body.utf8.count)", "x-amz-crc32: \(crc32(Array(body.utf8)))"]
            let response = Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
            _ = response.withUnsafeBytes { send(client, $0.baseAddress, response.count, Int32(MSG_NOSIGNAL)) }
        case .raw(let text):
            let response = Array(text.utf8)
            _ = response.withUnsafeBytes { send(client, $0.baseAddress, response.count, Int32(MSG_NOSIGNAL)) }
        case .respondAfter(let seconds, let body):
            Thread.sleep(forTimeInterval: seconds)
            let lines = ["HTTP/1.1 200 OK", "Content-Length: \(body.utf8.count)", "Connection: close"]
            let response = Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
            _ = response.withUnsafeBytes { send(client, $0.baseAddress, response.count, Int32(MSG_NOSIGNAL)) }
        case .respond(let status, let body, let extra, let crc):
            var lines = ["HTTP/1.1 \(status) X", "Content-Type: application/x-amz-json-1.0", "Content-Length: \(body.utf8.count)", "Connection: close"]
            if crc { lines.append("x-amz-crc32: \(crc32(Array(body.utf8)))") }
            for (name, value) in extra { lines.append("\(name): \(value)") }
            let response = Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
            _ = response.withUnsafeBytes { send(client, $0.baseAddress, response.count, Int32(MSG_NOSIGNAL)) }
        }
    }
}

func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }
    return crc ^ 0xFFFF_FFFF
}

/// A loopback port nothing listens on (bound, then released).
func unusedPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// A loopback listener that never accepts, its queue filled by connections of its own: Linux drops
/// further SYNs, so a new connection neither opens nor fails until the client gives up.
final class FullListener {
    let port: Int
    private var sockets: [Int32] = []

    init() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        listen(fd, 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        sockets.append(fd)
        for _ in 0..<4 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            sockets.append(filler)
        }
        usleep(100_000)  // let the handshakes that can complete do so
    }

    deinit { for fd in sockets { close(fd) } }
}
