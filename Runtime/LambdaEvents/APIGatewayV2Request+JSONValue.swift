import SluiceJSON

/// Payload 2.0 events straight from and to ``JSONValue``: the local API gateway encodes one per request and
/// the function decodes it, and the Codable containers were most of that work. `jsonValue` writes what the
/// synthesized `encode(to:)` writes (same keys, same order, `nil` members left out). `init?(jsonValue:)`
/// accepts the plain shape (strings, integer `timeEpoch`, a JWT authorizer) and returns nil for anything else
/// (mutual TLS, IAM or Lambda authorizers, unusual numbers, a wrong type), which then goes through `init(from:)`.
extension APIGatewayV2Request: JSONValueRepresentable {
    public init?(jsonValue: JSONValue) {
        guard case .object(let object) = jsonValue,
            let version = JSONFields.string(object["version"]), let routeKey = JSONFields.string(object["routeKey"]),
            let rawPath = JSONFields.string(object["rawPath"]), let rawQueryString = JSONFields.string(object["rawQueryString"]),
            let cookies = JSONFields.optionalStrings(object["cookies"]),
            let headers = JSONFields.optionalStringMap(object["headers"]),
            let query = JSONFields.optionalStringMap(object["queryStringParameters"]),
            let pathParameters = JSONFields.optionalStringMap(object["pathParameters"]),
            let stageVariables = JSONFields.optionalStringMap(object["stageVariables"]),
            let contextValue = object["requestContext"], let context = RequestContext(jsonValue: contextValue),
            let body = JSONFields.optionalString(object["body"]),
            let base64Flag = JSONFields.optionalBool(object["isBase64Encoded"])
        else { return nil }
        self.init(
            version: version, routeKey: routeKey, rawPath: rawPath, rawQueryString: rawQueryString, cookies: cookies.value,
            headers: headers.value, queryStringParameters: query.value, pathParameters: pathParameters.value,
            stageVariables: stageVariables.value, requestContext: context, body: body.value)
        self.base64Flag = base64Flag.value
    }

    public var jsonValue: JSONValue {
        var object = JSONObject()
        object.reserveCapacity(12)
        object.append(key: "version", value: .string(version))
        object.append(key: "routeKey", value: .string(routeKey))
        object.append(key: "rawPath", value: .string(rawPath))
        object.append(key: "rawQueryString", value: .string(rawQueryString))
        if let cookies { object.append(key: "cookies", value: JSONFields.value(cookies)) }
        if let headers { object.append(key: "headers", value: JSONFields.value(headers)) }
        if let queryStringParameters { object.append(key: "queryStringParameters", value: JSONFields.value(queryStringParameters)) }
        if let pathParameters { object.append(key: "pathParameters", value: JSONFields.value(pathParameters)) }
        if let stageVariables { object.append(key: "stageVariables", value: JSONFields.value(stageVariables)) }
        object.append(key: "requestContext", value: requestContext.jsonValue)
        if let body { object.append(key: "body", value: .string(body)) }
        if let base64Flag { object.append(key: "isBase64Encoded", value: .bool(base64Flag)) }
        return .object(object)
    }
}

extension APIGatewayV2Request.RequestContext {
    init?(jsonValue: JSONValue) {
        guard case .object(let object) = jsonValue,
            let accountId = JSONFields.string(object["accountId"]), let apiId = JSONFields.string(object["apiId"]),
            JSONFields.isAbsent(object["authentication"]),
            let domainName = JSONFields.string(object["domainName"]),
            let domainPrefix = JSONFields.string(object["domainPrefix"]),
            let httpValue = object["http"], let http = APIGatewayV2Request.HTTP(jsonValue: httpValue),
            let requestId = JSONFields.string(object["requestId"]), let routeKey = JSONFields.string(object["routeKey"]),
            let stage = JSONFields.string(object["stage"]), let time = JSONFields.string(object["time"]),
            let timeEpoch = JSONFields.int64(object["timeEpoch"])
        else { return nil }
        var authorizer: APIGatewayV2Request.Authorizer?
        if !JSONFields.isAbsent(object["authorizer"]) {
            // Only a JWT authorizer's plain shape; IAM and Lambda authorizers take the Codable path.
            guard case .object(let members)? = object["authorizer"], JSONFields.isAbsent(members["lambda"]),
                JSONFields.isAbsent(members["iam"])
            else { return nil }
            var jwt: APIGatewayV2Request.JWT?
            if !JSONFields.isAbsent(members["jwt"]) {
                guard case .object(let token)? = members["jwt"], let claims = JSONFields.optionalStringMap(token["claims"]),
                    let scopes = JSONFields.optionalStrings(token["scopes"])
                else { return nil }
                jwt = .init(claims: claims.value, scopes: scopes.value)
            }
            authorizer = .init(jwt: jwt)
        }
        self.init(
            accountId: accountId, apiId: apiId, authorizer: authorizer, domainName: domainName, domainPrefix: domainPrefix,
            http: http, requestId: requestId, routeKey: routeKey, stage: stage, time: time, timeEpoch: timeEpoch)
    }

    var jsonValue: JSONValue {
        var object = JSONObject()
        object.reserveCapacity(12)
        object.append(key: "accountId", value: .string(accountId))
        object.append(key: "apiId", value: .string(apiId))
        if let authentication { object.append(key: "authentication", value: JSONFields.encoded(authentication)) }
        if let authorizer {
            var members = JSONObject()
            if let jwt = authorizer.jwt {
                var token = JSONObject()
                if let claims = jwt.claims { token.append(key: "claims", value: JSONFields.value(claims)) }
                if let scopes = jwt.scopes { token.append(key: "scopes", value: JSONFields.value(scopes)) }
                members.append(key: "jwt", value: .object(token))
            }
            if let lambda = authorizer.lambda { members.append(key: "lambda", value: JSONFields.encoded(lambda)) }
            if let iam = authorizer.iam { members.append(key: "iam", value: JSONFields.encoded(iam)) }
            object.append(key: "authorizer", value: .object(members))
        }
        object.append(key: "domainName", value: .string(domainName))
        object.append(key: "domainPrefix", value: .string(domainPrefix))
        var http = JSONObject()
        http.reserveCapacity(5)
        http.append(key: "method", value: .string(self.http.method))
        http.append(key: "path", value: .string(self.http.path))
        http.append(key: "protocol", value: .string(self.http.protocol))
        http.append(key: "sourceIp", value: .string(self.http.sourceIp))
        http.append(key: "userAgent", value: .string(self.http.userAgent))
        object.append(key: "http", value: .object(http))
        object.append(key: "requestId", value: .string(requestId))
        object.append(key: "routeKey", value: .string(routeKey))
        object.append(key: "stage", value: .string(stage))
        object.append(key: "time", value: .string(time))
        object.append(key: "timeEpoch", value: .number(JSONNumber(timeEpoch)))
        return .object(object)
    }
}

extension APIGatewayV2Request.HTTP {
    init?(jsonValue: JSONValue) {
        guard case .object(let object) = jsonValue, let method = JSONFields.string(object["method"]),
            let path = JSONFields.string(object["path"]), let `protocol` = JSONFields.string(object["protocol"]),
            let sourceIp = JSONFields.string(object["sourceIp"]), let userAgent = JSONFields.string(object["userAgent"])
        else { return nil }
        self.init(method: method, path: path, protocol: `protocol`, sourceIp: sourceIp, userAgent: userAgent)
    }
}
