import DynamoAPI
import DynamoModel

/// Filters of a user's task listing (`GET /users/{userId}/tasks`).
public struct TaskFilter: Sendable, Hashable {
    public var status: TaskStatus?
    /// Only tasks due strictly before this date.
    public var dueBefore: String?
    /// Only tasks due strictly after this date.
    public var dueAfter: String?
    public var tag: String?

    public init(status: TaskStatus? = nil, dueBefore: String? = nil, dueAfter: String? = nil, tag: String? = nil) {
        self.status = status
        self.dueBefore = dueBefore
        self.dueAfter = dueAfter
        self.tag = tag
    }
}

/// Tasks: one item per task in its user's partition, indexed by status and due date on GSI1.
///
/// Writes are conditioned on the stored `version`, so a write based on a stale read fails with
/// ``APIError/versionConflict`` instead of overwriting.
public struct TaskRepository: Sendable {
    let table: TableGateway

    public init(service: any DynamoDBService, tableName: String) {
        table = TableGateway(service: service, tableName: tableName)
    }

    public func get(userId: String, taskId: String) async throws(APIError) -> TaskItem? {
        guard let item = try await table.get(TableDesign.taskKey(userId: userId, taskId: taskId)) else { return nil }
        return try ItemMapping.task(from: item)
    }

    /// Writes a new task (never replacing one).
    public func create(_ task: TaskItem) async throws(APIError) {
        try await put(task, condition: "attribute_not_exists(PK)", names: nil, values: nil)
    }

    /// Replaces the task stored at `expectedVersion` by `task`.
    public func replace(_ task: TaskItem, expectedVersion: Int) async throws(APIError) {
        try await put(
            task, condition: "attribute_exists(PK) AND " + TableGateway.versionCondition,
            names: TableGateway.versionNames, values: TableGateway.versionValues(expectedVersion))
    }

    /// Deletes the task if it is still at `expectedVersion`.
    public func delete(userId: String, taskId: String, expectedVersion: Int) async throws(APIError) {
        do throws(DynamoError) {
            _ = try await table.service.deleteItem(DeleteItemInput(
                tableName: table.tableName, key: TableDesign.taskKey(userId: userId, taskId: taskId),
                conditionExpression: "attribute_exists(PK) AND " + TableGateway.versionCondition,
                expressionAttributeNames: TableGateway.versionNames,
                expressionAttributeValues: TableGateway.versionValues(expectedVersion)))
        } catch .conditionalCheckFailedException {
            throw .versionConflict
        } catch { throw TableGateway.unexpected(error) }
    }

    /// One page of a user's tasks in id order, filtered, continuing after `start` (a cursor's key).
    public func list(userId: String, filter: TaskFilter, limit: Int, after start: Item) async throws(APIError)
        -> (tasks: [TaskItem], next: Item?)
    {
        var input = userQuery(userId: userId, filter: filter, withProfile: false)
        input.exclusiveStartKey = start
        return try await page(input, limit: limit)
    }

    /// The first page of a user's tasks together with the user's profile, in one Query instead of a GetItem
    /// and a Query: in the user's partition `PROFILE` sorts before every `TASK#…` key, so the profile is
    /// the first item (a filter lets it through by its `entity`). `owner` is nil when there is no profile.
    public func firstPage(userId: String, filter: TaskFilter, limit: Int) async throws(APIError)
        -> (owner: User?, tasks: [TaskItem], next: Item?)
    {
        let input = userQuery(userId: userId, filter: filter, withProfile: true)
        var page = try await table.collect(input, limit: limit + 1)  // one more: the profile
        var owner: User?
        if let first = page.items.first, first[TableDesign.sortKey] == .s(TableDesign.profileSortKey) {
            owner = try ItemMapping.user(from: first)
            page.items.removeFirst()
        }
        var tasks: [TaskItem] = []
        for item in page.items { tasks.append(try ItemMapping.task(from: item)) }
        return (owner, tasks, page.next)
    }

