/// The body of `POST /users`.
public struct NewUser: Sendable, Hashable {
    public var email: String
    public var name: String
    public var roles: Set<Role>

    static let fields: Set<String> = ["email", "name", "roles"]

    /// Validates a request body: `email` and `name` required, `roles` optional (default `["user"]`).
    public init(body: [UInt8]) throws(APIError) {
        var reader = try FieldReader(bytes: body, allowed: Self.fields)
        let email = UserFields.email(&reader)
        let name = reader.string("name", length: 1...100)
        let roles = UserFields.roles(&reader)
        if !reader.has("email") { reader.fail(.missingField("email")) }
        if !reader.has("name") { reader.fail(.missingField("name")) }
        try reader.finish()
        guard let email, case .some(.some(let name)) = name else { throw .invalidJSON("Invalid user") }
        self.email = email
        self.name = name
        self.roles = roles ?? [.user]
    }
}

/// The body of `PATCH /users/{userId}`: only the fields present change.
public struct UserPatch: Sendable, Hashable {
    public var email: String?
    public var name: String?
    public var roles: Set<Role>?

    /// Validates a request body; read-only fields (`id`, `version`, timestamps) are unknown fields.
    public init(body: [UInt8]) throws(APIError) {
        var reader = try FieldReader(bytes: body, allowed: NewUser.fields)
        email = UserFields.email(&reader)
        if case .some(.some(let name)) = reader.string("name", length: 1...100) { self.name = name }
        roles = UserFields.roles(&reader)
        try reader.finish()
    }

    /// Whether the patch changes nothing.
    public var isEmpty: Bool { email == nil && name == nil && roles == nil }
}

enum UserFields {
    static func email(_ reader: inout FieldReader) -> String? {
        guard case .some(.some(let email)) = reader.string("email", length: 3...254) else { return nil }
        guard isPlausibleEmail(email) else {
            reader.fail(.invalidValue("email", "'email' must be an address like name@example.com"))
            return nil
        }
        return email
    }

    static func roles(_ reader: inout FieldReader) -> Set<Role>? {
        guard let names = reader.stringSet("roles", length: 1...20, maxCount: 2) else { return nil }
        var roles: Set<Role> = []
        for name in names {
            guard let role = Role(rawValue: name) else {
                reader.fail(.invalidValue("roles", "'roles' may hold only \(Role.choices)"))
                return nil
            }
            roles.insert(role)
        }
        guard !roles.isEmpty else { reader.fail(.invalidValue("roles", "'roles' must not be empty")); return nil }
        return roles
    }

    /// One `@`, a non-empty local part, a dotted domain, no spaces or control characters.
    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 3 else { return false }
        let domain = parts[1]
        guard domain.contains("."), domain.first != ".", domain.last != "." else { return false }
        return !email.unicodeScalars.contains { $0.value <= 0x20 || $0 == "#" || $0.value == 0x7F }
    }
}
