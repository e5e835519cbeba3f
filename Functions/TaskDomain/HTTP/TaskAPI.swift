import DynamoAPI
import LambdaEvents

/// The users & tasks HTTP API over any `DynamoDBService`: one router for both Lambda functions.
///
/// ``respond(to:)`` never throws: every failure becomes a JSON error response, and bad input is
/// always a 4xx (only a failing table gives a 5xx).
public struct TaskAPI: Sendable {
    public let users: UserRepository
    public let tasks: TaskRepository
    public let cursors: CursorCodec
    public let surface: Route.Surface
    public let environment: DomainEnvironment
    /// Bodies above this many bytes are refused with 413.
    public let maxBodyBytes: Int

    public init(
        service: any DynamoDBService, tableName: String, cursorSecret: [UInt8], surface: Route.Surface = .all,
        environment: DomainEnvironment = DomainEnvironment(), maxBodyBytes: Int = 64 * 1024
    ) {
        users = UserRepository(service: service, tableName: tableName)
        tasks = TaskRepository(service: service, tableName: tableName)
        cursors = CursorCodec(secret: cursorSecret)
        self.surface = surface
        self.environment = environment
        self.maxBodyBytes = maxBodyBytes
    }

    /// Answers one API Gateway HTTP API (payload 2.0) request.
    public func respond(to request: APIGatewayV2Request) async -> APIGatewayV2Response {
        do {
            return try await route(request)
        } catch {
            return Responses.error(error)
        }
    }

    func route(_ request: APIGatewayV2Request) async throws(APIError) -> APIGatewayV2Response {
        guard let route = Route(request: request), surface.serves(route) else { throw .notFound("Route") }
        let method = request.requestContext.http.method.uppercased()
        guard route.methods.contains(method) else { throw .methodNotAllowed(method) }
        let caller = try Identity(request: request)
        let call = Call(request: request, caller: caller, method: method, api: self)
        switch route {
        case .users:
            return method == "POST" ? try await call.createUser() : try await call.listUsers()
        case .user(let id):
            try call.authorize(id)
            switch method {
            case "GET": return try await call.getUser(id)
            case "PATCH": return try await call.patchUser(id)
            default: return try await call.deleteUser(id)
            }
        case .userTasks(let userId):
            try call.authorize(userId)
            return method == "POST" ? try await call.createTask(userId) : try await call.listTasks(userId)
        case .userTask(let userId, let taskId):
            try call.authorize(userId)
            guard Route.isValidID(taskId) else { throw .notFound("Task") }
            switch method {
            case "GET": return try await call.getTask(userId, taskId)
            case "PATCH": return try await call.patchTask(userId, taskId)
            default: return try await call.deleteTask(userId, taskId)
            }
        case .tasks:
            return try await call.listTasksByStatus()
        }
    }
}

/// One request being served: the caller, the body and the API's parts.
struct Call {
    let request: APIGatewayV2Request
    let caller: Identity
    let method: String
    let api: TaskAPI

    /// Checks a path's user id, then that the caller may act on it (403 otherwise).
    func authorize(_ userId: String) throws(APIError) {
        guard Route.isValidID(userId) else { throw .invalidValue("userId", "'userId' is not a valid id") }
        guard caller.mayAccess(userId) else { throw .forbidden() }
    }

    func requireAdmin() throws(APIError) {
        guard caller.isAdmin else { throw .forbidden("Only admins may do this") }
    }

    /// The body's bytes, within the size limit.
    func body() throws(APIError) -> [UInt8] {
        guard request.body != nil else { throw .invalidJSON("A JSON body is required") }
        if (request.body?.utf8.count ?? 0) > api.maxBodyBytes * 4 / 3 + 4 { throw .payloadTooLarge(limit: api.maxBodyBytes) }
        guard let bytes = request.bodyBytes else { throw .invalidJSON("The body is not valid base64") }
        guard bytes.count <= api.maxBodyBytes else { throw .payloadTooLarge(limit: api.maxBodyBytes) }
        return bytes
    }

    var precondition: Precondition { Precondition(request: request) }
}
