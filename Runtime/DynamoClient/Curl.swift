import CCurlLoader
import Synchronization

/// libcurl, opened with `dlopen` on first use (never linked at load time, so a bootstrap that never
/// calls DynamoDB does not pay for loading it).
final class CurlLibrary: @unchecked Sendable {
    let table: OpaquePointer
    let path: String

    private init(table: OpaquePointer, path: String) {
        self.table = table
        self.path = path
    }

    /// Opened libraries by path (a library, once opened, stays open for the life of the process).
    private static let opened = Mutex<[String: CurlLibrary]>([:])

    /// The library at `path`, opening it the first time.
    static func load(_ path: String) throws(DynamoClientError) -> CurlLibrary {
        let result: Result<CurlLibrary, DynamoClientError> = opened.withLock { libraries in
            if let library = libraries[path] { return .success(library) }
            var error = [CChar](repeating: 0, count: 512)
            guard let table = sluice_curl_open(path, &error, error.count) else {
                let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                return .failure(.libcurlUnavailable(reason))
            }
            let library = CurlLibrary(table: table, path: path)
            libraries[path] = library
            return .success(library)
        }
        return try result.get()
    }

    var version: String { String(cString: sluice_curl_version(table)) }
}

/// An HTTP response as the client needs it.
struct HTTPResponse: Sendable {
    var status: Int
    /// Header fields of the final response, names lower-cased.
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.0 == name }?.1 }
}

/// A small pool of libcurl easy handles: each keeps its connection alive between requests; concurrent
/// requests each take their own handle, and at most `maximumIdle` stay open when idle.
final class CurlHandlePool: Sendable {
    struct Handle: @unchecked Sendable { let pointer: UnsafeMutableRawPointer }

    let libraryPath: String
    let maximumIdle: Int
    private let idle = Mutex<[Handle]>([])
    private let library = Mutex<CurlLibrary?>(nil)

    init(libraryPath: String, maximumIdle: Int = 8) {
        self.libraryPath = libraryPath
        self.maximumIdle = maximumIdle
    }

    deinit {
        let handles = idle.withLock { handles in
            defer { handles = [] }
            return handles
        }
        if let library = library.withLock({ $0 }) {
            for handle in handles { sluice_curl_handle_free(library.table, handle.pointer) }
        }
    }

    /// The library, loaded on the first request.
    func loadedLibrary() throws(DynamoClientError) -> CurlLibrary {
        if let loaded = library.withLock({ $0 }) { return loaded }
        let loaded = try CurlLibrary.load(libraryPath)
        library.withLock { $0 = loaded }
        return loaded
    }

    /// POSTs `body` to `url`, blocking the calling thread until the response is in (or the timeout).
    func post(
        url: String, headers: [(String, String)], body: [UInt8], connectTimeoutMilliseconds: Int, timeoutMilliseconds: Int
    ) throws(DynamoClientError) -> HTTPResponse {
        try request(
            method: "POST", url: url, headers: headers, body: body, connectTimeoutMilliseconds: connectTimeoutMilliseconds,
            timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Sends one request (`GET`, `HEAD`, `PUT`, `POST`, `DELETE`; `body` is ignored for GET and HEAD),
    /// blocking the calling thread until the response is in (or the timeout).
    func request(
        method: String, url: String, headers: [(String, String)], body: [UInt8], connectTimeoutMilliseconds: Int,
        timeoutMilliseconds: Int
    ) throws(DynamoClientError) -> HTTPResponse {
        let library = try loadedLibrary()
        let handle: Handle
        if let reused = idle.withLock({ $0.popLast() }) {
            handle = reused
        } else if let pointer = sluice_curl_handle_new(library.table) {
            handle = Handle(pointer: pointer)
        } else {
            throw .transport(curlCode: 2, message: "curl_easy_init failed")
        }
        var response = sluice_curl_response()
        defer { sluice_curl_response_free(&response) }
        let lines = headers.map { "\($0.0): \($0.1)" }
        let code = Self.withCStrings(lines) { pointers in
            body.withUnsafeBufferPointer { bytes in
                sluice_curl_request(
                    library.table, handle.pointer, method, url, pointers, pointers.count, bytes.baseAddress, bytes.count,
                    connectTimeoutMilliseconds, timeoutMilliseconds, &response)
            }
        }
        guard code == 0 else {
            // A failed transfer may leave the connection in any state: drop the handle.
            sluice_curl_handle_free(library.table, handle.pointer)
            let detail = withUnsafeBytes(of: response.error) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            let text = detail.isEmpty ? String(cString: sluice_curl_strerror(library.table, code)) : detail
            throw .transport(curlCode: Int(code), message: text)
        }
        let returned = idle.withLock { handles -> Bool in
            guard handles.count < maximumIdle else { return false }
            handles.append(handle)
            return true
        }
        if !returned { sluice_curl_handle_free(library.table, handle.pointer) }
        let bodyBytes = response.body_length == 0 ? [] : Array(UnsafeBufferPointer(start: response.body, count: response.body_length))
        let headerBytes = UnsafeRawBufferPointer(start: response.headers, count: response.headers_length)
        return HTTPResponse(status: response.status, headers: Self.parseHeaders(headerBytes), body: bodyBytes)
    }

    /// Header fields from the raw header block: ASCII (what servers send) is split byte by byte; anything
    /// else goes through ``parseHeaders(_:)-(String)``.
    static func parseHeaders(_ bytes: UnsafeRawBufferPointer) -> [(String, String)] {
        guard !bytes.isEmpty else { return [] }
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return parseHeaders(String(decoding: bytes, as: UTF8.self)) }
        var fields: [(String, String)] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\r"), bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            if let colon = (lineStart..<lineEnd).first(where: { bytes[$0] == UInt8(ascii: ":") }) {
                let name = String(decoding: bytes[lineStart..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
                var valueStart = colon + 1
                while valueStart < lineEnd, bytes[valueStart] == UInt8(ascii: " ") || bytes[valueStart] == UInt8(ascii: "\t") {
                    valueStart += 1
                }
                fields.append((name, String(decoding: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<lineEnd]), as: UTF8.self)))
            }
            lineStart = lineEnd + 1
        }
        return fields
    }

    static func parseHeaders(_ text: String) -> [(String, String)] {
        var fields: [(String, String)] = []
        for line in text.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            fields.append((name, String(value)))
        }
        return fields
    }

    /// Calls `body` with C string pointers to `strings` (one NUL-separated buffer, alive during the call).
    static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        var buffer: [CChar] = []
        var offsets: [Int] = []
        for string in strings {
            offsets.append(buffer.count)
            buffer += string.utf8CString
        }
        return buffer.withUnsafeBufferPointer { storage in
            body(offsets.map { UnsafePointer(storage.baseAddress! + $0) })
        }
    }
}
