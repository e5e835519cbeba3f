import LambdaEvents
import SluiceJSON

/// `/users` and `/users/{userId}`.
extension Call {
    /// `POST /users`: a user registers their own profile (id = their `sub`); an admin creates one with
    /// a generated id. Only admins may grant `admin`.
    func createUser() async throws(APIError) -> APIGatewayV2Response {
        let input = try NewUser(body: body())
        if input.roles.contains(.admin) { try requireAdmin() }
        guard Route.isValidID(caller.subject) else { throw .invalidValue("sub", "The caller's sub is not a valid id") }
        let now = api.environment.now()
        let user = User(
            id: caller.isAdmin ? api.environment.newID() : caller.subject, email: input.email, name: input.name,
            roles: input.roles, createdAt: now, updatedAt: now, version: 1)
        try await api.users.create(user)
        return Responses.json(201, user.json, version: user.version, location: "/users/" + user.id)
    }

    /// `GET /users` (admins): `limit`, `cursor`, `includeDeleted`.
    func listUsers() async throws(APIError) -> APIGatewayV2Response {
        try requireAdmin()
        let query = try QueryParameters(request, allowed: ["limit", "cursor", "includeDeleted"])
        let limit = try query.limit()
        let includeDeleted = try query.bool("includeDeleted")
        let scope = query.scope("users")
        let start = try query.values["cursor"].map { (c) throws(APIError) in try api.cursors.decode(c, scope: scope) }
        let page = try await api.users.list(limit: limit, after: start, includeDeleted: includeDeleted)
        return Responses.list(page.users.map(\.json), nextCursor: page.next.map { api.cursors.encode($0, scope: scope) })
    }

    /// `GET /users/{userId}`: a soft-deleted profile is 404, except to admins.
    func getUser(_ id: String) async throws(APIError) -> APIGatewayV2Response {
        let user = try await liveUser(id, allowDeleted: caller.isAdmin)
        return Responses.json(200, user.json, version: user.version)
    }

    /// `PATCH /users/{userId}`: `email`, `name`, `roles` (roles only by admins).
    func patchUser(_ id: String) async throws(APIError) -> APIGatewayV2Response {
        let patch = try UserPatch(body: body())
        let current = try await liveUser(id)
        try precondition.check(current: current.version)
        if let roles = patch.roles, roles != current.roles { try requireAdmin() }
        var updated = current
        if let email = patch.email { updated.email = email }
        if let name = patch.name { updated.name = name }
        if let roles = patch.roles { updated.roles = roles }
        if updated == current { return Responses.json(200, current.json, version: current.version) }
        updated.version += 1
        updated.updatedAt = api.environment.now()
        do { try await api.users.replace(current, with: updated) } catch { throw conflict(error) }
        return Responses.json(200, updated.json, version: updated.version)
    }

    /// `DELETE /users/{userId}`: a soft delete (the profile stays with `deletedAt`; the email is released).
    func deleteUser(_ id: String) async throws(APIError) -> APIGatewayV2Response {
        let current = try await liveUser(id)
        try precondition.check(current: current.version)
        var deleted = current
        deleted.deletedAt = api.environment.now()
        deleted.updatedAt = deleted.deletedAt!
        deleted.version += 1
        do { try await api.users.replace(current, with: deleted) } catch { throw conflict(error) }
        return Responses.noContent()
    }

    /// The profile, or 404 when missing (or soft-deleted unless `allowDeleted`).
    func liveUser(_ id: String, allowDeleted: Bool = false) async throws(APIError) -> User {
        guard let user = try await api.users.get(id), allowDeleted || !user.isDeleted else { throw .notFound("User") }
        return user
    }

    /// A lost optimistic-concurrency race as the client should see it (412 with If-Match, else 409).
    func conflict(_ error: APIError) -> APIError {
        error == .versionConflict ? precondition.conflict() : error
    }
}
