import LambdaEvents

/// A listing's query string: only known parameters, each checked.
struct QueryParameters {
    let values: [String: String]

    /// - Throws: `400 unknown_field` for a parameter not in `allowed`.
    init(_ request: APIGatewayV2Request, allowed: Set<String>) throws(APIError) {
        values = request.queryStringParameters ?? [:]
        for name in values.keys.sorted() where !allowed.contains(name) {
            throw APIError(status: 400, code: "unknown_field", message: "Unknown query parameter '\(name)'", field: name)
        }
    }

    /// `limit`: 1–100, default 20.
    func limit() throws(APIError) -> Int {
        guard let text = values["limit"] else { return 20 }
        guard let limit = Int(text) else { throw .invalidType("limit", expected: "an integer") }
        guard (1...100).contains(limit) else { throw .invalidValue("limit", "'limit' must be 1–100") }
        return limit
    }

    func date(_ name: String) throws(APIError) -> String? {
        guard let text = values[name] else { return nil }
        guard CalendarDate.isValid(text) else { throw .invalidValue(name, "'\(name)' must be a date YYYY-MM-DD") }
        return text
    }

    func status() throws(APIError) -> TaskStatus? {
        guard let text = values["status"] else { return nil }
        guard let status = TaskStatus(rawValue: text) else {
            throw .invalidValue("status", "'status' must be one of \(TaskStatus.choices)")
        }
        return status
    }

    func bool(_ name: String) throws(APIError) -> Bool {
        switch values[name] {
        case nil, "false": return false
        case "true": return true
        default: throw .invalidType(name, expected: "true or false")
        }
    }

    func tag() throws(APIError) -> String? {
        guard let tag = values["tag"] else { return nil }
        guard TaskLimits.tag.contains(tag.count) else { throw .invalidValue("tag", "'tag' must be 1–50 characters") }
        return tag
    }

    /// The listing's identity for its cursors: every parameter but `cursor` and `limit`, in order.
    func scope(_ prefix: String) -> String {
        values.filter { $0.key != "cursor" && $0.key != "limit" }.sorted { $0.key < $1.key }
            .reduce(prefix) { $0 + "&" + $1.key + "=" + $1.value }
    }
}
