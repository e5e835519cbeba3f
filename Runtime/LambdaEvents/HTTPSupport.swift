import DynamoModel

/// The client certificate API Gateway passes along when mutual TLS is on
/// (`requestContext.authentication.clientCert` in 2.0, `requestContext.identity.clientCert` in 1.0).
public struct APIGatewayClientCertificate: Codable, Sendable, Hashable {
    /// The validity window, in OpenSSL's text form (`"Aug  5 09:36:04 2021 GMT"`).
    public struct Validity: Codable, Sendable, Hashable {
        public var notBefore: String
        public var notAfter: String
        public init(notBefore: String, notAfter: String) {
            self.notBefore = notBefore
            self.notAfter = notAfter
        }
    }

    public var clientCertPem: String
    public var subjectDN: String
    public var issuerDN: String
    public var serialNumber: String
    public var validity: Validity

    public init(clientCertPem: String, subjectDN: String, issuerDN: String, serialNumber: String, validity: Validity) {
        self.clientCertPem = clientCertPem
        self.subjectDN = subjectDN
        self.issuerDN = issuerDN
        self.serialNumber = serialNumber
        self.validity = validity
    }
}

/// Helpers shared by the request and response types.
enum HTTPSupport {
    /// Looks a header up ignoring the case of its name (HTTP header names are case-insensitive).
    static func lookup<V>(_ name: String, in headers: [String: V]?) -> V? {
        guard let headers else { return nil }
        if let exact = headers[name] { return exact }
        let wanted = name.lowercased()
        return headers.first { $0.key.lowercased() == wanted }?.value
    }

    /// The bytes of a proxy-event body: base64-decoded when `isBase64Encoded`, else its UTF-8.
    static func bytes(of body: String?, isBase64Encoded: Bool) -> [UInt8]? {
        guard let body else { return nil }
        return isBase64Encoded ? Base64.decode(body) : Array(body.utf8)
    }
}
