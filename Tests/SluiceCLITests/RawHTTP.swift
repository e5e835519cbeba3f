import Foundation

/// One response read off a raw socket.
struct RawResponse: CustomStringConvertible {
    var status: Int
    /// Header names in lower case (repeated headers joined with ",").
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
    /// The body as a JSON object (empty when it is not one).
    var document: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    var description: String { "\(status) \(text.prefix(300))" }
}

/// HTTP/1.1 over a plain TCP socket on loopback, for requests no HTTP library would send
/// (broken framing, duplicate lengths, huge or countless headers, invalid UTF-8, slow clients).
/// Blocking calls run on their own thread, never on Swift's cooperative pool.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    init(port: Int, timeoutSeconds: Int = 30) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError.socket(errno) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw RawHTTPError.socket(errno)
        }
    }

    deinit { close(fd) }

    /// Sends everything it can; false when the server closed the connection first (it may have answered early).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Reads one response: head, then `Content-Length` bytes, chunked bytes, or up to the close.
    /// Nil when the connection closes (or times out) before a status line arrives.
    func readResponse() -> RawResponse? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        let separator = Array("\r\n\r\n".utf8)
        func fill() -> Bool {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return false }
            buffer += chunk[0..<count]
            return true
        }
        var headEnd: Int?
        while headEnd == nil {
            headEnd = buffer.firstRange(of: separator)?.upperBound
            if headEnd == nil && !fill() { return nil }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() where line.contains(":") {
            let name = line.prefix { $0 != ":" }.lowercased()
            let value = line.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + "," + value } ?? value
        }
        var body = Array(buffer[headEnd!...])
        if let length = headers["content-length"].flatMap(Int.init) {
            while body.count < length {
                buffer = []
                guard fill() else { break }
                body += buffer
            }
            body = Array(body.prefix(length))
        } else if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while !body.suffix(5).elementsEqual(Array("0\r\n\r\n".utf8)) {
                buffer = []
                guard fill() else { break }
                body += buffer
            }
            body = Self.dechunk(body)
        } else if headers["connection"]?.lowercased() == "close" {
            while true {
                buffer = []
                guard fill() else { break }
                body += buffer
            }
        }
        return RawResponse(status: status, headers: headers, body: body)
    }

    static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while let lineEnd = bytes[index...].firstRange(of: Array("\r\n".utf8)) {
            let size = Int(String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            out += bytes[lineEnd.upperBound..<min(bytes.count, lineEnd.upperBound + size)]
            index = lineEnd.upperBound + size + 2
            if index >= bytes.count { break }
        }
        return out
    }

    /// Whether the server has closed the connection (a read returns end of file within `seconds`).
    func isClosedByPeer(within seconds: Int) -> Bool {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var byte: UInt8 = 0
        while true {
            let count = recv(fd, &byte, 1, 0)
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
    }
}

enum RawHTTPError: Error { case socket(Int32) }

enum RawHTTP {
    /// A request's bytes: `Host` and `Content-Length` are added unless `headers` already name them
    /// (or `contentLength` is false, for requests that frame their body another way).
    static func request(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [], contentLength: Bool = true
    ) -> [UInt8] {
        var head = "\(method) \(target) HTTP/1.1\r\n"
        let names = Set(headers.map { $0.0.lowercased() })
        if !names.contains("host") { head += "Host: 127.0.0.1\r\n" }
        if contentLength && !names.contains("content-length") && !names.contains("transfer-encoding") {
            head += "Content-Length: \(body.count)\r\n"
        }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        return Array((head + "\r\n").utf8) + body
    }

    /// Sends `bytes` on a new connection and reads the response, on a thread of its own.
    static func exchange(port: Int, _ bytes: [UInt8], timeoutSeconds: Int = 60) async throws -> RawResponse? {
        let connection = try RawConnection(port: port, timeoutSeconds: timeoutSeconds)
        return await offPool {
            connection.send(bytes)
            return connection.readResponse()
        }
    }

    /// Runs blocking socket work on a dedicated thread.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}
