import SluiceJSON

/// An API Gateway REST API proxy request (payload format 1.0; HTTP APIs send it too when set to 1.0).
///
/// `headers` and `queryStringParameters` hold the last value of each name; the `multiValue…` maps hold all.
/// API Gateway sends `null` for maps that are empty; those decode as `nil`.
public struct APIGatewayRequest: Codable, Sendable, Hashable {
    /// `"1.0"` when an HTTP API sends this format; absent from REST APIs.
    public var version: String?
    /// The resource template that matched, such as `"/{proxy+}"`.
    public var resource: String
    /// The request path, without the stage.
    public var path: String
    /// The HTTP method.
    public var httpMethod: String
    /// Header names to values (use ``header(_:)`` for case-insensitive lookup).
    public var headers: [String: String]?
    /// Header names to all their values.
    public var multiValueHeaders: [String: [String]]?
    /// The decoded query parameters.
    public var queryStringParameters: [String: String]?
    /// The decoded query parameters with all their values.
    public var multiValueQueryStringParameters: [String: [String]]?
    /// Values of the route's `{placeholders}`.
    public var pathParameters: [String: String]?
    /// The stage's variables.
    public var stageVariables: [String: String]?
    /// API, stage, caller and timing details.
    public var requestContext: RequestContext
    /// The body as text, or base64 when `isBase64Encoded`. See ``bodyBytes``.
    public var body: String?
    private var base64Flag: Bool?

    /// Whether `body` holds base64 of binary content. Absent on the wire reads as `false`.
    public var isBase64Encoded: Bool {
        get { base64Flag ?? false }
        set { base64Flag = newValue }
    }

    enum CodingKeys: String, CodingKey {
        case version, resource, path, httpMethod, headers, multiValueHeaders, queryStringParameters
        case multiValueQueryStringParameters, pathParameters, stageVariables, requestContext, body
        case base64Flag = "isBase64Encoded"
    }

    public init(
        version: String? = nil, resource: String, path: String, httpMethod: String, headers: [String: String]? = nil,
        multiValueHeaders: [String: [String]]? = nil, queryStringParameters: [String: String]? = nil,
        multiValueQueryStringParameters: [String: [String]]? = nil, pathParameters: [String: String]? = nil,
        stageVariables: [String: String]? = nil, requestContext: RequestContext, body: String? = nil,
        isBase64Encoded: Bool = false
    ) {
        self.version = version
        self.resource = resource
        self.path = path
        self.httpMethod = httpMethod
        self.headers = headers
        self.multiValueHeaders = multiValueHeaders
        self.queryStringParameters = queryStringParameters
        self.multiValueQueryStringParameters = multiValueQueryStringParameters
        self.pathParameters = pathParameters
        self.stageVariables = stageVariables
        self.requestContext = requestContext
        self.body = body
        self.base64Flag = isBase64Encoded
    }

    /// The body's bytes: base64-decoded when `isBase64Encoded` (`nil` if that base64 is invalid), else its UTF-8.
    public var bodyBytes: [UInt8]? { HTTPSupport.bytes(of: body, isBase64Encoded: isBase64Encoded) }

    /// The value of a header, matching its name case-insensitively; falls back to the last of `multiValueHeaders`.
    public func header(_ name: String) -> String? {
        HTTPSupport.lookup(name, in: headers) ?? HTTPSupport.lookup(name, in: multiValueHeaders)?.last
    }

    /// Every value of a header, matching its name case-insensitively.
    public func headerValues(_ name: String) -> [String] {
        HTTPSupport.lookup(name, in: multiValueHeaders) ?? HTTPSupport.lookup(name, in: headers).map { [$0] } ?? []
    }
}

extension APIGatewayRequest {
    /// Where and how the request arrived, and who made it.
    public struct RequestContext: Codable, Sendable, Hashable {
        public var accountId: String
        public var apiId: String
        /// What a custom (Lambda or Cognito) authorizer returned: `principalId`, its context, or `claims`.
        public var authorizer: [String: JSONValue]?
        public var domainName: String?
        public var domainPrefix: String?
        public var extendedRequestId: String?
        /// The HTTP method.
        public var httpMethod: String
        public var identity: Identity
        public var operationName: String?
        /// The path including the stage, such as `"/prod/hello"`.
        public var path: String?
        public var `protocol`: String?
        public var requestId: String
        /// The request time as `"09/Apr/2015:12:34:56 +0000"`.
        public var requestTime: String?
        /// The request time in milliseconds since the epoch.
        public var requestTimeEpoch: Int64?
        public var resourceId: String?
        public var resourcePath: String?
        public var stage: String

        public init(
            accountId: String, apiId: String, authorizer: [String: JSONValue]? = nil, domainName: String? = nil,
            domainPrefix: String? = nil, extendedRequestId: String? = nil, httpMethod: String, identity: Identity,
            operationName: String? = nil, path: String? = nil, protocol: String? = "HTTP/1.1", requestId: String,
            requestTime: String? = nil, requestTimeEpoch: Int64? = nil, resourceId: String? = nil,
            resourcePath: String? = nil, stage: String
        ) {
            self.accountId = accountId
            self.apiId = apiId
            self.authorizer = authorizer
            self.domainName = domainName
            self.domainPrefix = domainPrefix
            self.extendedRequestId = extendedRequestId
            self.httpMethod = httpMethod
            self.identity = identity
            self.operationName = operationName
            self.path = path
            self.protocol = `protocol`
            self.requestId = requestId
            self.requestTime = requestTime
            self.requestTimeEpoch = requestTimeEpoch
            self.resourceId = resourceId
            self.resourcePath = resourcePath
            self.stage = stage
        }
    }

    /// The caller, as far as API Gateway knows it; most fields are set only with IAM or Cognito auth or API keys.
    public struct Identity: Codable, Sendable, Hashable {
        public var accessKey: String?
        public var accountId: String?
        public var apiKey: String?
        public var apiKeyId: String?
        public var caller: String?
        public var clientCert: APIGatewayClientCertificate?
        public var cognitoAuthenticationProvider: String?
        public var cognitoAuthenticationType: String?
        public var cognitoIdentityId: String?
        public var cognitoIdentityPoolId: String?
        public var principalOrgId: String?
        public var sourceIp: String
        public var user: String?
        public var userAgent: String?
        public var userArn: String?
        /// Set for private APIs reached through a VPC endpoint.
        public var vpcId: String?
        public var vpceId: String?

        /// An anonymous caller: only the address and user agent are known.
        public init(sourceIp: String, userAgent: String? = nil) {
            self.sourceIp = sourceIp
            self.userAgent = userAgent
        }
    }
}
