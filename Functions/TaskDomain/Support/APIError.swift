/// An error the API answers with: an HTTP status and `{"error":{"code","message","field"}}`.
///
/// Every failure a client can cause maps to one of these (never a 500); ``details`` carries further
/// field-level problems when validation found more than one.
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code.
    public var status: Int
    /// A stable, machine-readable code, e.g. `invalid_type`.
    public var code: String
    /// A human-readable explanation.
    public var message: String
    /// The offending field (body field or query parameter), when there is one.
    public var field: String?
    /// All field-level problems, when validation found more than one.
    public var details: [APIError]

    public init(status: Int, code: String, message: String, field: String? = nil, details: [APIError] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.details = details
    }

    public var description: String { "\(status) \(code): \(message)" + (field.map { " (\($0))" } ?? "") }

    // MARK: 400

    public static func invalidJSON(_ message: String) -> APIError { .init(status: 400, code: "invalid_json", message: message) }
    public static func unknownField(_ field: String) -> APIError {
        .init(status: 400, code: "unknown_field", message: "Unknown or read-only field '\(field)'", field: field)
    }
    public static func invalidType(_ field: String, expected: String) -> APIError {
        .init(status: 400, code: "invalid_type", message: "'\(field)' must be \(expected)", field: field)
    }
    public static func invalidValue(_ field: String, _ message: String) -> APIError {
        .init(status: 400, code: "invalid_value", message: message, field: field)
    }
    public static func missingField(_ field: String) -> APIError {
        .init(status: 400, code: "missing_field", message: "'\(field)' is required", field: field)
    }
    public static func invalidCursor(_ message: String = "The cursor is invalid or does not belong to this listing") -> APIError {
        .init(status: 400, code: "invalid_cursor", message: message, field: "cursor")
    }

    // MARK: 401, 403, 404, 405

    public static let unauthorized = APIError(status: 401, code: "unauthorized", message: "No caller identity (sub claim)")
    public static func forbidden(_ message: String = "You may not access this resource") -> APIError {
        .init(status: 403, code: "forbidden", message: message)
    }
    public static func notFound(_ what: String) -> APIError { .init(status: 404, code: "not_found", message: "\(what) not found") }
    public static func methodNotAllowed(_ method: String) -> APIError {
        .init(status: 405, code: "method_not_allowed", message: "\(method) is not allowed here")
    }

    // MARK: 409, 412, 413

    public static func emailTaken(_ email: String) -> APIError {
        .init(status: 409, code: "email_taken", message: "The email \(email) is already registered", field: "email")
    }
    public static func userExists(_ id: String) -> APIError {
        .init(status: 409, code: "user_exists", message: "A profile for user \(id) already exists")
    }
    public static func illegalTransition(from: TaskStatus, to: TaskStatus) -> APIError {
        .init(status: 409, code: "illegal_transition", message: "A task cannot go from \(from.rawValue) to \(to.rawValue)", field: "status")
    }
    public static let versionConflict = APIError(
        status: 409, code: "version_conflict", message: "The resource was modified concurrently; read it again and retry")
    public static func preconditionFailed(current: Int) -> APIError {
        .init(status: 412, code: "precondition_failed", message: "If-Match does not match the current version \(current)")
    }
    public static let preconditionFailedGone = APIError(
        status: 412, code: "precondition_failed", message: "If-Match does not match the current version")
    public static func payloadTooLarge(limit: Int) -> APIError {
        .init(status: 413, code: "payload_too_large", message: "The body exceeds \(limit) bytes")
    }

    // MARK: 5xx

    public static func unavailable(_ message: String) -> APIError { .init(status: 503, code: "unavailable", message: message) }
    public static func internalError(_ message: String) -> APIError { .init(status: 500, code: "internal", message: message) }
}
