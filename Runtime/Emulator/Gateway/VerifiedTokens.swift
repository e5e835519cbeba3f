import SluiceCrypto
import SluiceJSON
import Synchronization

/// Tokens whose HS256 signature the gateway has already checked, with their claims: a client sends the
/// same bearer token with every request, and checking its signature (base64url, JSON, HMAC) was a fifth of
/// the gateway's own work per request. Only the signature and parsing are remembered: `exp` and `nbf` are
/// checked against the clock on every use, exactly as ``JWT/verify(_:secret:now:leeway:)`` checks them.
final class VerifiedTokens: Sendable {
    /// How many tokens are remembered before the cache starts over.
    static let capacity = 1024
    private let claimsByToken = Mutex<[String: JSONObject]>([:])

    /// The claims of `token` when it carries a valid HS256 signature by `secret` and is within its `nbf`/`exp`
    /// window at `now`; the same answer `JWT.verify` gives, without verifying a known token's signature again.
    func verify(_ token: String, secret: [UInt8], now: Int64) -> JSONObject? {
        if let claims = claimsByToken.withLock({ $0[token] }) {
            if let exp = claims["exp"]?.int64Value, now > exp { return nil }
            if let nbf = claims["nbf"]?.int64Value, now < nbf { return nil }
            return claims
        }
        guard let jwt = try? JWT.verify(token, secret: secret, now: now) else { return nil }
        claimsByToken.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[token] = jwt.claims
        }
        return jwt.claims
    }
}
