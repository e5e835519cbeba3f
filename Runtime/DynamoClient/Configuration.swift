#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCrypto

/// Where ``DynamoDBClient`` sends requests and how it signs and retries them.
///
/// ``fromEnvironment(_:)`` follows the AWS SDKs' standard settings (environment first, then the
/// shared `credentials` and `config` files of the selected profile) and records where each value came
/// from in ``sources``.
public struct DynamoClientConfiguration: Sendable {
    /// DynamoDB's endpoint (`https://dynamodb.<region>.amazonaws.com` or a custom one).
    public var endpoint: String
    /// DynamoDB Streams' endpoint (`https://streams.dynamodb.<region>.amazonaws.com`, or the custom endpoint).
    public var streamsEndpoint: String
    public var region: String
    /// Requests are sent unsigned without credentials (fine for local endpoints that do not check).
    public var credentials: AWSCredentials?
    /// Attempts per request, the first included (AWS SDKs' standard mode: 3).
    public var maxAttempts: Int = 3
    /// Full-jitter exponential backoff: before retry `n` (1-based) the client sleeps a random time in
    /// `0 ... min(baseDelay · 2^(n-1), maxBackoff)` (standard mode: 100 ms base, 20 s cap).
    public var baseDelayMilliseconds: Int = 100
    public var maxBackoffMilliseconds: Int = 20_000
    public var connectTimeoutMilliseconds: Int = 3_000
    /// The whole request, connection included.
    public var timeoutMilliseconds: Int = 30_000
    /// Check `x-amz-crc32` on responses that carry it.
    public var verifyChecksums = true
    /// How requests wait for the network. `.callingThread` (the default) blocks the thread that calls,
    /// which is what a Lambda handler wants (it runs on the runtime's own thread, one invocation at a
    /// time). `.ioThreads(n)` moves the blocking call to up to `n` threads of the client's own, for
    /// programs with many concurrent tasks (local tools), so Swift's cooperative threads stay free.
    public enum IOMode: Sendable, Hashable {
        case callingThread
        case ioThreads(Int)
    }
    public var ioMode: IOMode = .callingThread
    /// The libcurl to `dlopen` on the first request.
    public var libcurlPath = "libcurl.so.4"
    /// Where each setting came from: keys `endpoint`, `region`, `credentials`, `profile`; values such as
    /// `env AWS_ENDPOINT_URL_DYNAMODB`, `config file /root/.aws/config [profile dev]`, `default`.
    public var sources: [String: String] = [:]

    public init(
        endpoint: String, streamsEndpoint: String? = nil, region: String = "us-east-1", credentials: AWSCredentials? = nil
    ) {
        self.endpoint = endpoint
        self.streamsEndpoint = streamsEndpoint ?? endpoint
        self.region = region
        self.credentials = credentials
    }

    /// Whether the endpoint was set explicitly (environment or profile) rather than derived from the region.
    public var hasCustomEndpoint: Bool { !(sources["endpoint"] ?? "").hasPrefix("default") }

    /// One line saying which sources were used (for logs and `--verbose` output).
    public var sourceSummary: String {
        ["endpoint", "region", "credentials", "profile"].compactMap { key in sources[key].map { "\(key) from \($0)" } }
            .joined(separator: "; ")
    }

