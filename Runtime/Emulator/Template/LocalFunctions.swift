import Foundation
import SluiceTemplate

/// Warm pools for every function of a template, reachable by logical id and by `FunctionName`.
public struct LocalFunctions: Sendable {
    public let pools: [String: FunctionPool]
    /// One pool per function, by logical id (without the `FunctionName` aliases).
    public let byLogicalId: [String: FunctionPool]
    private let all: [FunctionPool]

    /// Builds the functions (unless `build` is false) and prepares a pool for each; logs of a function
    /// go to standard error prefixed with `[LogicalId]`. `environment` is added to every function's
    /// environment (for `sluice dev`: the local DynamoDB endpoint, the lake folder), overriding the template.
    public init(
        template: TemplateFunctions, build: Bool, maximumConcurrency: Int, environment: [String: String] = [:],
        logs: (@Sendable (String, String) -> Void)? = nil
    ) throws {
        let functions = try template.functions()
        if build { try template.build(functions) }
        var pools: [String: FunctionPool] = [:]
        var byLogicalId: [String: FunctionPool] = [:]
        var all: [FunctionPool] = []
        for function in functions {
            let name = function.logicalId
            let sink: LogSink
            if let logs {
                sink = .lines { logs(name, $0) }
            } else {
                sink = .lines { LogSink.writeToStandardError("[\(name)] \($0)\n") }
            }
            var configuration = try template.configuration(for: function, logs: sink)
            configuration.environment.merge(environment) { _, new in new }
            let pool = FunctionPool(configuration: configuration, maximumConcurrency: maximumConcurrency)
            pools[name] = pool
            byLogicalId[name] = pool
            if let physical = function.functionName, physical != name { pools[physical] = pool }
            all.append(pool)
        }
        self.pools = pools
        self.byLogicalId = byLogicalId
        self.all = all
    }

    /// Stops every function process.
    public func shutdown() async {
        for pool in all { await pool.shutdown() }
    }
}

extension TemplateFunctions {
    /// The HTTP API routes of every function's `HttpApi` events, with their JWT authorizers.
    public func httpRoutes() throws -> [HTTPAPIRoute] {
        let apis = try template.httpApis(resolver: resolver)
        var routes: [HTTPAPIRoute] = []
        for function in try functions() {
            for event in function.events(ofType: "HttpApi") {
                let api = apis.first { $0.logicalId == event.apiLogicalId } ?? (event.apiLogicalId == nil && apis.count == 1 ? apis.first : nil)
                let name = event.authorizer ?? api?.auth?.defaultAuthorizer
                var authorizer: JWTAuthorizer?
                if let name, name != "NONE", let declared = api?.auth?.authorizer(named: name) {
                    authorizer = JWTAuthorizer(
                        name: name, issuer: declared.jwtConfiguration?.issuer, audience: declared.jwtConfiguration?.audience ?? [])
                }
                let path = event.path ?? "$default"
                routes.append(HTTPAPIRoute(method: event.method ?? "ANY", path: path, function: function.logicalId, authorizer: authorizer))
            }
        }
        return routes
    }

    /// The first JWT authorizer the template declares (for `sluice token`'s issuer and audience).
    public func firstJWTAuthorizer() throws -> JWTAuthorizer? {
        try httpRoutes().lazy.compactMap(\.authorizer).first
    }
}
