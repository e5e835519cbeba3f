#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DynamoModel
import LambdaEvents

/// Realistic sample events, as `sluice generate-event` prints them and tests use them.
///
/// Account `123456789012`, region `us-east-1` and documentation-range addresses throughout;
/// request ids are random and times come from `date`.
public enum SampleEvents {
    /// The account id all samples use.
    public static let accountId = "123456789012"
    /// The region all samples use.
    public static let region = "us-east-1"
    static let sourceIp = "203.0.113.10"
    static let userAgent = "curl/8.5.0"

    /// An HTTP API (payload 2.0) request.
    ///
    /// - Parameters:
    ///   - method: the HTTP method (uppercased).
    ///   - path: the request target, optionally with a query (`/items/4%202?tag=a&tag=b`); it becomes
    ///     `rawPath` and `rawQueryString`, and the decoded query fills `queryStringParameters`.
    ///   - body: a text body; sets `content-type` (JSON when it looks like JSON) and `content-length`.
    ///   - headers: extra headers; names are lowercased, and a `cookie` header moves into `cookies`.
    ///   - query: extra query parameters, percent-encoded and appended (sorted by name).
    ///   - claims: when set, the request carries a JWT authorizer with these claims
    ///     (and the scopes of a `scope` claim).
    ///   - date: the request time.
    public static func apigwHTTP(
        method: String = "GET", path: String = "/", body: String? = nil, headers: [String: String] = [:],
        query: [String: String] = [:], claims: [String: String]? = nil, date: Date = Date()
    ) -> APIGatewayV2Request {
        let (rawPath, rawQuery) = splitTarget(path, extraQuery: query)
        let pairs = QueryString.parse(rawQuery)
        let apiId = "r3pmxmplak"
        let domainName = "\(apiId).execute-api.\(region).amazonaws.com"

        var allHeaders: [String: String] = [
            "accept": "*/*", "host": domainName, "user-agent": userAgent,
            "x-amzn-trace-id": "Root=1-\(SampleSupport.randomHex(bytes: 4))-\(SampleSupport.randomHex(bytes: 12))",
            "x-forwarded-for": sourceIp, "x-forwarded-port": "443", "x-forwarded-proto": "https",
        ]
        if let body {
            allHeaders["content-type"] = contentType(of: body)
            allHeaders["content-length"] = String(body.utf8.count)
        }
        for (name, value) in headers { allHeaders[name.lowercased()] = value }
        var cookies: [String]?
        if let cookieHeader = allHeaders.removeValue(forKey: "cookie") {
            cookies = cookieHeader.split(separator: ";").map { String($0.drop { $0 == " " }) }.filter { !$0.isEmpty }
        }

        var authorizer: APIGatewayV2Request.Authorizer?
        if let claims {
            let scopes = claims["scope"].map { $0.split(separator: " ").map(String.init) }
            authorizer = .init(jwt: .init(claims: claims, scopes: scopes))
        }
        let millis = epochMillis(date)
        let context = APIGatewayV2Request.RequestContext(
            accountId: accountId, apiId: apiId, authorizer: authorizer, domainName: domainName, domainPrefix: apiId,
            http: .init(
                method: method.uppercased(), path: QueryString.decode(rawPath, plusAsSpace: false), sourceIp: sourceIp,
                userAgent: allHeaders["user-agent"] ?? userAgent),
            requestId: SampleSupport.httpAPIRequestId(), time: SampleSupport.apiGatewayTime(epochMillis: millis),
            timeEpoch: millis)
        return APIGatewayV2Request(
            rawPath: rawPath, rawQueryString: rawQuery, cookies: cookies, headers: allHeaders,
            queryStringParameters: pairs.isEmpty ? nil : QueryString.joined(pairs), requestContext: context,
            body: body, isBase64Encoded: false)
    }