    /// The Query of a user's tasks (with the profile ahead of them when `withProfile`), filtered.
    func userQuery(userId: String, filter: TaskFilter, withProfile: Bool) -> QueryInput {
        var conditions: [String] = []
        var names: [String: String] = [:]
        var values: Item = [":pk": .s(TableDesign.userPartition(userId))]
        if let status = filter.status {
            conditions.append("#status = :status")
            names["#status"] = "status"
            values[":status"] = .s(status.rawValue)
        }
        if let before = filter.dueBefore {
            conditions.append("dueDate < :before")
            values[":before"] = .s(before)
        }
        if let after = filter.dueAfter {
            conditions.append("dueDate > :after")
            values[":after"] = .s(after)
        }
        if let tag = filter.tag {
            conditions.append("contains(tags, :tag)")
            values[":tag"] = .s(tag)
        }
        let key: String
        var filterExpression = conditions.isEmpty ? nil : conditions.joined(separator: " AND ")
        if withProfile {
            key = "PK = :pk AND SK BETWEEN :profile AND :tasksEnd"
            values[":profile"] = .s(TableDesign.profileSortKey)
            values[":tasksEnd"] = .s(TableDesign.taskSortKeyUpperBound)
            if let tasksFilter = filterExpression {
                filterExpression = "#entity = :user OR (\(tasksFilter))"
                names["#entity"] = "entity"
                values[":user"] = .s("user")
            }
        } else {
            key = "PK = :pk AND begins_with(SK, :task)"
            values[":task"] = .s(TableDesign.taskSortKey(""))
        }
        return QueryInput(
            tableName: table.tableName, keyConditionExpression: key, filterExpression: filterExpression,
            expressionAttributeNames: names.isEmpty ? nil : names, expressionAttributeValues: values)
    }

    /// One page of every user's tasks with `status`, by due date (undated last), through GSI1.
    public func list(status: TaskStatus, dueBefore: String?, dueAfter: String?, limit: Int, after start: Item?)
        async throws(APIError) -> (tasks: [TaskItem], next: Item?)
    {
        var key = "GSI1PK = :p"
        var values: Item = [":p": .s(TableDesign.statusPartition(status))]
        // GSI1SK = <dueDate>#<id>: "D$" sorts after every "D#…", "D" before; NODUE sorts after all dates.
        switch (dueAfter, dueBefore) {
        case (let after?, let before?):
            key += " AND GSI1SK BETWEEN :lo AND :hi"
            values[":lo"] = .s(after + "$")
            values[":hi"] = .s(before)
        case (let after?, nil):
            key += " AND GSI1SK BETWEEN :lo AND :hi"
            values[":lo"] = .s(after + "$")
            values[":hi"] = .s("9999-12-31$")
        case (nil, let before?):
            key += " AND GSI1SK < :hi"
            values[":hi"] = .s(before)
        case (nil, nil):
            break
        }
        let input = QueryInput(
            tableName: table.tableName, indexName: TableDesign.gsi1, keyConditionExpression: key,
            expressionAttributeValues: values, exclusiveStartKey: start)
        return try await page(input, limit: limit)
    }

    private func page(_ input: QueryInput, limit: Int) async throws(APIError) -> (tasks: [TaskItem], next: Item?) {
        let page = try await table.collect(input, limit: limit)
        var tasks: [TaskItem] = []
        for item in page.items { tasks.append(try ItemMapping.task(from: item)) }
        return (tasks, page.next)
    }

    private func put(_ task: TaskItem, condition: String, names: [String: String]?, values: Item?) async throws(APIError) {
        do throws(DynamoError) {
            _ = try await table.service.putItem(PutItemInput(
                tableName: table.tableName, item: ItemMapping.item(for: task), conditionExpression: condition,
                expressionAttributeNames: names, expressionAttributeValues: values))
        } catch .conditionalCheckFailedException {
            throw .versionConflict
        } catch { throw TableGateway.unexpected(error) }
    }
}
