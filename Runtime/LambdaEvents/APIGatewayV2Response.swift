import DynamoModel

/// A function's answer to an HTTP API payload 2.0 request.
///
/// Each of `cookies` becomes a `Set-Cookie` header; a binary body travels as base64 with `isBase64Encoded`.
public struct APIGatewayV2Response: Codable, Sendable, Hashable {
    /// The HTTP status code.
    public var statusCode: Int
    /// Header names to values (use ``header(_:)`` for case-insensitive lookup).
    public var headers: [String: String]?
    /// Header names to all their values.
    public var multiValueHeaders: [String: [String]]?
    /// Cookies: in a request, those the client sent; in a response, each becomes a `Set-Cookie` header.
    public var cookies: [String]?
    /// The body as text, or base64 when `isBase64Encoded`. See ``bodyBytes``.
    public var body: String?
    /// `isBase64Encoded` as it was on the wire (nil: absent). Internal for the direct JSON path.
    var base64Flag: Bool?

    /// Whether `body` holds base64 of binary content. Absent on the wire reads as `false`.
    public var isBase64Encoded: Bool {
        get { base64Flag ?? false }
        set { base64Flag = newValue }
    }

    enum CodingKeys: String, CodingKey {
        case statusCode, headers, multiValueHeaders, cookies, body
        case base64Flag = "isBase64Encoded"
    }

    /// A response with a text body (or none). `isBase64Encoded` is written as `false`.
    public init(
        statusCode: Int = 200, headers: [String: String]? = nil, multiValueHeaders: [String: [String]]? = nil,
        cookies: [String]? = nil, body: String? = nil
    ) {
        self.statusCode = statusCode
        self.headers = headers
        self.multiValueHeaders = multiValueHeaders
        self.cookies = cookies
        self.body = body
        self.base64Flag = false
    }

    /// A response with a binary body: `body` becomes its base64 and `isBase64Encoded` is `true`.
    public init(
        statusCode: Int = 200, headers: [String: String]? = nil, multiValueHeaders: [String: [String]]? = nil,
        cookies: [String]? = nil, body bytes: [UInt8]
    ) {
        self.statusCode = statusCode
        self.headers = headers
        self.multiValueHeaders = multiValueHeaders
        self.cookies = cookies
        self.body = Base64.encode(bytes)
        self.base64Flag = true
    }

    /// The body's bytes: base64-decoded when `isBase64Encoded` (`nil` if that base64 is invalid), else its UTF-8.
    public var bodyBytes: [UInt8]? { HTTPSupport.bytes(of: body, isBase64Encoded: isBase64Encoded) }

    /// The value of a header, matching its name case-insensitively.
    public func header(_ name: String) -> String? { HTTPSupport.lookup(name, in: headers) }
}
