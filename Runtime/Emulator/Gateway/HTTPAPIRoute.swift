/// One route of an HTTP API: a method and a path template (`/users/{userId}`, `/files/{proxy+}`,
/// or `$default`) leading to a function, with the JWT authorizer it requires, if any.
public struct HTTPAPIRoute: Sendable, CustomStringConvertible {
    /// `GET`, `POST`, … or `ANY`.
    public var method: String
    /// The path template as written in the template, or `$default`.
    public var path: String
    /// The function's logical id.
    public var function: String
    /// The JWT authorizer guarding the route (nil: open).
    public var authorizer: JWTAuthorizer?

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        case greedy(String)
    }

    let segments: [Segment]

    public init(method: String, path: String, function: String, authorizer: JWTAuthorizer? = nil) {
        self.method = method.uppercased() == "ANY" || method == "*" ? "ANY" : method.uppercased()
        self.path = path
        self.function = function
        self.authorizer = authorizer
        segments = path == "$default" ? [] : path.split(separator: "/").map { part in
            if part.hasPrefix("{") && part.hasSuffix("+}") { return .greedy(String(part.dropFirst().dropLast(2))) }
            if part.hasPrefix("{") && part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(String(part))
        }
    }

    /// `GET /users/{userId}`, as API Gateway writes route keys.
    public var routeKey: String { path == "$default" ? "$default" : "\(method) \(path)" }

    public var description: String { routeKey }

    /// The path parameters when the request matches, else nil. `path` is the decoded request path.
    func match(method requestMethod: String, path requestPath: String) -> [String: String]? {
        match(method: requestMethod.uppercased(), parts: Self.parts(of: requestPath))
    }

    /// The non-empty segments of a decoded request path, split once for every route's ``match(method:parts:)``.
    static func parts(of requestPath: String) -> [Substring] {
        requestPath.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// The path parameters when the request matches, else nil: `method` in upper case, `parts` from ``parts(of:)``.
    func match(method requestMethod: String, parts: [Substring]) -> [String: String]? {
        guard method == "ANY" || method == requestMethod else { return nil }
        if path == "$default" { return [:] }
        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .literal(let text):
                guard index < parts.count, parts[index] == text else { return nil }
            case .parameter(let name):
                guard index < parts.count, !parts[index].isEmpty else { return nil }
                parameters[name] = String(parts[index])
            case .greedy(let name):
                guard index < parts.count else { return nil }
                parameters[name] = parts[index...].joined(separator: "/")
                return parameters
            }
        }
        return parts.count == segments.count ? parameters : nil
    }

    /// Orders routes as API Gateway selects them: full matches before greedy ones, literal segments
    /// before parameters, longer paths first, a method before `ANY`, and `$default` last.
    static func precedes(_ a: HTTPAPIRoute, _ b: HTTPAPIRoute) -> Bool {
        func rank(_ route: HTTPAPIRoute) -> [Int] {
            let isDefault = route.path == "$default" ? 1 : 0
            let greedy = route.segments.contains { if case .greedy = $0 { true } else { false } } ? 1 : 0
            let literals = route.segments.filter { if case .literal = $0 { true } else { false } }.count
            return [isDefault, greedy, -route.segments.count, -literals, route.method == "ANY" ? 1 : 0]
        }
        return rank(a).lexicographicallyPrecedes(rank(b))
    }
}

/// A JWT authorizer as the template declares it; locally tokens are HS256 with the local secret.
public struct JWTAuthorizer: Sendable {
    public var name: String
    /// When set, a token's `iss` must equal it.
    public var issuer: String?
    /// When not empty, a token's `aud` (or `client_id`) must be one of these.
    public var audience: [String]

    public init(name: String, issuer: String? = nil, audience: [String] = []) {
        self.name = name
        self.issuer = issuer
        self.audience = audience
    }
}
