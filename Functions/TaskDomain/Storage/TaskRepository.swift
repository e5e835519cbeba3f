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

    /// One page of a user's tasks in id order, filtered.
    public func list(userId: String, filter: TaskFilter, limit: Int, after start: Item?) async throws(APIError)
        -> (tasks: [TaskItem], next: Item?)
    {
        var conditions: [String] = []
        var names: [String: String] = [:]
        var values: Item = [":pk": .s(TableDesign.userPartition(userId)), ":task": .s("TASK#")]
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
        let input = QueryInput(
            tableName: table.tableName, keyConditionExpression: "PK = :pk AND begins_with(SK, :task)",
            filterExpression: conditions.isEmpty ? nil : conditions.joined(separator: " AND "),
            expressionAttributeNames: names.isEmpty ? nil : names, expressionAttributeValues: values,
            exclusiveStartKey: start)
        return try await page(input, limit: limit)
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
