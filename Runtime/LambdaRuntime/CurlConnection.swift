import CCurl
import DynamoModel

/// One libcurl easy handle, reused for every request so the Runtime API connection stays alive.
///
/// Not thread-safe: the runtime uses it from its single I/O thread.
final class CurlConnection {
    struct Response {
        var status: Int
        /// Header names in lower case.
        var headers: [String: String]
        var body: [UInt8]
    }

    private let handle: UnsafeMutableRawPointer
    private var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

    init() {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        guard let handle = curl_easy_init() else { fatalError("curl_easy_init failed") }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    /// Performs one request. With `stream`, the body is read from it as chunked transfer with error trailers.
    func perform(
        method: String, url: String, headers: [String], body: [UInt8]? = nil, stream: ResponseStream? = nil
    ) throws(RuntimeError) -> Response {
        curl_easy_reset(handle)
        let state = TransferState(stream: stream)
        let statePointer = Unmanaged.passUnretained(state).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        // An empty `Expect:` stops curl from waiting for `100 Continue` before larger bodies.
        for header in headers + ["Expect:"] { headerList = curl_slist_append(headerList, header) }
        defer { curl_slist_free_all(headerList) }

        sluice_curl_setopt_ptr(handle, CURLOPT_URL, url)
        sluice_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        sluice_curl_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
        sluice_curl_setopt_ptr(handle, CURLOPT_HTTPHEADER, headerList)
        sluice_curl_setopt_write(handle, curlWrite)
        sluice_curl_setopt_ptr(handle, CURLOPT_WRITEDATA, statePointer)
        sluice_curl_setopt_header(handle, curlHeader)
        sluice_curl_setopt_ptr(handle, CURLOPT_HEADERDATA, statePointer)
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
            sluice_curl_setopt_ptr(handle, CURLOPT_ERRORBUFFER, errorPointer.baseAddress)
            if method == "GET" {
                sluice_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
                return curl_easy_perform(handle)
            }
            sluice_curl_setopt_long(handle, CURLOPT_POST, 1)
            if stream != nil {
                sluice_curl_setopt_read(handle, curlRead)
                sluice_curl_setopt_ptr(handle, CURLOPT_READDATA, statePointer)
                sluice_curl_setopt_trailer(handle, curlTrailer)
                sluice_curl_setopt_trailerdata(handle, statePointer)
                return curl_easy_perform(handle)
            }
            let payload = body ?? []
            return payload.withUnsafeBytes { bytes in
                sluice_curl_setopt_offt(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
                sluice_curl_setopt_ptr(handle, CURLOPT_POSTFIELDS, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1))
                return curl_easy_perform(handle)
            }
        }
        withExtendedLifetime(state) {}
        guard code == CURLE_OK else {
            let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw .transport("\(method) \(url): \(detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)")
        }
        var status = 0
        sluice_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return Response(status: status, headers: state.headers, body: state.body)
    }
}

/// What the C callbacks read from and write to during one transfer.
private final class TransferState {
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    let stream: ResponseStream?
    init(stream: ResponseStream?) { self.stream = stream }
}

private func state(_ pointer: UnsafeMutableRawPointer?) -> TransferState {
    Unmanaged<TransferState>.fromOpaque(pointer!).takeUnretainedValue()
}

private let curlWrite: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, user in
    let length = size * count
    guard let data else { return length }
    data.withMemoryRebound(to: UInt8.self, capacity: length) {
        state(user).body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}

private let curlHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, user in
    let length = size * count
    guard let data else { return length }
    let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
    let transfer = state(user)
    if line.hasPrefix("HTTP/") {
        transfer.headers = [:]  // a new response (after 100 Continue or a redirect)
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: " \r\n\t")
        transfer.headers[name] = value
    }
    return length
}

private let curlRead: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    buffer, size, count, user in
    guard let buffer, let stream = state(user).stream else { return 0 }
    return stream.read(into: UnsafeMutableRawPointer(buffer), capacity: size * count)
}

private let curlTrailer: @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<curl_slist>?>?, UnsafeMutableRawPointer?) -> Int32 = {
    list, user in
    guard let list, let report = state(user).stream?.trailerError else { return Int32(CURL_TRAILERFUNC_OK) }
    list.pointee = curl_slist_append(list.pointee, "Lambda-Runtime-Function-Error-Type: \(report.errorType)")
    list.pointee = curl_slist_append(list.pointee, "Lambda-Runtime-Function-Error-Body: \(Base64.encode(report.json))")
    return Int32(CURL_TRAILERFUNC_OK)
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var view = self[...]
        while let first = view.first, set.contains(first) { view = view.dropFirst() }
        while let last = view.last, set.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
