#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client for the Runtime API: plain HTTP on one keep-alive TCP connection,
/// blocking calls from the runtime's I/O thread, chunked uploads with trailers for streaming.
///
/// The Runtime API is always local and never TLS, so this replaces a general HTTP library:
/// loading Debian's libcurl and its 33 shared libraries alone costs about 7 ms per cold start.
final class HTTPConnection {
    struct Response {
        var status: Int
        var headers: HTTPHeaderFields
        var body: [UInt8]
    }

    private let host: String
    private let port: String
    /// `Host` and `User-Agent` lines, the same on every request.
    private let fixedHeaderLines: [UInt8]
    private var socket: Int32 = -1
    /// Bytes received and not consumed yet: `buffer[start...]` (consumed bytes are dropped when more arrive).
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where `recv` writes, allocated once.
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    /// How long a read polls the socket before it blocks (0: block at once). Waking a blocked process
    /// costs tens of microseconds on a VM, more than a whole warm invocation; polling briefly while the
    /// answer is on its way avoids it. Only with more than one CPU, so the poll never holds up the
    /// Runtime API server it is waiting for. `SLUICE_RUNTIME_SPIN_US` sets it (default 50).
    private let spinNanoseconds: Int64 = {
        guard sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 else { return 0 }
        let microseconds = getenv("SLUICE_RUNTIME_SPIN_US").flatMap { Int64(String(cString: $0)) } ?? 50
        return max(0, min(microseconds, 10_000)) * 1000
    }()

