import DynamoModel
import SluiceCrypto
import SluiceJSON

/// Opaque, tamper-evident pagination cursors.
///
/// A cursor is `base64url(payload) "." base64url(HMAC-SHA256(secret, payload))`, where the payload is
/// the JSON `{"s": scope, "k": LastEvaluatedKey}`. The scope names the listing the cursor came from
/// (e.g. `tasks:USER#u1`), so a cursor from another listing, or another user's listing, is refused just
/// like a changed one: ``decode(_:scope:)`` throws `400 invalid_cursor` and no read happens.
public struct CursorCodec: Sendable {
    private let secret: [UInt8]

    /// - Parameter secret: the HMAC key (e.g. from `CURSOR_SECRET`); at least 16 bytes.
    public init(secret: [UInt8]) {
        self.secret = secret
    }

    /// The cursor for `key` in the listing `scope`.
    public func encode(_ key: Item, scope: String) -> String {
        let payload = JSONValue.object(["s": .string(scope), "k": Self.json(key)]).serialized(formatting: .sortedKeys)
        return CursorBase64.encode(payload) + "." + CursorBase64.encode(Digest.hmacSHA256(key: secret, message: payload))
    }

    /// The key a cursor carries, after checking its signature and scope.
    public func decode(_ cursor: String, scope: String) throws(APIError) -> Item {
        let parts = cursor.split(separator: ".", omittingEmptySubsequences: false)
        guard cursor.utf8.count <= 4096, parts.count == 2,
              let payload = CursorBase64.decode(String(parts[0])), let mac = CursorBase64.decode(String(parts[1])),
              Digest.constantTimeEquals(mac, Digest.hmacSHA256(key: secret, message: payload))
        else { throw .invalidCursor() }
        guard case .object(let object)? = try? JSONValue(parsing: payload), object["s"] == .string(scope),
              case .object(let keyObject)? = object["k"]
        else { throw .invalidCursor() }
        var key: Item = [:]
        for (name, value) in keyObject {
            guard case .string(let text) = value else { throw .invalidCursor() }
            key[name] = .s(text)
        }
        return key
    }

    /// Keys of this table are all strings: `{"PK": "…", "SK": "…"}`.
    static func json(_ key: Item) -> JSONValue {
        var object = JSONObject()
        for (name, value) in key.sorted(by: { $0.key < $1.key }) {
            if case .s(let text) = value { object.append(key: name, value: .string(text)) }
        }
        return .object(object)
    }
}

/// SluiceCrypto's base64url, strict about the alphabet: a cursor holding `+` or `/` was not written by us.
enum CursorBase64 {
    static func encode(_ bytes: [UInt8]) -> String { Base64URL.encode(bytes) }

    static func decode(_ text: String) -> [UInt8]? {
        guard !text.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "/") }) else { return nil }
        return Base64URL.decode(text)
    }
}
