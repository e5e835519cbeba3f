import CLibCrypto

/// SHA-256 and HMAC-SHA256 through OpenSSL's libcrypto.
public enum Digest {
    /// The SHA-256 of `bytes`.
    ///
    /// SHA-256 and HMAC use libcrypto's direct SHA-256 functions: its one-shot `SHA256()` and `HMAC()` go
    /// through EVP and look the algorithm up on every call, which cost more than hashing a DynamoDB request.
    public static func sha256(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var context = SHA256_CTX()
        SHA256_Init(&context)
        update(&context, bytes)
        return finish(&context)
    }

    /// HMAC-SHA256 of `message` under `key` (RFC 2104).
    public static func hmacSHA256(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        var block = key.count > 64 ? sha256(key) : Array(key)
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256_CTX()
        SHA256_Init(&inner)
        update(&inner, block.map { $0 ^ 0x36 })
        update(&inner, message)
        let innerHash = finish(&inner)
        var outer = SHA256_CTX()
        SHA256_Init(&outer)
        update(&outer, block.map { $0 ^ 0x5C })
        update(&outer, innerHash)
        return finish(&outer)
    }

    private static func update(_ context: inout SHA256_CTX, _ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            _ = SHA256_Update(&context, buffer.baseAddress, buffer.count)
        }
        if done == nil {
            Array(bytes).withUnsafeBufferPointer { buffer in _ = SHA256_Update(&context, buffer.baseAddress, buffer.count) }
        }
    }

    private static func finish(_ context: inout SHA256_CTX) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        _ = SHA256_Final(&output, &context)
        return output
    }

    /// Lower-case hex of `bytes`.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares two byte strings in time independent of where they differ.
    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { left in b.withUnsafeBytes { right in CRYPTO_memcmp(left.baseAddress, right.baseAddress, a.count) == 0 } }
    }

    /// Cryptographically strong random bytes.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        _ = RAND_bytes(&bytes, Int32(count))
        return bytes
    }
}
