import SluiceJSON

/// An API Gateway HTTP API request in payload format 2.0 (also the shape of Lambda function URL events).
///
/// Header names arrive lowercased; repeated headers and query parameters are joined with commas;
/// the request's cookies are moved out of the headers into `cookies`.
public struct APIGatewayV2Request: Codable, Sendable, Hashable {
    /// Always `"2.0"`.
    public var version: String
    /// The route that matched, such as `"GET /items/{id}"` or `"$default"`.
    public var routeKey: String
    /// The path as the client sent it, percent-encoding intact.
    public var rawPath: String
    /// The query string without the `?`, as sent (empty when there is none).
    public var rawQueryString: String
    /// Cookies: in a request, those the client sent; in a response, each becomes a `Set-Cookie` header.
    public var cookies: [String]?
    /// Header names to values (use ``header(_:)`` for case-insensitive lookup).
    public var headers: [String: String]?
    /// The decoded query parameters.
    public var queryStringParameters: [String: String]?
    /// Values of the route's `{placeholders}`.
    public var pathParameters: [String: String]?
    /// The stage's variables.
    public var stageVariables: [String: String]?
    /// API, stage, caller and timing details.
    public var requestContext: RequestContext
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
        case version, routeKey, rawPath, rawQueryString, cookies, headers, queryStringParameters, pathParameters
        case stageVariables, requestContext, body
        case base64Flag = "isBase64Encoded"
    }

    public init(
        version: String = "2.0", routeKey: String = "$default", rawPath: String, rawQueryString: String = "",
        cookies: [String]? = nil, headers: [String: String]? = nil, queryStringParameters: [String: String]? = nil,
        pathParameters: [String: String]? = nil, stageVariables: [String: String]? = nil,
        requestContext: RequestContext, body: String? = nil, isBase64Encoded: Bool = false
    ) {
        self.version = version
        self.routeKey = routeKey
        self.rawPath = rawPath
        self.rawQueryString = rawQueryString
        self.cookies = cookies
        self.headers = headers
        self.queryStringParameters = queryStringParameters
        self.pathParameters = pathParameters
        self.stageVariables = stageVariables
        self.requestContext = requestContext
        self.body = body
        self.base64Flag = isBase64Encoded
    }

    /// The body's bytes: base64-decoded when `isBase64Encoded` (`nil` if that base64 is invalid), else its UTF-8.
    public var bodyBytes: [UInt8]? { HTTPSupport.bytes(of: body, isBase64Encoded: isBase64Encoded) }

    /// The value of a header, matching its name case-insensitively.
    public func header(_ name: String) -> String? { HTTPSupport.lookup(name, in: headers) }
}

extension APIGatewayV2Request {
    /// Where and how the request arrived, and who made it.
    public struct RequestContext: Codable, Sendable, Hashable {
        public var accountId: String
        public var apiId: String
        public var authentication: Authentication?
        public var authorizer: Authorizer?
        public var domainName: String
        public var domainPrefix: String
        public var http: HTTP
        public var requestId: String
        public var routeKey: String
        public var stage: String
        /// The request time as `"12/Mar/2020:19:03:58 +0000"`.
        public var time: String
        /// The request time in milliseconds since the epoch.
        public var timeEpoch: Int64

        public init(
            accountId: String, apiId: String, authentication: Authentication? = nil, authorizer: Authorizer? = nil,
            domainName: String, domainPrefix: String, http: HTTP, requestId: String, routeKey: String = "$default",
            stage: String = "$default", time: String, timeEpoch: Int64
        ) {
            self.accountId = accountId
            self.apiId = apiId
            self.authentication = authentication
            self.authorizer = authorizer
            self.domainName = domainName
            self.domainPrefix = domainPrefix
            self.http = http
            self.requestId = requestId
            self.routeKey = routeKey
            self.stage = stage
            self.time = time
            self.timeEpoch = timeEpoch
        }
    }

    /// The HTTP facts of the request.
    public struct HTTP: Codable, Sendable, Hashable {
        public var method: String
        /// The request path as API Gateway saw it.
        public var path: String
        public var `protocol`: String
        public var sourceIp: String
        public var userAgent: String

        public init(method: String, path: String, protocol: String = "HTTP/1.1", sourceIp: String, userAgent: String) {
            self.method = method
            self.path = path
            self.protocol = `protocol`
            self.sourceIp = sourceIp
            self.userAgent = userAgent
        }
    }

    /// Mutual-TLS details.
    public struct Authentication: Codable, Sendable, Hashable {
        public var clientCert: APIGatewayClientCertificate?
        public init(clientCert: APIGatewayClientCertificate?) { self.clientCert = clientCert }
    }

    /// What the route's authorizer established: one of `jwt`, `lambda` or `iam`.
    public struct Authorizer: Codable, Sendable, Hashable {
        public var jwt: JWT?
        /// The `context` a Lambda authorizer returned.
        public var lambda: [String: JSONValue]?
        public var iam: IAM?

        public init(jwt: JWT? = nil, lambda: [String: JSONValue]? = nil, iam: IAM? = nil) {
            self.jwt = jwt
            self.lambda = lambda
            self.iam = iam
        }
    }

    /// A JWT authorizer's verified token. API Gateway flattens every claim to a string
    /// (an array claim such as `cognito:groups` arrives as `"[admin user]"`).
    public struct JWT: Codable, Sendable, Hashable {
        public var claims: [String: String]?
        public var scopes: [String]?
        public init(claims: [String: String]?, scopes: [String]? = nil) {
            self.claims = claims
            self.scopes = scopes
        }
    }

    /// The caller of an IAM-authorized route.
    public struct IAM: Codable, Sendable, Hashable {
        /// The Cognito identity behind temporary credentials.
        public struct CognitoIdentity: Codable, Sendable, Hashable {
            public var amr: [String]?
            public var identityId: String?
            public var identityPoolId: String?
            public init(amr: [String]? = nil, identityId: String? = nil, identityPoolId: String? = nil) {
                self.amr = amr
                self.identityId = identityId
                self.identityPoolId = identityPoolId
            }
        }

        public var accessKey: String?
        public var accountId: String?
        public var callerId: String?
        public var cognitoIdentity: CognitoIdentity?
        public var principalOrgId: String?
        public var userArn: String?
        public var userId: String?

        public init(
            accessKey: String? = nil, accountId: String? = nil, callerId: String? = nil,
            cognitoIdentity: CognitoIdentity? = nil, principalOrgId: String? = nil, userArn: String? = nil,
            userId: String? = nil
        ) {
            self.accessKey = accessKey
            self.accountId = accountId
            self.callerId = callerId
            self.cognitoIdentity = cognitoIdentity
            self.principalOrgId = principalOrgId
            self.userArn = userArn
            self.userId = userId
        }
    }
}
