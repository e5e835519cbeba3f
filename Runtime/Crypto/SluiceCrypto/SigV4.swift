import SluiceTime
import Synchronization

/// AWS credentials for request signing.
public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`): signing for our clients and verification for our servers.
/// No Foundation: it is linked into Lambda bootstraps through the AWS clients.
public struct SigV4: Sendable {
    public var region: String
    public var service: String

    public init(region: String, service: String) {
        self.region = region
        self.service = service
    }

    /// The headers to add to a request: `X-Amz-Date`, `X-Amz-Content-Sha256`, `Authorization`
    /// (and `X-Amz-Security-Token` for temporary credentials). `headers` must include `host`.
    public func sign(
        method: String, path: String, query: String = "", headers: [(String, String)], body: [UInt8],
        credentials: AWSCredentials, epochSeconds: Int64
    ) -> [(String, String)] {
        let amzDate = Self.amzDate(epochSeconds)
        let payloadHash = Digest.hex(Digest.sha256(body))
        var all = headers.map { ($0.0.lowercased(), $0.1) }
        var added = [("X-Amz-Date", amzDate), ("X-Amz-Content-Sha256", payloadHash)]
        if let token = credentials.sessionToken { added.append(("X-Amz-Security-Token", token)) }
        all += added.map { ($0.0.lowercased(), $0.1) }
        let signedNames = Array(Set(all.map(\.0))).sorted()
        let signature = self.signature(
            method: method, path: path, query: query, headers: all, signedHeaders: signedNames, payloadHash: payloadHash,
            amzDate: amzDate, secret: credentials.secretAccessKey)
        let scope = "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
        added.append((
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedNames.joined(separator: ";")), Signature=\(signature)"
        ))
        return added
    }

    /// Why a signed request was refused, with the error code and message AWS answers.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case missingAuthentication
        case malformed(String)
        case unknownAccessKey
        case signatureMismatch
        /// Dated more than ``SigV4/allowedSkewSeconds`` before or after the server's clock.
        case expired(String)

        /// The AWS error code (`__type` suffix).
        public var code: String {
            switch self {
            case .missingAuthentication: "MissingAuthenticationTokenException"
            case .malformed: "IncompleteSignatureException"
            case .unknownAccessKey: "UnrecognizedClientException"
            case .signatureMismatch, .expired: "InvalidSignatureException"
            }
        }

        public var description: String {
            switch self {
            case .missingAuthentication: "Request is missing Authentication Token"
            case .malformed(let reason): "Authorization header requires \(reason)"
            case .unknownAccessKey: "The security token included in the request is invalid."
            case .signatureMismatch:
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
            case .expired(let message): message
            }
        }
    }

    /// How far `X-Amz-Date` may be from the server's clock: 5 minutes either way, as DynamoDB allows.
    /// A captured request replayed within this window is accepted, as AWS accepts it.
    public static let allowedSkewSeconds: Int64 = 5 * 60

    /// Verifies a request signed with SigV4 against the secret of its access key (from `secretFor`).
    /// `headers` are the request's headers with lower-case names; requests dated more than 5 minutes
    /// from `epochSeconds` are refused (replays).
    public func verify(
        method: String, path: String, query: String, headers: [String: String], body: [UInt8], epochSeconds: Int64,
        secretFor: (String) -> String?
    ) throws(Failure) {
        guard let authorization = headers["authorization"] else { throw .missingAuthentication }
        guard authorization.hasPrefix("AWS4-HMAC-SHA256 ") else { throw .malformed("the AWS4-HMAC-SHA256 algorithm") }
        var fields: [String: String] = [:]
        for part in authorization.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
            let trimmed = part.drop { $0 == " " }
            guard let equals = trimmed.firstIndex(of: "=") else { continue }
            fields[String(trimmed[..<equals])] = String(trimmed[trimmed.index(after: equals)...])
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"], let given = fields["Signature"] else {
            throw .malformed("Credential, SignedHeaders and Signature parameters")
        }
        let scope = credential.split(separator: "/").map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request" else { throw .malformed("a Credential of the form KEY/DATE/REGION/SERVICE/aws4_request") }
        guard let amzDate = headers["x-amz-date"], let requestTime = Self.epochSeconds(amzDate) else {
            throw .malformed("an X-Amz-Date header")
        }
        // DynamoDB's words for a request dated outside the allowed skew (a late replay, or a wrong clock).
        let skew = Self.allowedSkewSeconds
        if requestTime < epochSeconds - skew {
            throw .expired(
                "Signature expired: \(amzDate) is now earlier than \(Self.amzDate(epochSeconds - skew)) (\(Self.amzDate(epochSeconds)) - 5 min.)")
        }
        if requestTime > epochSeconds + skew {
            throw .expired(
                "Signature not yet current: \(amzDate) is still later than \(Self.amzDate(epochSeconds + skew)) (\(Self.amzDate(epochSeconds)) + 5 min.)")
        }
        guard let secret = secretFor(scope[0]) else { throw .unknownAccessKey }
        let names = signed.split(separator: ";").map(String.init)
        let signedPairs = names.compactMap { name in headers[name].map { (name, $0) } }
        guard signedPairs.count == names.count, names.contains("host") else { throw .signatureMismatch }
        // Only S3 honours `UNSIGNED-PAYLOAD`; every other service signs the body's hash, so a body
        // changed after signing never verifies (DynamoDB hashes the body whatever the header says).
        let unsigned = service == "s3" && headers["x-amz-content-sha256"] == "UNSIGNED-PAYLOAD"
        let payloadHash = unsigned ? "UNSIGNED-PAYLOAD" : Digest.hex(Digest.sha256(body))
        let signer = SigV4(region: scope[2], service: scope[3])
        let expected = signer.signature(
            method: method, path: path, query: query, headers: signedPairs, signedHeaders: names, payloadHash: payloadHash,
            amzDate: amzDate, secret: secret)
        guard Digest.constantTimeEquals(Array(expected.utf8), Array(given.utf8)) else { throw .signatureMismatch }
    }

    // MARK: The algorithm

    func signature(
        method: String, path: String, query: String, headers: [(String, String)], signedHeaders: [String],
        payloadHash: String, amzDate: String, secret: String
    ) -> String {
        var values: [String: [String]] = [:]
        for (name, value) in headers { values[name.lowercased(), default: []].append(Self.trimmed(value)) }
        let canonicalHeaders = signedHeaders.map { "\($0):\(values[$0]?.joined(separator: ",") ?? "")\n" }.joined()
        let canonicalRequest = [
            method, Self.canonicalPath(path), Self.canonicalQuery(query), canonicalHeaders,
            signedHeaders.joined(separator: ";"), payloadHash,
        ].joined(separator: "\n")
        let date = String(amzDate.prefix(8))
        let scope = "\(date)/\(region)/\(service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(Digest.hex(Digest.sha256(Array(canonicalRequest.utf8))))"
        let key = signingKey(secret: secret, date: date)
        return Digest.hex(Digest.hmacSHA256(key: key, message: Array(stringToSign.utf8)))
    }

    /// The key derived from the secret for one day, region and service (four HMACs), remembered: it is the
    /// same for every request of the day, and a client signs every request.
    func signingKey(secret: String, date: String) -> [UInt8] {
        let cacheKey = SigningKeyCache.Key(secret: secret, date: date, region: region, service: service)
        if let key = Self.signingKeys.withLock({ $0.keys[cacheKey] }) { return key }
        var key = Digest.hmacSHA256(key: Array("AWS4\(secret)".utf8), message: Array(date.utf8))
        for part in [region, service, "aws4_request"] { key = Digest.hmacSHA256(key: key, message: Array(part.utf8)) }
        Self.signingKeys.withLock { cache in
            if cache.keys.count >= SigningKeyCache.capacity { cache.keys.removeAll() }  // a new day, or many keys
            cache.keys[cacheKey] = key
        }
        return key
    }

    private static let signingKeys = Mutex(SigningKeyCache())

    /// Collapses runs of spaces and trims, as the canonical header value requires.
    static func trimmed(_ value: String) -> String {
        // Most values have no space to collapse or trim: they are their own canonical form.
        var previousIsSpace = true
        var clean = true
        for byte in value.utf8 {
            let isSpace = byte == UInt8(ascii: " ")
            if isSpace && previousIsSpace { clean = false; break }
            previousIsSpace = isSpace
        }
        if clean && !previousIsSpace { return value }
        return value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)

    /// RFC 3986 percent-encoding of everything but unreserved characters (SigV4's `UriEncode`).
    public static func encode(_ text: some Sequence<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text {
            if unreserved.contains(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decodePercent(_ text: Substring) -> [UInt8] {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "%"), bytes.count >= 2, let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16) {
                out.append(value)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
        }
        return out
    }

    /// Each path segment URI-encoded once (S3 style: the path as sent, normalised to single encoding).
    static func canonicalPath(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        // Unreserved characters and slashes only (`/` for DynamoDB): already canonical.
        if path.utf8.allSatisfy({ $0 == UInt8(ascii: "/") || unreserved.contains($0) }) { return path }
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { encode(decodePercent($0)) }.joined(separator: "/")
    }

    /// Parameters sorted by encoded name, then value, each encoded.
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        return query.split(separator: "&").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (encode(decodePercent(parts[0])), parts.count > 1 ? encode(decodePercent(parts[1])) : "")
        }.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    // MARK: Dates without Foundation

    /// `YYYYMMDD'T'HHMMSS'Z'`.
    public static func amzDate(_ epochSeconds: Int64) -> String {
        if let (seconds, text) = lastAmzDate.withLock({ $0 }), seconds == epochSeconds { return text }
        let text = UTCCalendar.timestamp(epochMilliseconds: epochSeconds * 1000, milliseconds: false).filter { $0 != "-" && $0 != ":" }
        lastAmzDate.withLock { $0 = (epochSeconds, text) }
        return text
    }

    /// The last second formatted: a client signs many requests per second.
    private static let lastAmzDate = Mutex<(Int64, String)?>(nil)

    static func epochSeconds(_ amzDate: String) -> Int64? {
        let chars = Array(amzDate.utf8)
        guard chars.count == 16, chars[8] == UInt8(ascii: "T"), chars[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? { Int64(String(decoding: chars[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8), let hour = number(9..<11),
            let minute = number(11..<13), let second = number(13..<15), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return UTCCalendar.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }
}

/// Signing keys by secret, day, region and service (a handful per process).
struct SigningKeyCache {
    struct Key: Hashable {
        var secret: String
        var date: String
        var region: String
        var service: String
    }

    static let capacity = 16
    var keys: [Key: [UInt8]] = [:]
}
