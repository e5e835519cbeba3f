import DynamoModel
import LambdaEvents
import SluiceJSON

/// `/users/{userId}/tasks…` and `/tasks`.
extension Call {
    /// `POST /users/{userId}/tasks`.
    func createTask(_ userId: String) async throws(APIError) -> APIGatewayV2Response {
        let input = try NewTask(body: body())
        _ = try await liveUser(userId)
        let now = api.environment.now()
        let task = TaskItem(
            id: api.environment.newID(), userId: userId, title: input.title, description: input.description,
            status: input.status, priority: input.priority, dueDate: input.dueDate, tags: input.tags,
            metadata: input.metadata, createdAt: now, updatedAt: now, version: 1)
        try await api.tasks.create(task)
        return Responses.task(201, task, location: "/users/\(userId)/tasks/\(task.id)")
    }

    /// `GET /users/{userId}/tasks`: `status`, `dueBefore`, `dueAfter`, `tag`, `limit`, `cursor`.
    func listTasks(_ userId: String) async throws(APIError) -> APIGatewayV2Response {
        let query = try QueryParameters(request, allowed: ["status", "dueBefore", "dueAfter", "tag", "limit", "cursor"])
        let filter = TaskFilter(
            status: try query.status(), dueBefore: try query.date("dueBefore"), dueAfter: try query.date("dueAfter"),
            tag: try query.tag())
        let limit = try query.limit()
        let scope = query.scope("tasks:" + userId)
        let page: (tasks: [TaskItem], next: Item?)
        if let cursor = query.values["cursor"] {
            let start = try api.cursors.decode(cursor, scope: scope)
            _ = try await liveUser(userId)
            page = try await api.tasks.list(userId: userId, filter: filter, limit: limit, after: start)
        } else {
            // The profile comes with the first page (one Query): a missing or deleted user is a 404 as before.
            let first = try await api.tasks.firstPage(userId: userId, filter: filter, limit: limit)
            guard let owner = first.owner, !owner.isDeleted else { throw .notFound("User") }
            page = (first.tasks, first.next)
        }
        return Responses.list(page.tasks, nextCursor: page.next.map { api.cursors.encode($0, scope: scope) })
    }

    /// `GET /tasks?status=…&dueBefore=…&dueAfter=…` (admins): every user's tasks with one status, by due date.
    func listTasksByStatus() async throws(APIError) -> APIGatewayV2Response {
        try requireAdmin()
        let query = try QueryParameters(request, allowed: ["status", "dueBefore", "dueAfter", "limit", "cursor"])
        guard let status = try query.status() else { throw .missingField("status") }
        let before = try query.date("dueBefore"), after = try query.date("dueAfter")
        let limit = try query.limit()
        let scope = query.scope("tasks-by-status")
        let start = try query.values["cursor"].map { (c) throws(APIError) in try api.cursors.decode(c, scope: scope) }
        let page = try await api.tasks.list(status: status, dueBefore: before, dueAfter: after, limit: limit, after: start)
        return Responses.list(page.tasks, nextCursor: page.next.map { api.cursors.encode($0, scope: scope) })
    }

    /// `GET /users/{userId}/tasks/{taskId}`.
    func getTask(_ userId: String, _ taskId: String) async throws(APIError) -> APIGatewayV2Response {
        let task = try await existingTask(userId, taskId)
        return Responses.task(200, task)
    }

    /// `PATCH /users/{userId}/tasks/{taskId}`: any field; status changes follow the lifecycle (409 otherwise).
    func patchTask(_ userId: String, _ taskId: String) async throws(APIError) -> APIGatewayV2Response {
        let patch = try TaskPatch(body: body())
        let current = try await existingTask(userId, taskId)
        try precondition.check(current: current.version)
        if let status = patch.status, !current.status.canTransition(to: status) {
            throw .illegalTransition(from: current.status, to: status)
        }
        var updated = patch.applied(to: current)
        if updated == current { return Responses.task(200, current) }
        updated.version += 1
        updated.updatedAt = api.environment.now()
        do { try await api.tasks.replace(updated, expectedVersion: current.version) } catch { throw conflict(error) }
        return Responses.task(200, updated)
    }

    /// `DELETE /users/{userId}/tasks/{taskId}`: removes the item.
    func deleteTask(_ userId: String, _ taskId: String) async throws(APIError) -> APIGatewayV2Response {
        let current = try await existingTask(userId, taskId)
        try precondition.check(current: current.version)
        do {
            try await api.tasks.delete(userId: userId, taskId: taskId, expectedVersion: current.version)
        } catch { throw conflict(error) }
        return Responses.noContent()
    }

    /// The task of a live user, or 404.
    func existingTask(_ userId: String, _ taskId: String) async throws(APIError) -> TaskItem {
        _ = try await liveUser(userId)
        guard let task = try await api.tasks.get(userId: userId, taskId: taskId) else { throw .notFound("Task") }
        return task
    }
}
