import SluiceJSON

/// HTTP API responses straight from and to ``JSONValue``: every function behind the local API gateway encodes
/// one per request and the gateway decodes it. `jsonValue` writes what the synthesized `encode(to:)` writes;
/// `init?(jsonValue:)` accepts the plain shape (an integer `statusCode` in plain digits, strings where strings
/// belong) and returns nil for anything else, which then goes through `init(from:)` and its errors.
extension APIGatewayV2Response: JSONValueRepresentable {
    public init?(jsonValue: JSONValue) {
        guard case .object(let object) = jsonValue, let statusCode = JSONFields.int64(object["statusCode"]),
            let status = Int(exactly: statusCode),
            let headers = JSONFields.optionalStringMap(object["headers"]),
            let multiValueHeaders = JSONFields.optionalStringListMap(object["multiValueHeaders"]),
            let cookies = JSONFields.optionalStrings(object["cookies"]),
            let body = JSONFields.optionalString(object["body"]),
            let base64Flag = JSONFields.optionalBool(object["isBase64Encoded"])
        else { return nil }
        self.init(
            statusCode: status, headers: headers.value, multiValueHeaders: multiValueHeaders.value, cookies: cookies.value,
            body: body.value)
        self.base64Flag = base64Flag.value
    }

    public var jsonValue: JSONValue {
        var object = JSONObject()
        object.reserveCapacity(6)
        object.append(key: "statusCode", value: .number(JSONNumber(statusCode)))
        if let headers { object.append(key: "headers", value: JSONFields.value(headers)) }
        if let multiValueHeaders {
            var members = JSONObject()
            members.reserveCapacity(multiValueHeaders.count)
            for (name, values) in multiValueHeaders { members.append(key: name, value: JSONFields.value(values)) }
            object.append(key: "multiValueHeaders", value: .object(members))
        }
        if let cookies { object.append(key: "cookies", value: JSONFields.value(cookies)) }
        if let body { object.append(key: "body", value: .string(body)) }
        if let base64Flag { object.append(key: "isBase64Encoded", value: .bool(base64Flag)) }
        return .object(object)
    }
}
