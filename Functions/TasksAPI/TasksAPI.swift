import LambdaRuntime
import TaskDomain

/// The TasksAPI function: `/users/{userId}/tasks…` and `GET /tasks`.
@main
struct TasksAPI {
    static func main() {
        Lambda.run { try APIFunction(surface: .tasks, makeService: ServiceFactory.make) }
    }
}