    /// A REST API (payload 1.0) proxy request to a `/{proxy+}` resource on stage `prod`.
    ///
    /// `path` may carry a query; it fills both `queryStringParameters` and `multiValueQueryStringParameters`.
    public static func apigwREST(
        method: String = "GET", path: String = "/", body: String? = nil, date: Date = Date()
    ) -> APIGatewayRequest {
        let (rawPath, rawQuery) = splitTarget(path, extraQuery: [:])
        let decodedPath = QueryString.decode(rawPath, plusAsSpace: false)
        let pairs = QueryString.parse(rawQuery)
        let apiId = "1234567890"
        let domainName = "\(apiId).execute-api.\(region).amazonaws.com"
        let stage = "prod"

        var headers: [String: String] = [
            "Accept": "*/*", "Host": domainName, "User-Agent": userAgent,
            "X-Amzn-Trace-Id": "Root=1-\(SampleSupport.randomHex(bytes: 4))-\(SampleSupport.randomHex(bytes: 12))",
            "X-Forwarded-For": sourceIp, "X-Forwarded-Port": "443", "X-Forwarded-Proto": "https",
        ]
        if let body {
            headers["Content-Type"] = contentType(of: body)
            headers["Content-Length"] = String(body.utf8.count)
        }
        let isRoot = decodedPath == "/"
        let resource = isRoot ? "/" : "/{proxy+}"
        let millis = epochMillis(date)
        let identity = APIGatewayRequest.Identity(sourceIp: sourceIp, userAgent: userAgent)
        let context = APIGatewayRequest.RequestContext(
            accountId: accountId, apiId: apiId, domainName: domainName, domainPrefix: apiId,
            extendedRequestId: SampleSupport.httpAPIRequestId(),
            httpMethod: method.uppercased(), identity: identity, path: "/\(stage)\(decodedPath)",
            requestId: SampleSupport.uuid(), requestTime: SampleSupport.apiGatewayTime(epochMillis: millis),
            requestTimeEpoch: millis, resourceId: "abc123", resourcePath: resource, stage: stage)
        return APIGatewayRequest(
            resource: resource, path: decodedPath, httpMethod: method.uppercased(), headers: headers,
            multiValueHeaders: headers.mapValues { [$0] },
            queryStringParameters: pairs.isEmpty ? nil : QueryString.lastValues(pairs),
            multiValueQueryStringParameters: pairs.isEmpty ? nil : QueryString.multiValued(pairs),
            pathParameters: isRoot ? nil : ["proxy": String(decodedPath.dropFirst())],
            requestContext: context, body: body, isBase64Encoded: false)
    }

    /// A DynamoDB stream batch for one item's life: `INSERT`, `MODIFY`, then `REMOVE`,
    /// with `NEW_AND_OLD_IMAGES`, increasing sequence numbers and DynamoDB-sized `SizeBytes`.
    ///
    /// - Parameters:
    ///   - table: the table name in `eventSourceARN`.
    ///   - streamLabel: the stream's label (its creation time) in `eventSourceARN`.
    ///   - keys: the item's key attributes.
    ///   - newImage: the non-key attributes inserted.
    ///   - modifiedImage: the non-key attributes after the update.
    ///   - date: the records' `ApproximateCreationDateTime`.
    public static func dynamoDBStream(
        table: String = "Example", streamLabel: String = "2024-01-01T00:00:00.000",
        keys: Item = ["Id": .n("101")],
        newImage: Item = ["Message": .s("New item!"), "Count": .n("1"), "Tags": .ss(["new"]), "Active": .bool(true)],
        modifiedImage: Item = [
            "Message": .s("This item has changed"), "Count": .n("2"), "Tags": .ss(["new", "updated"]),
            "Active": .bool(true),
        ],
        date: Date = Date()
    ) -> DynamoDBEvent {
        let arn = "arn:aws:dynamodb:\(region):\(accountId):table/\(table)/stream/\(streamLabel)"
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let inserted = newImage.merging(keys) { _, key in key }
        let modified = modifiedImage.merging(keys) { _, key in key }
        let changes: [(StreamRecord.EventName, Item?, Item?)] = [
            (.insert, inserted, nil), (.modify, modified, inserted), (.remove, nil, modified),
        ]
        let records = changes.enumerated().map { index, change in
            let (name, new, old) = change
            return StreamRecord(
                eventID: SampleSupport.randomHex(bytes: 16), eventName: name, awsRegion: region,
                dynamodb: StreamRecordData(
                    approximateCreationDateTime: Double(seconds), keys: keys, newImage: new, oldImage: old,
                    sequenceNumber: "\(seconds)0000000000\(index + 1)",
                    sizeBytes: SampleSupport.size(of: keys) + SampleSupport.size(of: new) + SampleSupport.size(of: old),
                    streamViewType: "NEW_AND_OLD_IMAGES"),
                eventSourceARN: arn)
        }
        return DynamoDBEvent(records: records)
    }

    // MARK: - Helpers

    /// Splits a request target into raw path (with a leading `/`) and raw query, appending `extraQuery`.
    static func splitTarget(_ target: String, extraQuery: [String: String]) -> (path: String, query: String) {
        var path = target
        var query = ""
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        }
        if !path.hasPrefix("/") { path = "/" + path }
        let extra = extraQuery.sorted { $0.key < $1.key }.map {
            "\(QueryString.encode($0.key))=\(QueryString.encode($0.value))"
        }
        if !extra.isEmpty { query = ([query].filter { !$0.isEmpty } + extra).joined(separator: "&") }
        return (path, query)
    }

    static func contentType(of body: String) -> String {
        let first = body.utf8.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\t") }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? "application/json" : "text/plain; charset=utf-8"
    }

    static func epochMillis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
}
