import LambdaEvents

/// Who is calling, from the JWT authorizer's claims (`requestContext.authorizer.jwt.claims`).
public struct Identity: Sendable, Hashable {
    /// The `sub` claim: the caller's user id.
    public var subject: String
    /// Groups from `cognito:groups` or `roles`.
    public var groups: Set<String>

    public init(subject: String, groups: Set<String>) {
        self.subject = subject
        self.groups = groups
    }

    /// Whether the caller may see and change everyone's data.
    public var isAdmin: Bool { groups.contains(Role.admin.rawValue) }

    /// Whether the caller may act on `userId`'s profile and tasks.
    public func mayAccess(_ userId: String) -> Bool { isAdmin || subject == userId }

    /// The caller of `request`.
    /// - Throws: `401 unauthorized` without a non-empty `sub` claim.
    public init(request: APIGatewayV2Request) throws(APIError) {
        let claims = request.requestContext.authorizer?.jwt?.claims ?? [:]
        guard let sub = claims["sub"], !sub.isEmpty else { throw .unauthorized }
        subject = sub
        groups = Self.groups(claims["cognito:groups"]).union(Self.groups(claims["roles"]))
    }

    /// API Gateway flattens array claims to `"[a b]"`; a single group arrives as `"admin"`. Commas are
    /// accepted as separators too.
    static func groups(_ claim: String?) -> Set<String> {
        guard var text = claim else { return [] }
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        return Set(text.split { $0 == " " || $0 == "," }.map { $0.trimmingQuotes() }.filter { !$0.isEmpty })
    }
}

extension Substring {
    func trimmingQuotes() -> String {
        var s = self
        while s.first == "\"" { s.removeFirst() }
        while s.last == "\"" { s.removeLast() }
        return String(s)
    }
}
