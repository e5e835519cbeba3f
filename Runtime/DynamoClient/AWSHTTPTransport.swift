#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCrypto

/// One request to an AWS service, before signing: `path` and `query` already percent-encoded as sent.
struct SignedRequest: Sendable {
    var method: String
    var scheme: String
    /// `host[:port]`, as the `Host` header carries it.
    var authority: String
    var path: String
    var query: String = ""
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    var url: String { "\(scheme)://\(authority)\(path)\(query.isEmpty ? "" : "?" + query)" }
}

/// The AWS standard retry mode's schedule: `maxAttempts` attempts (the first included), full-jitter
/// exponential backoff from `baseDelayMilliseconds`, capped at `maxBackoffMilliseconds`.
struct RetrySchedule: Sendable {
    var maxAttempts: Int
    var baseDelayMilliseconds: Int
    var maxBackoffMilliseconds: Int

    /// Milliseconds to wait before retry `retry` (1-based), or nil when no attempt is left.
    func delay(afterAttempt attempt: Int) -> Int? {
        guard attempt < max(1, maxAttempts) else { return nil }
        return Self.backoffMilliseconds(retry: attempt, base: baseDelayMilliseconds, cap: maxBackoffMilliseconds)
    }

    /// Full jitter: a random time in `0 ... min(base · 2^(retry-1), cap)` milliseconds.
    static func backoffMilliseconds(retry: Int, base: Int, cap: Int) -> Int {
        let exponent = min(max(retry - 1, 0), 30)
        let ceiling = min(Double(base) * Double(1 << exponent), Double(cap))
        guard ceiling > 0 else { return 0 }
        return Int(Double.random(in: 0...ceiling))
    }

    /// Runs `attempt` until it succeeds, fails with an error `isRetryable` refuses, or attempts run out,
    /// sleeping the calling thread between attempts (for blocking callers such as the lake's storage).
    func run<T, E: Error>(isRetryable: (E) -> Bool, _ attempt: () throws(E) -> T) throws(E) -> T {
        var count = 1
        while true {
            do { return try attempt() } catch {
                guard isRetryable(error), let delay = delay(afterAttempt: count) else { throw error }
                if delay > 0 { usleep(UInt32(min(delay, 60_000)) * 1000) }
                count += 1
            }
        }
    }
}

/// The HTTP layer every AWS client of ours shares: SigV4 signing (when there are credentials), libcurl
/// for `https://` (a pool of keep-alive handles, `dlopen`ed on first use), SluiceHTTP's small client for
/// plain `http://` endpoints (always local: see ``PlainHTTPPool``), and timeouts. One attempt per call;
/// callers wrap it in their ``RetrySchedule``.
final class AWSHTTPTransport: Sendable {
    let pool: CurlHandlePool
    let plainPool: PlainHTTPPool
    let signer: SigV4
    let credentials: AWSCredentials?
    let connectTimeoutMilliseconds: Int
    let timeoutMilliseconds: Int
    let userAgent: String

    init(
        libcurlPath: String, region: String, service: String, credentials: AWSCredentials?, connectTimeoutMilliseconds: Int,
        timeoutMilliseconds: Int, userAgent: String
    ) {
        pool = CurlHandlePool(libraryPath: libcurlPath)
        plainPool = PlainHTTPPool(connectTimeoutMilliseconds: connectTimeoutMilliseconds, timeoutMilliseconds: timeoutMilliseconds)
        signer = SigV4(region: region, service: service)
        self.credentials = credentials
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.timeoutMilliseconds = timeoutMilliseconds
        self.userAgent = userAgent
    }

    /// Signs and sends one request, blocking the calling thread; any HTTP status is a response.
    func send(_ request: SignedRequest) throws(DynamoClientError) -> HTTPResponse {
        var headers = [("Host", request.authority)] + request.headers
        if let credentials {
            headers += signer.sign(
                method: request.method, path: request.path, query: request.query, headers: headers, body: request.body,
                credentials: credentials, epochSeconds: Self.epochSeconds())
        }
        headers.append(("User-Agent", userAgent))
        if request.scheme == "http" {
            return try plainPool.request(
                method: request.method, authority: request.authority,
                target: request.query.isEmpty ? request.path : request.path + "?" + request.query, headers: headers, body: request.body)
        }
        return try pool.request(
            method: request.method, url: request.url, headers: headers, body: request.body,
            connectTimeoutMilliseconds: connectTimeoutMilliseconds, timeoutMilliseconds: timeoutMilliseconds)
    }

    static func epochSeconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec)
    }
}
