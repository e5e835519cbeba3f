import LambdaEvents
import SluiceJSON

/// Building the API's JSON responses.
enum Responses {
    static let jsonHeaders = ["content-type": "application/json"]

    /// A JSON body with optional `ETag` (the version, quoted) and `Location`.
    static func json(_ status: Int, _ body: JSONValue, version: Int? = nil, location: String? = nil) -> APIGatewayV2Response {
        json(status, text: body.jsonString(), version: version, location: location)
    }

    /// ``json(_:_:version:location:)`` for a body already written as JSON text.
    static func json(_ status: Int, text: String, version: Int? = nil, location: String? = nil) -> APIGatewayV2Response {
        var headers = jsonHeaders
        if let version { headers["etag"] = etag(version) }
        if let location { headers["location"] = location }
        return APIGatewayV2Response(statusCode: status, headers: headers, body: text)
    }

    static func noContent() -> APIGatewayV2Response { APIGatewayV2Response(statusCode: 204, headers: [:]) }

    /// `{"items": [...], "nextCursor": "..."}`; no `nextCursor` on the last page.
    static func list(_ items: [JSONValue], nextCursor: String?) -> APIGatewayV2Response {
        var object: JSONObject = ["items": .array(items)]
        if let nextCursor { object.append(key: "nextCursor", value: .string(nextCursor)) }
        return json(200, .object(object))
    }

    /// One task with its `ETag` (and `Location` for a new one), written directly (``TaskItem/appendJSON(to:)``).
    static func task(_ status: Int, _ task: TaskItem, location: String? = nil) -> APIGatewayV2Response {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(400)
        task.appendJSON(to: &bytes)
        return json(status, text: String(decoding: bytes, as: UTF8.self), version: task.version, location: location)
    }

    /// A page of tasks in the same shape, each task written directly (``TaskItem/appendJSON(to:)``).
    static func list(_ tasks: [TaskItem], nextCursor: String?) -> APIGatewayV2Response {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + tasks.count * 400)
        bytes.append(contentsOf: #"{"items":["#.utf8)
        for (index, task) in tasks.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            task.appendJSON(to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        if let nextCursor {
            bytes.append(contentsOf: #","nextCursor":"#.utf8)
            JSONSerializer.appendString(nextCursor, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return APIGatewayV2Response(statusCode: 200, headers: jsonHeaders, body: String(decoding: bytes, as: UTF8.self))
    }

    /// `{"error":{"code","message","field"?,"details"?}}`.
    static func error(_ error: APIError) -> APIGatewayV2Response {
        APIGatewayV2Response(statusCode: error.status, headers: jsonHeaders, body: JSONValue.object(["error": body(error)]).jsonString())
    }

    static func body(_ error: APIError) -> JSONValue {
        var object: JSONObject = ["code": .string(error.code), "message": .string(error.message)]
        if let field = error.field { object.append(key: "field", value: .string(field)) }
        if !error.details.isEmpty { object.append(key: "details", value: .array(error.details.map(body))) }
        return .object(object)
    }

    static func etag(_ version: Int) -> String { "\"\(version)\"" }
}

/// `If-Match` handling (optimistic concurrency from the client's side).
struct Precondition {
    /// The versions the client will accept; `nil` when there is no `If-Match` (or it is `*`).
    let acceptable: Set<Int>?

    init(request: APIGatewayV2Request) {
        guard let header = request.header("if-match") else { acceptable = nil; return }
        if header.trimmingCharacters() == "*" { acceptable = nil; return }
        var versions: Set<Int> = []
        for tag in header.split(separator: ",") {
            var text = Substring(tag.trimmingCharacters())
            if text.hasPrefix("W/") { text = text.dropFirst(2) }
            if let version = Int(text.trimmingQuotes()) { versions.insert(version) }
        }
        acceptable = versions  // a header naming no version we know matches nothing
    }

    var isConditional: Bool { acceptable != nil }

    /// Throws `412` when the client asked for another version than `current`.
    func check(current: Int) throws(APIError) {
        if let acceptable, !acceptable.contains(current) { throw .preconditionFailed(current: current) }
    }

    /// What a lost race means: `412` when the client named a version, else `409 version_conflict`.
    func conflict() -> APIError { isConditional ? .preconditionFailedGone : .versionConflict }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
