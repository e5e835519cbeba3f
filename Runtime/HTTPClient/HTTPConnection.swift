#if canImport(Glibc)
import Glibc
#endif

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client: plain HTTP on one keep-alive TCP connection, blocking calls, pipelining,
/// chunked uploads with trailers for streaming, optional connect and request timeouts.
///
/// The Lambda runtime talks to the Runtime API with it, and DynamoClient to plain-`http://` endpoints
/// (`sluice table serve`, DynamoDB Local, moto): those are always local and never TLS, so this replaces a
/// general HTTP library there. Loading Debian's libcurl and its 33 shared libraries alone costs about
/// 7 ms per cold start, and its event loop several `poll` calls per request.
///
/// One thread at a time: callers that share connections keep them in a pool.
public final class HTTPConnection {
    public struct Response: Sendable {
        public var status: Int
        public var headers: HTTPHeaderFields
        public var body: [UInt8]
    }

    /// Which failed exchanges are tried once more on a new connection.
    public enum Resend: Sendable {
        /// Any failure (the Runtime API's requests can all be repeated).
        case always
        /// Only a request that failed on a reused keep-alive connection before any byte of the response
        /// arrived (the server closed the idle connection meanwhile), as libcurl does.
        case staleConnection
    }

    private let host: String
    private let port: String
    /// Lines sent with every request (`Host` and `User-Agent` for the runtime), CRLF-terminated.
    private let fixedHeaderLines: [UInt8]
    private let connectTimeoutMilliseconds: Int?
    /// The whole exchange's limit (socket receive/send timeouts plus a deadline), nil for none.
    private let timeoutMilliseconds: Int?
    private let resend: Resend
    private var socket: Int32 = -1
    /// Whether the open connection has carried a whole exchange already (a reused keep-alive connection).
    private var carriedExchange = false
    /// Whether any byte of a response arrived in the current exchange.
    private var receivedResponseBytes = false
    /// When the current exchange times out (monotonic nanoseconds), if it has a timeout.
    private var deadline: Int64?
    /// Bytes received and not consumed yet: `buffer[start...]` (consumed bytes are dropped when more arrive).
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where `recv` writes, allocated once.
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    /// How long a read polls the socket before it blocks (0: block at once). Waking a blocked process
    /// costs tens of microseconds on a VM, more than a whole warm invocation; polling briefly while the
    /// answer is on its way avoids it.
    private let spinNanoseconds: Int64
    /// Polls in a row that ran out without an answer. After ``spinMissLimit`` of them, reads block at once
    /// for the next ``spinPause`` reads: when answers are slow to come (a busy machine, several instances
    /// sharing the cores), the polling would only take CPU from the processes that produce them.
    private var spinMisses = 0
    private var readsWithoutSpin = 0
    static let spinMissLimit = 4
    static let spinPause = 64
    /// Reads left that block without polling first.
    var readsLeftWithoutPolling: Int { readsWithoutSpin }

    static func monotonicNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// A connection to `host`:`port` (opened on the first request). `headerLines` go into every request;
    /// `spinMicroseconds` is how long a read polls before it blocks.
    public init(
        host: String, port: Int, headerLines: [String] = [], connectTimeoutMilliseconds: Int? = nil,
        timeoutMilliseconds: Int? = nil, resend: Resend = .staleConnection, spinMicroseconds: Int = 0
    ) {
        self.host = host.trimmingBrackets()
        self.port = String(port)
        fixedHeaderLines = Array(headerLines.map { $0 + "\r\n" }.joined().utf8)
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.timeoutMilliseconds = timeoutMilliseconds
        self.resend = resend
        spinNanoseconds = Int64(max(0, min(spinMicroseconds, 10_000))) * 1000
    }

    /// The Runtime API's connection: `hostPort` is `host:port` as in `AWS_LAMBDA_RUNTIME_API`; no timeouts,
    /// every failed exchange tried once more. Reads poll for a while before blocking, only with more than
    /// one CPU (so the poll never holds up the server it waits for); `SLUICE_RUNTIME_SPIN_US` sets it (default 50).
    public convenience init(runtimeAPI hostPort: String) {
        var host = hostPort
        var port = 80
        if let colon = hostPort.lastIndex(of: ":"), let number = Int(hostPort[hostPort.index(after: colon)...]) {
            host = String(hostPort[..<colon])
            port = number
        }
        let spin: Int
        if sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 {
            spin = getenv("SLUICE_RUNTIME_SPIN_US").flatMap { Int(String(cString: $0)) } ?? 50
        } else {
            spin = 0
        }
        self.init(
            host: host, port: port, headerLines: ["Host: \(host.trimmingBrackets())", "User-Agent: sluice-runtime/0.1"],
            resend: .always, spinMicroseconds: spin)
    }

    deinit { disconnect() }

    /// One request to send: method, path (with any query), extra header lines and body.
    public struct Request {
        public var method: String
        public var path: String
        public var headers: [String]
        public var body: [UInt8]

