import Foundation
import LambdaEvents
import NIOHTTP1
import SluiceJSON
import SluiceTime
import Synchronization

/// Turns HTTP requests into HTTP API payload 2.0 events, and function results back into HTTP responses,
/// the way API Gateway's Lambda proxy integration does.
enum APIGatewayEvents {
    /// Content types whose bodies API Gateway passes as text; everything else is base64.
    static func isText(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return true }
        return type.hasPrefix("text/") || type.contains("json") || type.contains("xml") || type.contains("javascript")
            || type.hasPrefix("application/x-www-form-urlencoded") || type.contains("yaml")
    }

    static func event(
        for request: HTTPServerRequest, route: HTTPAPIRoute, pathParameters: [String: String], claims: JSONObject?,
        requestID: String, apiID: String, sourceIP: String, now: Date = Date()
    ) -> APIGatewayV2Request {
        let target = request.uri
        let rawPath = String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        let rawQuery = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } ?? ""

        var headers: [String: String] = [:]
        var cookies: [String] = []
        for (name, value) in request.headers {
            let key = name.lowercased()
            if key == "cookie" {
                cookies += value.split(separator: ";").map { String($0.drop { $0 == " " }) }.filter { !$0.isEmpty }
                continue
            }
            headers[key] = headers[key].map { $0 + "," + value } ?? value
        }
        var query: [String: String] = [:]
        for (name, value) in QueryString.parse(rawQuery) {
            query[name] = query[name].map { $0 + "," + value } ?? value
        }
        let bodyBytes = request.bodyBytes
        let text = isText(headers["content-type"]) && String(validating: bodyBytes, as: UTF8.self) != nil
        let body: String? = bodyBytes.isEmpty ? nil : (text ? String(decoding: bodyBytes, as: UTF8.self) : Base64.encode(bodyBytes))

        let epochMillis = Int64(now.timeIntervalSince1970 * 1000)
        let domain = "\(apiID).execute-api.localhost"
        let context = APIGatewayV2Request.RequestContext(
            accountId: "123456789012", apiId: apiID,
            authorizer: claims.map { .init(jwt: .init(claims: flatten($0), scopes: scopes(in: $0))) },
            domainName: headers["host"] ?? domain, domainPrefix: apiID,
            http: .init(
                method: request.method.rawValue, path: percentDecoded(rawPath), sourceIp: sourceIP,
                userAgent: headers["user-agent"] ?? ""),
            requestId: requestID, routeKey: route.routeKey, stage: "$default", time: apiGatewayTime(now),
            timeEpoch: epochMillis)
        return APIGatewayV2Request(
            routeKey: route.routeKey, rawPath: rawPath, rawQueryString: rawQuery,
            cookies: cookies.isEmpty ? nil : cookies, headers: headers,
            queryStringParameters: query.isEmpty ? nil : query,
            pathParameters: pathParameters.isEmpty ? nil : pathParameters,
            requestContext: context, body: body, isBase64Encoded: body != nil && !text)
    }

    /// `path` with its percent escapes decoded (unchanged when they are invalid); Foundation's decoding is
    /// skipped for the usual path without any escape.
    static func percentDecoded(_ path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: "%")) else { return path }
        return path.removingPercentEncoding ?? path
    }

    /// API Gateway passes every claim as a string; arrays look like `[admin user]`.
    static func flatten(_ claims: JSONObject) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in claims {
            switch value {
            case .string(let text): result[key] = text
            case .array(let items): result[key] = "[" + items.map { $0.stringValue ?? $0.jsonString(formatting: []) }.joined(separator: " ") + "]"
            case .null: continue
            default: result[key] = value.jsonString(formatting: [])
            }
        }
        return result
    }

    static func scopes(in claims: JSONObject) -> [String]? {
        guard let scope = claims["scope"]?.stringValue else { return nil }
        return scope.split(separator: " ").map(String.init)
    }

    /// `requestContext.time` as API Gateway writes it: `21/Nov/2026:23:14:05 +0000`. (A `DateFormatter`
    /// per request was more than half of the gateway's own time per request.)
    static func apiGatewayTime(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        if let (second, text) = lastTime.withLock({ $0 }), second == seconds { return text }
        let text = formatTime(seconds)
        lastTime.withLock { $0 = (seconds, text) }
        return text
    }

    /// The last second formatted: requests come many per second.
    private static let lastTime = Mutex<(Int64, String)?>(nil)

    private static func formatTime(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = UTCCalendar.civil(days: days)
        let second = seconds - days * 86_400
        let time = "\(UTCCalendar.pad(second / 3600, 2)):\(UTCCalendar.pad(second / 60 % 60, 2)):\(UTCCalendar.pad(second % 60, 2))"
        return "\(UTCCalendar.pad(day, 2))/\(monthNames[month - 1])/\(UTCCalendar.pad(year, 4)):\(time) +0000"
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The HTTP response for a function's payload: a `{statusCode, headers, cookies, body, isBase64Encoded}`
    /// object is taken apart; any other JSON value becomes a 200 with that value as the body.
    static func response(for payload: [UInt8]) -> HTTPServerResponse {
        var headers: HTTPHeaders = [:]
        guard let value = try? JSONValue(parsing: payload), let object = value.objectValue, object["statusCode"] != nil else {
            headers.add(name: "Content-Type", value: "application/json")
            return HTTPServerResponse(status: .ok, headers: headers, bytes: payload)
        }
        // The plain shape straight from the parsed value; anything else through Codable (same acceptance).
        guard let response = APIGatewayV2Response(jsonValue: value)
            ?? (try? SluiceJSONDecoder().decode(APIGatewayV2Response.self, from: value)) else {
            return .json(.internalServerError, #"{"message":"Internal Server Error"}"#)
        }
        for (name, value) in response.headers ?? [:] { headers.replaceOrAdd(name: name, value: value) }
        for (name, values) in response.multiValueHeaders ?? [:] {
            headers.remove(name: name)
            for value in values { headers.add(name: name, value: value) }
        }
        for cookie in response.cookies ?? [] { headers.add(name: "Set-Cookie", value: cookie) }
        if !headers.contains(name: "content-type") { headers.add(name: "Content-Type", value: "application/json") }
        let body = response.bodyBytes ?? []
        return HTTPServerResponse(status: HTTPResponseStatus(statusCode: response.statusCode), headers: headers, bytes: body)
    }
}
