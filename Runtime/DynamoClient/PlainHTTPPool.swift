import SluiceHTTP
import Synchronization

/// Plain-`http://` requests on SluiceHTTP's small keep-alive client instead of libcurl: the endpoints
/// that speak plain HTTP (`sluice table serve`, DynamoDB Local, moto, MinIO) are local, and there
/// libcurl's `dlopen` (about 7 ms per cold start) and its event loop (several `poll` calls per request)
/// cost more than the request itself.
///
/// Concurrent requests each take their own connection; at most `maximumIdle` stay open when idle (in all,
/// like libcurl's handle pool: S3's virtual-hosted buckets are a host each).
/// Failures carry libcurl's result codes so callers (retries, messages) treat both paths alike.
final class PlainHTTPPool: Sendable {
    private struct Connection: @unchecked Sendable { let connection: HTTPConnection }

    let maximumIdle: Int
    let connectTimeoutMilliseconds: Int
    let timeoutMilliseconds: Int
    /// Idle connections and the `host[:port]` each is open to, the most recently used last.
    private let idle = Mutex<[(authority: String, connection: Connection)]>([])

    init(connectTimeoutMilliseconds: Int, timeoutMilliseconds: Int, maximumIdle: Int = 8) {
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.timeoutMilliseconds = timeoutMilliseconds
        self.maximumIdle = maximumIdle
    }

    /// Sends one request to `authority` (`host[:port]`, port 80 by default), blocking the calling thread.
    /// `target` is the path with any query; `headers` are sent as given (the caller's `Host` among them).
    func request(
        method: String, authority: String, target: String, headers: [(String, String)], body: [UInt8]
    ) throws(DynamoClientError) -> HTTPResponse {
        let taken = idle.withLock { idle in
            idle.lastIndex { $0.authority == authority }.map { idle.remove(at: $0).connection }
        }
        let connection: Connection
        if let taken {
            connection = taken
        } else {
            let (host, port) = Self.split(authority)
            connection = Connection(connection: HTTPConnection(
                host: host, port: port, connectTimeoutMilliseconds: connectTimeoutMilliseconds > 0 ? connectTimeoutMilliseconds : nil,
                timeoutMilliseconds: timeoutMilliseconds > 0 ? timeoutMilliseconds : nil, resend: .staleConnection))
        }
        let response: HTTPConnection.Response
        do {
            response = try connection.connection.send(
                method: method, path: target, headers: headers.map { "\($0.0): \($0.1)" }, body: method == "GET" || method == "HEAD" ? [] : body)
        } catch {
            // The connection closed itself; it is dropped with its wrapper.
            throw .transport(curlCode: Self.curlCode(error.kind), message: error.message)
        }
        idle.withLock { idle in
            if idle.count < maximumIdle { idle.append((authority, connection)) }
        }
        return HTTPResponse(status: response.status, headers: response.headers.all.map { ($0.name, $0.value) }, body: response.body)
    }

    /// `host` and port from `host[:port]` (IPv6 hosts in brackets).
    static func split(_ authority: String) -> (host: String, port: Int) {
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]"),
            let port = Int(authority[authority.index(after: colon)...])
        {
            return (String(authority[..<colon]), port)
        }
        return (authority, 80)
    }

    /// The libcurl result code for the same failure: couldn't resolve (6), couldn't connect (7), timeout (28),
    /// send (55) and receive (56) errors, empty reply (52), partial transfer (18), weird server reply (8).
    static func curlCode(_ kind: HTTPConnectionError.Kind) -> Int {
        switch kind {
        case .resolve: 6
        case .connect: 7
        case .timeout: 28
        case .send: 55
        case .receive: 56
        case .closedBeforeResponse: 52
        case .closedMidResponse: 18
        case .malformed: 8
        }
    }
}
