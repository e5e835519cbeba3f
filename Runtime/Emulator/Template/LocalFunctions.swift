import Foundation
import SluiceTemplate

/// Warm pools for every function of a template, reachable by logical id and by `FunctionName`.
public struct LocalFunctions: Sendable {
    public let pools: [String: FunctionPool]
    private let all: [FunctionPool]

    /// Builds the functions (unless `build` is false) and prepares a pool for each; logs of a function
    /// go to standard error prefixed with `[LogicalId]`.
    public init(template: TemplateFunctions, build: Bool, maximumConcurrency: Int) throws {
        let functions = try template.functions()
        if build { try template.build(functions) }
        var pools: [String: FunctionPool] = [:]
        var all: [FunctionPool] = []
        for function in functions {
            let name = function.logicalId
            let logs = LogSink.lines { FileHandle.standardError.write(Data("[\(name)] \($0)\n".utf8)) }
            let pool = FunctionPool(
                configuration: try template.configuration(for: function, logs: logs), maximumConcurrency: maximumConcurrency)
            pools[name] = pool
            if let physical = function.functionName, physical != name { pools[physical] = pool }
            all.append(pool)
        }
        self.pools = pools
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