    private static func monotonicNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// `hostPort` is `host:port` as in `AWS_LAMBDA_RUNTIME_API`.
    init(hostPort: String) {
        if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon]).trimmingBrackets()
            port = String(hostPort[hostPort.index(after: colon)...])
        } else {
            host = hostPort
            port = "80"
        }
        fixedHeaderLines = Array("Host: \(host)\r\nUser-Agent: sluice-runtime/0.1\r\n".utf8)
    }

    deinit { disconnect() }

    /// One request to send: method, path, extra header lines and body.
    struct Request {
        var method: String
        var path: String
        var headers: [String] = []
        var body: [UInt8] = []
    }

    /// Sends a request with a whole body (or none) and reads the response.
    /// A keep-alive connection the server closed meanwhile is reopened once.
    func send(method: String, path: String, headers: [String] = [], body: [UInt8] = []) throws(RuntimeError) -> Response {
        try send(pipelined: [Request(method: method, path: path, headers: headers, body: body)])[0]
    }

    /// Sends the requests back to back in one write (HTTP/1.1 pipelining), then reads their responses in order.
    /// The runtime posts a result and asks for the next event in a single round trip this way.
    func send(pipelined requests: [Request]) throws(RuntimeError) -> [Response] {
        // Built as bytes: String interpolation was a tenth of a no-op invocation's instructions.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(requests.reduce(0) { $0 + $1.body.count + $1.path.utf8.count + 160 })
        for request in requests {
            bytes.append(contentsOf: request.method.utf8)
            bytes.append(32)
            bytes.append(contentsOf: request.path.utf8)
            bytes.append(contentsOf: " HTTP/1.1\r\n".utf8)
            bytes.append(contentsOf: fixedHeaderLines)
            for header in request.headers {
                bytes.append(contentsOf: header.utf8)
                bytes.append(contentsOf: [13, 10])
            }
            if request.method != "GET" || !request.body.isEmpty {
                bytes.append(contentsOf: "Content-Length: ".utf8)
                bytes.append(contentsOf: String(request.body.count).utf8)
                bytes.append(contentsOf: [13, 10])
            }
            bytes.append(contentsOf: [13, 10])
            bytes.append(contentsOf: request.body)
        }
        for attempt in 0..<2 {
            do {
                try connectIfNeeded()
                try write(bytes)
                var responses: [Response] = []
                for _ in requests { responses.append(try readResponse()) }
                return responses
            } catch {
                disconnect()
                if attempt == 1 { throw error }
            }
        }
        throw .transport("\(requests.map(\.path)): connection failed")
    }

    /// Sends a request whose body comes from `stream` as chunked transfer, with trailers at the end.
    func sendStreaming(path: String, headers: [String], stream: ResponseStream) throws(RuntimeError) -> Response {
        var head = "POST \(path) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: sluice-runtime/0.1\r\nTransfer-Encoding: chunked\r\n"
        for header in headers { head += header + "\r\n" }
        head += "\r\n"
        try connectIfNeeded()
        do {
            try write(Array(head.utf8), [])
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { stream.read(into: $0.baseAddress!, capacity: $0.count) }
                if count == 0 { break }
                try write(Array((String(count, radix: 16) + "\r\n").utf8), chunk[0..<count] + [13, 10])
            }
            var trailer = "0\r\n"
            for line in stream.trailerLines() { trailer += line + "\r\n" }
            trailer += "\r\n"
            try write(Array(trailer.utf8), [])
            return try readResponse()
        } catch {
            disconnect()
            throw error
        }
    }

    // MARK: Socket

    private func connectIfNeeded() throws(RuntimeError) {
        guard socket < 0 else { return }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, port, &hints, &result)
        guard status == 0, let first = result else {
            throw .transport("cannot resolve \(host):\(port): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(result) }
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let fd = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    var one: Int32 = 1
                    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    socket = fd
                    buffer.removeAll(keepingCapacity: true)
                    start = 0
                    return
                }
                lastError = String(cString: strerror(errno))
                close(fd)
            }
            candidate = info.pointee.ai_next
        }
        throw .transport("cannot connect to \(host):\(port): \(lastError)")
    }

    private func disconnect() {
        if socket >= 0 { close(socket) }
        socket = -1
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    /// Writes `head` then `body` with one `writev` where possible.
    private func write(_ head: [UInt8], _ body: some Collection<UInt8>) throws(RuntimeError) {
        if body.isEmpty {
            try write(head)
            return
        }
        let bodyBytes = Array(body)
        var parts = [head, bodyBytes].filter { !$0.isEmpty }
        while !parts.isEmpty {
            let written: Int = parts[0].withUnsafeBytes { first in
                if parts.count == 1 { return Glibc.send(socket, first.baseAddress, first.count, Int32(MSG_NOSIGNAL)) }
                return parts[1].withUnsafeBytes { second in
                    var vectors = [
                        iovec(iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress), iov_len: first.count),
                        iovec(iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress), iov_len: second.count),
                    ]
                    var message = msghdr()
                    return vectors.withUnsafeMutableBufferPointer { iov in
                        message.msg_iov = iov.baseAddress
                        message.msg_iovlen = 2
                        return sendmsg(socket, &message, Int32(MSG_NOSIGNAL))
                    }
                }
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .transport("write failed: \(String(cString: strerror(errno)))")
            }
            var remaining = written
            while remaining > 0, !parts.isEmpty {
                if remaining >= parts[0].count {
                    remaining -= parts[0].count
                    parts.removeFirst()
                } else {
                    parts[0].removeFirst(remaining)
                    remaining = 0
                }
            }
        }
    }

    /// Writes all of `bytes` (the common case: a whole pipelined request in one array, no copies).
    private func write(_ bytes: [UInt8]) throws(RuntimeError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .transport("write failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Reads more bytes into `buffer`; false at end of stream.
    private func fill() throws(RuntimeError) -> Bool {
        var spinning = spinNanoseconds > 0
        let spinStart = spinning ? Self.monotonicNanoseconds() : 0
        while true {
            let flags = spinning ? Int32(MSG_DONTWAIT) : 0
            let count = scratch.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, flags) }
            if count < 0, spinning, errno == EAGAIN || errno == EWOULDBLOCK {
                // Nothing yet: poll again until the spin time is used up, then block.
                if Self.monotonicNanoseconds() - spinStart >= spinNanoseconds { spinning = false }
                continue
            }
            if count > 0 {
                if start > 0 {
                    buffer.removeFirst(start)
                    start = 0
                }
                buffer.append(contentsOf: scratch[0..<count])
                return true
            }
            if count == 0 { return false }
            if errno == EINTR { continue }
            throw .transport("read failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads through the first CRLF; the line without it.
    private func readLine() throws(RuntimeError) -> String {
        let line = try readLineRange()
        return String(decoding: buffer[line], as: UTF8.self)
    }

    /// Reads through the first CRLF; where the line without it sits in `buffer` (valid until the next read).
    private func readLineRange() throws(RuntimeError) -> Range<Int> {
        while true {
            let newline = buffer.withUnsafeBufferPointer { bytes -> Int? in
                guard start < bytes.count, let found = memchr(bytes.baseAddress! + start, 10, bytes.count - start) else { return nil }
                return bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            if let end = newline {
                let lineEnd = end > start && buffer[end - 1] == 13 ? end - 1 : end
                defer { start = end + 1 }
                return start..<lineEnd
            }
            guard try fill() else { throw .transport("connection closed in the middle of a response") }
        }
    }

    private func readBytes(_ count: Int) throws(RuntimeError) -> [UInt8] {
        while buffer.count - start < count {
            guard try fill() else { throw .transport("connection closed in the middle of a response body") }
        }
        let bytes = Array(buffer[start..<(start + count)])
        start += count
        return bytes
    }

    private func readResponse() throws(RuntimeError) -> Response {
        // The head is parsed as bytes: Character-level String work was most of the runtime's own time.
        var status = 0
        var headers = HTTPHeaderFields()
        repeat {
            status = try readStatusCode()
            headers = HTTPHeaderFields()
            while true {
                let line = try readLineRange()
                if line.isEmpty { break }
                let split: (colon: Int, value: Range<Int>)? = buffer.withUnsafeBufferPointer { bytes in
                    guard let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")) else { return nil }
                    var valueStart = colon + 1
                    while valueStart < line.upperBound, bytes[valueStart] == 32 || bytes[valueStart] == 9 { valueStart += 1 }
                    var valueEnd = line.upperBound
                    while valueEnd > valueStart, bytes[valueEnd - 1] == 32 || bytes[valueEnd - 1] == 9 { valueEnd -= 1 }
                    return (colon, valueStart..<valueEnd)
                }
                guard let split else { continue }
                headers.append(name: buffer[line.lowerBound..<split.colon], value: buffer[split.value])
            }
        } while status == 100
        var body: [UInt8] = []
        if headers.contains("transfer-encoding", token: "chunked") {
            while true {
                let sizeLine = try readLine()
                guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16), size >= 0 else {
                    throw .transport("malformed chunk size: \(sizeLine)")
                }
                if size == 0 {
                    while !(try readLine()).isEmpty {}
                    break
                }
                body += try readBytes(size)
                _ = try readLine()
            }
        } else if let length = headers.integer("content-length") {
            body = try readBytes(Int(length))
        } else {
            while try fill() {}
            body = Array(buffer[start...])
            disconnect()
        }
        if headers.contains("connection", token: "close") { disconnect() }
        return Response(status: status, headers: headers, body: body)
    }
}

extension HTTPConnection {
    private static let statusPrefix = Array("HTTP/1.".utf8)

    /// Reads a status line (`HTTP/1.x NNN reason`) and returns its code.
    private func readStatusCode() throws(RuntimeError) -> Int {
        let line = try readLineRange()
        // `HTTP/1.x NNN`: checked byte by byte, no arrays or strings unless it is malformed.
        let valid = buffer.withUnsafeBufferPointer { bytes -> Bool in
            let at = line.lowerBound
            guard line.count >= 12, bytes[at + 8] == 32 else { return false }
            for (offset, byte) in Self.statusPrefix.enumerated() where bytes[at + offset] != byte { return false }
            return bytes[at + 9] &- 48 < 10 && bytes[at + 10] &- 48 < 10 && bytes[at + 11] &- 48 < 10
        }
        guard valid else { throw .transport("malformed status line: \(String(decoding: buffer[line], as: UTF8.self))") }
        var code = 0
        for index in (line.lowerBound + 9)..<(line.lowerBound + 12) { code = code * 10 + Int(buffer[index] &- 48) }
        return code
    }
}

extension String {
    fileprivate func trimmingBrackets() -> String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}