        public init(method: String, path: String, headers: [String] = [], body: [UInt8] = []) {
            self.method = method
            self.path = path
            self.headers = headers
            self.body = body
        }
    }

    /// Sends a request with a whole body (or none) and reads the response.
    public func send(method: String, path: String, headers: [String] = [], body: [UInt8] = []) throws(HTTPConnectionError) -> Response {
        try send(pipelined: [Request(method: method, path: path, headers: headers, body: body)])[0]
    }

    /// Sends the requests back to back in one write (HTTP/1.1 pipelining), then reads their responses in order.
    /// The runtime posts a result and asks for the next event in a single round trip this way.
    public func send(pipelined requests: [Request]) throws(HTTPConnectionError) -> [Response] {
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
        var attempt = 0
        while true {
            attempt += 1
            let reused = socket >= 0 && carriedExchange
            startExchange()
            do {
                try connectIfNeeded()
                try write(bytes)
                var responses: [Response] = []
                for request in requests { responses.append(try readResponse(bodyless: request.method == "HEAD")) }
                carriedExchange = socket >= 0
                return responses
            } catch {
                disconnect()
                let stale = reused && !receivedResponseBytes
                    && [.send, .receive, .closedBeforeResponse].contains(error.kind)
                guard attempt < 2, resend == .always || stale else { throw error }
            }
        }
    }

