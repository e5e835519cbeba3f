import LambdaRuntime
import TaskDomain

/// The UsersAPI function: `POST|GET /users`, `GET|PATCH|DELETE /users/{userId}`.
@main
struct UsersAPI {
    static func main() {
        Lambda.run { try APIFunction(surface: .users, makeService: ServiceFactory.make) }
    }
}
