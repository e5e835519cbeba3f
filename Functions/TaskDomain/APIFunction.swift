import DynamoAPI
import LambdaEvents
import LambdaRuntime

/// The Lambda handler of UsersAPI and TasksAPI: ``TaskAPI`` configured from the environment.
public struct APIFunction: LambdaHandler {
    public let api: TaskAPI

    /// Configuration problems found in the init phase.
    public enum ConfigurationError: Error, CustomStringConvertible {
        case missing(String)
        case weakSecret

        public var description: String {
            switch self {
            case .missing(let name): "The environment variable \(name) is not set"
            case .weakSecret: "CURSOR_SECRET must be at least 16 bytes"
            }
        }
    }

    public init(api: TaskAPI) { self.api = api }

    /// Reads `TABLE_NAME` and `CURSOR_SECRET` and gets the table from `makeService`.
    public init(
        surface: Route.Surface, makeService: @Sendable () throws -> any DynamoDBService = ServiceFactory.make,
        environment: (String) -> String? = Environment.value
    ) throws {
        guard let table = environment("TABLE_NAME"), !table.isEmpty else { throw ConfigurationError.missing("TABLE_NAME") }
        guard let secret = environment("CURSOR_SECRET") else { throw ConfigurationError.missing("CURSOR_SECRET") }
        guard secret.utf8.count >= 16 else { throw ConfigurationError.weakSecret }
        api = TaskAPI(service: try makeService(), tableName: table, cursorSecret: Array(secret.utf8), surface: surface)
    }

    public func handle(_ request: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
        let response = await api.respond(to: request)
        if response.statusCode >= 500 {
            context.logger.error("\(request.requestContext.http.method) \(request.rawPath) → \(response.statusCode): \(response.body ?? "")")
        }
        return response
    }
}

