import SluiceJSON

/// HS256 JSON Web Tokens (RFC 7519): what `sluice start-api` verifies and `sluice token` signs locally,
/// standing in for API Gateway's JWT authorizer.
public struct JWT: Sendable {
    /// The claims, as JSON.
    public var claims: JSONObject

    public init(claims: JSONObject) { self.claims = claims }

    /// Why a token was refused.
    public enum Failure: Error, Equatable, CustomStringConvertible, Sendable {
        case malformed(String)
        case unsupportedAlgorithm(String)
        case badSignature
        case expired
        case notYetValid

        public var description: String {
            switch self {
            case .malformed(let reason): "malformed token: \(reason)"
            case .unsupportedAlgorithm(let name): "unsupported algorithm \(name) (only HS256)"
            case .badSignature: "signature does not verify"
            case .expired: "token has expired"
            case .notYetValid: "token is not valid yet"
            }
        }
    }

    /// Signs the claims with HS256.
    public func signed(secret: [UInt8]) -> String {
        let header = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let payload = Base64URL.encode(JSONSerializer.serialize(.object(claims), formatting: []))
        let input = header + "." + payload
        return input + "." + Base64URL.encode(Digest.hmacSHA256(key: secret, message: Array(input.utf8)))
    }

    /// Verifies an HS256 token's signature and its `exp`/`nbf` against `now` (seconds since the epoch).
    public static func verify(_ token: String, secret: [UInt8], now: Int64, leeway: Int64 = 0) throws(Failure) -> JWT {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("expected three dot-separated parts") }
        guard let headerBytes = Base64URL.decode(String(parts[0])), let payloadBytes = Base64URL.decode(String(parts[1])),
            let signature = Base64URL.decode(String(parts[2]))
        else { throw .malformed("a part is not base64url") }
        guard let header = try? JSONValue(parsing: headerBytes), let payload = try? JSONValue(parsing: payloadBytes),
            let claims = payload.objectValue
        else { throw .malformed("header or payload is not a JSON object") }
        let algorithm = header["alg"]?.stringValue ?? "none"
        guard algorithm == "HS256" else { throw .unsupportedAlgorithm(algorithm) }
        let expected = Digest.hmacSHA256(key: secret, message: Array("\(parts[0]).\(parts[1])".utf8))
        guard Digest.constantTimeEquals(expected, signature) else { throw .badSignature }
        if let exp = claims["exp"]?.int64Value, now > exp + leeway { throw .expired }
        if let nbf = claims["nbf"]?.int64Value, now + leeway < nbf { throw .notYetValid }
        return JWT(claims: claims)
    }
}

/// Base64url without padding (RFC 4648 §5), as JWTs use it.
public enum Base64URL {
    // Byte loops: mapping `Character`s was most of a JWT verification in the local API gateway.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        for byte in Base64.encode(bytes).utf8 {
            switch byte {
            case UInt8(ascii: "+"): out.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): continue
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var standard: [UInt8] = []
        standard.reserveCapacity(text.utf8.count + 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): standard.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): standard.append(UInt8(ascii: "/"))
            case UInt8(ascii: "="): return nil
            default: standard.append(byte)
            }
        }
        while standard.count % 4 != 0 { standard.append(UInt8(ascii: "=")) }
        return Base64.decode(String(decoding: standard, as: UTF8.self))
    }
}
