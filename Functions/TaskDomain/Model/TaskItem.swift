import SluiceJSON

/// A task of one user (item `PK = USER#<userId>`, `SK = TASK#<id>`). Named `TaskItem` so it does not
/// shadow Swift's `Task`.
public struct TaskItem: Sendable, Hashable {
    public var id: String
    public var userId: String
    /// 1–200 characters.
    public var title: String
    public var description: String?
    public var status: TaskStatus
    public var priority: TaskPriority
    /// `YYYY-MM-DD`.
    public var dueDate: String?
    /// A set: no duplicates, kept sorted.
    public var tags: Set<String>
    /// A free-form JSON object, stored as a DynamoDB map.
    public var metadata: JSONObject
    public var createdAt: String
    public var updatedAt: String
    public var version: Int

    public init(
        id: String, userId: String, title: String, description: String? = nil, status: TaskStatus = .pending,
        priority: TaskPriority = .medium, dueDate: String? = nil, tags: Set<String> = [], metadata: JSONObject = [:],
        createdAt: String, updatedAt: String, version: Int
    ) {
        self.id = id
        self.userId = userId
        self.title = title
        self.description = description
        self.status = status
        self.priority = priority
        self.dueDate = dueDate
        self.tags = tags
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}
