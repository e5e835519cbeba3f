import SluiceJSON

/// A user profile (item `PK = USER#<id>`, `SK = PROFILE`).
public struct User: Sendable, Hashable {
    /// The caller's `sub` for self-registration, a generated UUID when an admin creates the profile.
    public var id: String
    /// As given; uniqueness is case-insensitive (guard item `EMAIL#<lowercased>`).
    public var email: String
    public var name: String
    public var roles: Set<Role>
    public var createdAt: String
    public var updatedAt: String
    /// Set by `DELETE /users/{id}`: the record is kept, reads answer 404.
    public var deletedAt: String?
    /// Starts at 1 and grows by one per write; the ETag.
    public var version: Int

    public init(
        id: String, email: String, name: String, roles: Set<Role>, createdAt: String, updatedAt: String,
        deletedAt: String? = nil, version: Int
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.roles = roles
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
        self.version = version
    }

    /// The email as the uniqueness guard keys it.
    public var normalizedEmail: String { email.lowercased() }

    /// Whether the profile has been soft-deleted.
    public var isDeleted: Bool { deletedAt != nil }

    /// The API representation.
    public var json: JSONValue {
        var object: JSONObject = [
            "id": .string(id), "email": .string(email), "name": .string(name),
            "roles": .array(roles.sorted().map { .string($0.rawValue) }),
            "createdAt": .string(createdAt), "updatedAt": .string(updatedAt),
        ]
        if let deletedAt { object.append(key: "deletedAt", value: .string(deletedAt)) }
        object.append(key: "version", value: .number(JSONNumber(version)))
        return .object(object)
    }
}
