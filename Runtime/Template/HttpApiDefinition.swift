/// An `AWS::Serverless::HttpApi` (with `Globals.HttpApi` merged in).
///
/// Functions with `HttpApi` events and no `ApiId` belong to SAM's implicit API, `ServerlessHttpApi`,
/// which has no resource in the template.
public struct HttpApiDefinition: Sendable, Hashable {
    /// The logical id.
    public var logicalId: String
    /// `StageName` (SAM's default stage is `$default`).
    public var stageName: String
    /// `Auth`, when set.
    public var auth: HttpApiAuth?
    /// `CorsConfiguration`, resolved where possible.
    public var corsConfiguration: TemplateValue?
    /// The resource's `Condition`.
    public var condition: String?
    /// The properties after the globals merge, unresolved.
    public var properties: TemplateMap

    /// Reads an HttpApi resource.
    public init(resource: TemplateResource, template: SAMTemplate, resolver: LocalResolver) throws {
        let merged = GlobalsMerger.merge(globals: template.globals(for: "HttpApi"), into: resource.properties)
        let reader = PropertyReader(
            template: template, resolver: resolver, logicalId: resource.logicalId, properties: merged)
        logicalId = resource.logicalId
        condition = resource.condition
        properties = merged
        stageName = try reader.string("StageName") ?? "$default"
        corsConfiguration = reader.raw("CorsConfiguration").map(resolver.resolvePartially)
        guard try reader.map("Auth") != nil else { return }
        var authorizers: [HttpApiAuthorizer] = []
        for entry in try reader.map("Auth.Authorizers") ?? [:] {
            let path = "Auth.Authorizers.\(entry.key)"
            guard entry.value.mapValue != nil else {
                throw reader.invalid(path, "must be a mapping (found \(entry.value.kindDescription))")
            }
            var jwt: HttpApiAuthorizer.JWTConfiguration?
            if try reader.map(path + ".JwtConfiguration") != nil {
                // SAM documents lowercase `issuer`/`audience`; accept the capitalised spelling too.
                let issuer = try reader.string(path + ".JwtConfiguration.issuer")
                    ?? reader.string(path + ".JwtConfiguration.Issuer")
                let audience = try reader.stringList(path + ".JwtConfiguration.audience")
                    ?? reader.stringList(path + ".JwtConfiguration.Audience") ?? []
                jwt = .init(issuer: issuer, audience: audience)
            }
            authorizers.append(
                HttpApiAuthorizer(
                    name: entry.key, jwtConfiguration: jwt,
                    identitySource: try reader.string(path + ".IdentitySource"),
                    authorizationScopes: try reader.stringList(path + ".AuthorizationScopes") ?? [],
                    functionArn: reader.raw(path + ".FunctionArn").map(resolver.resolvePartially)))
        }
        auth = HttpApiAuth(
            defaultAuthorizer: try reader.string("Auth.DefaultAuthorizer"), authorizers: authorizers,
            enableIamAuthorizer: try reader.bool("Auth.EnableIamAuthorizer") ?? false)
    }
}

/// An HttpApi's `Auth` section.
public struct HttpApiAuth: Sendable, Hashable {
    /// `DefaultAuthorizer`: the authorizer applied to routes without their own `Auth.Authorizer`.
    public var defaultAuthorizer: String?
    /// `Authorizers`, in template order.
    public var authorizers: [HttpApiAuthorizer]
    /// `EnableIamAuthorizer`.
    public var enableIamAuthorizer: Bool

    /// The authorizer with this name.
    public func authorizer(named name: String) -> HttpApiAuthorizer? { authorizers.first { $0.name == name } }
}

/// One entry of `Auth.Authorizers`: a JWT authorizer (`JwtConfiguration`) or a Lambda authorizer (`FunctionArn`).
public struct HttpApiAuthorizer: Sendable, Hashable {
    /// A JWT authorizer's `JwtConfiguration`.
    public struct JWTConfiguration: Sendable, Hashable {
        /// `issuer` (the token's `iss`).
        public var issuer: String?
        /// `audience` (accepted `aud` values).
        public var audience: [String]
    }

    /// The authorizer's name (its key).
    public var name: String
    /// Set for JWT authorizers.
    public var jwtConfiguration: JWTConfiguration?
    /// `IdentitySource` (for example `$request.header.Authorization`).
    public var identitySource: String?
    /// `AuthorizationScopes`.
    public var authorizationScopes: [String]
    /// `FunctionArn` of a Lambda authorizer, resolved where possible.
    public var functionArn: TemplateValue?

    /// Whether this is a JWT authorizer.
    public var isJWT: Bool { jwtConfiguration != nil }
}