    /// Sends a request whose body comes from `readChunk` (bytes written into the buffer, 0 at the end) as
    /// chunked transfer, with `trailerLines()` as trailers at the end.
    public func sendStreaming(
        path: String, headers: [String], readChunk: (UnsafeMutableRawPointer, Int) -> Int, trailerLines: () -> [String]
    ) throws(HTTPConnectionError) -> Response {
        var head = "POST \(path) HTTP/1.1\r\n"
        head += String(decoding: fixedHeaderLines, as: UTF8.self)
        head += "Transfer-Encoding: chunked\r\n"
        for header in headers { head += header + "\r\n" }
        head += "\r\n"
        startExchange()
        try connectIfNeeded()
        do {
            try write(Array(head.utf8), [])
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { readChunk($0.baseAddress!, $0.count) }
                if count == 0 { break }
                try write(Array((String(count, radix: 16) + "\r\n").utf8), chunk[0..<count] + [13, 10])
            }
            var trailer = "0\r\n"
            for line in trailerLines() { trailer += line + "\r\n" }
            trailer += "\r\n"
            try write(Array(trailer.utf8), [])
            let response = try readResponse(bodyless: false)
            carriedExchange = socket >= 0
            return response
        } catch {
            disconnect()
            throw error
        }
    }

    private func startExchange() {
        receivedResponseBytes = false
        deadline = timeoutMilliseconds.map { Self.monotonicNanoseconds() + Int64($0) * 1_000_000 }
    }

    private func timedOut() -> HTTPConnectionError {
        HTTPConnectionError(.timeout, "no complete response from \(host):\(port) within \(timeoutMilliseconds ?? 0) ms")
    }

    // MARK: Socket

    private func connectIfNeeded() throws(HTTPConnectionError) {
        guard socket < 0 else { return }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, port, &hints, &result)
        guard status == 0, let first = result else {
            throw HTTPConnectionError(.resolve, "cannot resolve \(host):\(port): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(result) }
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let fd = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                if let failure = Self.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen, timeoutMilliseconds: connectTimeoutMilliseconds) {
                    lastError = failure
                    close(fd)
                } else {
                    var one: Int32 = 1
                    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    if let timeoutMilliseconds {
                        // Blocking reads and writes give up after the whole timeout; `deadline` bounds the sum.
                        var limit = timeval(tv_sec: timeoutMilliseconds / 1000, tv_usec: (timeoutMilliseconds % 1000) * 1000)
                        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                    }
                    socket = fd
                    carriedExchange = false
                    buffer.removeAll(keepingCapacity: true)
                    start = 0
                    return
                }
            }
            candidate = info.pointee.ai_next
        }
        if lastError == Self.connectTimedOut {
            throw HTTPConnectionError(.timeout, "connecting to \(host):\(port) timed out after \(connectTimeoutMilliseconds ?? 0) ms")
        }
        throw HTTPConnectionError(.connect, "cannot connect to \(host):\(port): \(lastError)")
    }

    private static let connectTimedOut = "connect timed out"

    /// Connects `fd`, within `timeoutMilliseconds` when given (a non-blocking connect and `poll`); the
    /// reason on failure, nil on success. The socket is blocking afterwards.
    private static func connect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t, timeoutMilliseconds: Int?) -> String? {
        guard let timeoutMilliseconds else {
            return Glibc.connect(fd, address, length) == 0 ? nil : String(cString: strerror(errno))
        }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(fd, F_SETFL, flags) }
        if Glibc.connect(fd, address, length) == 0 { return nil }
        guard errno == EINPROGRESS else { return String(cString: strerror(errno)) }
        var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&descriptor, 1, Int32(clamping: timeoutMilliseconds))
        if ready == 0 { return connectTimedOut }
        if ready < 0 { return String(cString: strerror(errno)) }
        var failure: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &size)
        return failure == 0 ? nil : String(cString: strerror(failure))
    }

    private func disconnect() {
        if socket >= 0 { close(socket) }
        socket = -1
        carriedExchange = false
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    /// Writes `head` then `body` with one `writev` where possible.
    private func write(_ head: [UInt8], _ body: some Collection<UInt8>) throws(HTTPConnectionError) {
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
                if errno == EAGAIN || errno == EWOULDBLOCK { throw timedOut() }
                throw HTTPConnectionError(.send, "write failed: \(String(cString: strerror(errno)))")
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
    private func write(_ bytes: [UInt8]) throws(HTTPConnectionError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { throw timedOut() }
                throw HTTPConnectionError(.send, "write failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Reads more bytes into `buffer`; false at end of stream.
    private func fill() throws(HTTPConnectionError) -> Bool {
        var spinning = spinNanoseconds > 0 && readsWithoutSpin == 0
        if readsWithoutSpin > 0 { readsWithoutSpin -= 1 }
        let spinStart = spinning ? Self.monotonicNanoseconds() : 0
        while true {
            let flags = spinning ? Int32(MSG_DONTWAIT) : 0
            let count = scratch.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, flags) }
            if count < 0, spinning, errno == EAGAIN || errno == EWOULDBLOCK {
                // Nothing yet: poll again until the spin time is used up, then block.
                if Self.monotonicNanoseconds() - spinStart >= spinNanoseconds {
                    spinning = false
                    spinMisses += 1
                    if spinMisses >= Self.spinMissLimit {
                        spinMisses = 0
                        readsWithoutSpin = Self.spinPause
                    }
                }
                continue
            }
            if spinning { spinMisses = 0 }
            if count > 0 {
                receivedResponseBytes = true
                if start > 0 {
                    buffer.removeFirst(start)
                    start = 0
                }
                buffer.append(contentsOf: scratch[0..<count])
                if let deadline, Self.monotonicNanoseconds() > deadline { throw timedOut() }
                return true
            }
            if count == 0 { return false }
            if errno == EINTR { continue }
            // The socket's receive timeout (set with a request timeout) ran out.
            if errno == EAGAIN || errno == EWOULDBLOCK { throw timedOut() }
            throw HTTPConnectionError(.receive, "read failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads through the first CRLF; the line without it.
    private func readLine() throws(HTTPConnectionError) -> String {
        let line = try readLineRange()
        return String(decoding: buffer[line], as: UTF8.self)
    }

    /// Reads through the first CRLF; where the line without it sits in `buffer` (valid until the next read).
    private func readLineRange() throws(HTTPConnectionError) -> Range<Int> {
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
            guard try fill() else {
                let kind: HTTPConnectionError.Kind = receivedResponseBytes ? .closedMidResponse : .closedBeforeResponse
                throw HTTPConnectionError(kind, "connection closed in the middle of a response")
            }
        }
    }

    private func readBytes(_ count: Int) throws(HTTPConnectionError) -> [UInt8] {
        while buffer.count - start < count {
            guard try fill() else { throw HTTPConnectionError(.closedMidResponse, "connection closed in the middle of a response body") }
        }
        let bytes = Array(buffer[start..<(start + count)])
        start += count
        return bytes
    }

    /// Reads one response; `bodyless` for the answer to a HEAD request (a length but no body).
    private func readResponse(bodyless: Bool) throws(HTTPConnectionError) -> Response {
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
        if bodyless || status == 204 || status == 304 {
            // No body, whatever the length fields say.
        } else if headers.contains("transfer-encoding", token: "chunked") {
            while true {
                let sizeLine = try readLine()
                guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16), size >= 0 else {
                    throw HTTPConnectionError(.malformed, "malformed chunk size: \(sizeLine)")
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
    private func readStatusCode() throws(HTTPConnectionError) -> Int {
        let line = try readLineRange()
        // `HTTP/1.x NNN`: checked byte by byte, no arrays or strings unless it is malformed.
        let valid = buffer.withUnsafeBufferPointer { bytes -> Bool in
            let at = line.lowerBound
            guard line.count >= 12, bytes[at + 8] == 32 else { return false }
            for (offset, byte) in Self.statusPrefix.enumerated() where bytes[at + offset] != byte { return false }
            return bytes[at + 9] &- 48 < 10 && bytes[at + 10] &- 48 < 10 && bytes[at + 11] &- 48 < 10
        }
        guard valid else { throw HTTPConnectionError(.malformed, "malformed status line: \(String(decoding: buffer[line], as: UTF8.self))") }
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