    /// The configuration the AWS SDKs would pick up from `environment` (the process environment when nil):
    /// - endpoint: `AWS_ENDPOINT_URL_DYNAMODB`, else `AWS_ENDPOINT_URL`, else the profile's `endpoint_url`,
    ///   else `https://dynamodb.<region>.amazonaws.com` (streams: `AWS_ENDPOINT_URL_DYNAMODB_STREAMS`,
    ///   else the custom endpoint, else `https://streams.dynamodb.<region>.amazonaws.com`);
    /// - region: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, else `us-east-1`;
    /// - credentials: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`), else the
    ///   profile in the credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`),
    ///   else in the config file (`AWS_CONFIG_FILE`, default `~/.aws/config`);
    /// - profile: `AWS_PROFILE`, else `default`; `max_attempts`/`AWS_MAX_ATTEMPTS`.
    public static func fromEnvironment(_ environment: [String: String]? = nil) throws(DynamoClientError) -> DynamoClientConfiguration {
        let env = environment ?? ProcessEnvironment.current()
        let settings = try AWSClientSettings.resolve(env, service: "DYNAMODB")
        var sources = settings.sources
        let endpoint: String
        if let custom = settings.endpoint {
            endpoint = custom
        } else {
            endpoint = try HTTPEndpoint("https://dynamodb.\(settings.region).amazonaws.com").description
            sources["endpoint"] = "default (region)"
        }
        let streamsEndpoint: String
        if let found = env["AWS_ENDPOINT_URL_DYNAMODB_STREAMS"], !found.isEmpty {
            streamsEndpoint = try HTTPEndpoint(found).description
        } else if settings.endpoint != nil {
            streamsEndpoint = endpoint
        } else {
            streamsEndpoint = "https://streams.dynamodb.\(settings.region).amazonaws.com"
        }
        var configuration = DynamoClientConfiguration(
            endpoint: endpoint, streamsEndpoint: streamsEndpoint, region: settings.region, credentials: settings.credentials)
        if let attempts = settings.maxAttempts { configuration.maxAttempts = attempts }
        configuration.sources = sources
        return configuration
    }

}

/// An `http(s)://host[:port][/path]` URL, split for signing.
struct HTTPEndpoint: Sendable, CustomStringConvertible {
    var scheme: String
    /// `host` or `host:port` as the `Host` header carries it (default ports left out).
    var authority: String
    var path: String

    init(_ text: String) throws(DynamoClientError) {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let range = trimmed.firstRange(of: "://") else {
            throw .configuration("endpoint '\(text)' is not an http(s) URL")
        }
        scheme = trimmed[..<range.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw .configuration("endpoint '\(text)' is not an http(s) URL") }
        let rest = trimmed[range.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var host = String(rest[..<slash])
        path = slash == rest.endIndex ? "/" : String(rest[slash...])
        guard !host.isEmpty else { throw .configuration("endpoint '\(text)' has no host") }
        if scheme == "http", host.hasSuffix(":80") { host.removeLast(3) }
        if scheme == "https", host.hasSuffix(":443") { host.removeLast(4) }
        authority = host
    }

    var description: String { "\(scheme)://\(authority)\(path == "/" ? "" : path)" }
    var url: String { "\(scheme)://\(authority)\(path)" }
}

/// The AWS shared config/credentials format: `[section]` headers, `key = value` lines, `#`/`;` comments.
/// Nested (indented) sub-settings such as `s3 =` blocks are skipped.
public struct INIFile: Sendable, Hashable {
    public var sections: [String: [String: String]]

    public init(parsing text: String) {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let indented = rawLine.first == " " || rawLine.first == "\t"
            let line = rawLine.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else { current = nil; continue }
                let name = line[line.index(after: line.startIndex)..<close].trimmingSpaces()
                // "[profile   dev]" → "profile dev"
                let words = name.split(separator: " ", omittingEmptySubsequences: true)
                current = words.joined(separator: " ")
                if let current, sections[current] == nil { sections[current] = [:] }
                continue
            }
            guard let section = current, !indented, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingSpaces().lowercased()
            var value = line[line.index(after: equals)...].trimmingSpaces()
            // Inline comments need whitespace before the marker (values may contain # or ;).
            for marker in [" #", " ;", "\t#", "\t;"] {
                if let range = value.firstRange(of: marker) { value = value[..<range.lowerBound].trimmingSpaces() }
            }
            sections[section]?[key] = value
        }
        self.sections = sections
    }

    /// The parsed file at `path`, nil when it does not exist.
    public static func load(_ path: String) throws(DynamoClientError) -> INIFile? {
        guard let bytes = try FileReader.read(path) else { return nil }
        return INIFile(parsing: String(decoding: bytes, as: UTF8.self))
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}

/// Whole-file reads without Foundation.
enum FileReader {
    /// The bytes of `path`; nil when it does not exist.
    static func read(_ path: String) throws(DynamoClientError) -> [UInt8]? {
        guard let file = fopen(path, "rb") else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw .configuration("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 4096, file) }
            if count > 0 { bytes += chunk[0..<count] }
            if count < 4096 { break }
        }
        return bytes
    }
}

/// The process environment without Foundation.
public enum ProcessEnvironment {
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
