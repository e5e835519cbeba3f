import SluiceJSON

/// Limits of task fields.
public enum TaskLimits {
    public static let title = 1...200
    public static let description = 0...4000
    public static let tag = 1...50
    public static let maxTags = 20
    public static let metadataBytes = 16 * 1024
}

/// The body of `POST /users/{userId}/tasks`.
public struct NewTask: Sendable, Hashable {
    public var title: String
    public var description: String?
    public var status: TaskStatus
    public var priority: TaskPriority
    public var dueDate: String?
    public var tags: Set<String>
    public var metadata: JSONObject

    static let fields: Set<String> = ["title", "description", "status", "priority", "dueDate", "tags", "metadata"]

    /// Validates a request body: `title` required; `status` defaults to `pending`, `priority` to `medium`.
    public init(body: [UInt8]) throws(APIError) {
        var reader = try FieldReader(bytes: body, allowed: Self.fields)
        let fields = TaskFields(&reader)
        if !reader.has("title") { reader.fail(.missingField("title")) }
        try reader.finish()
        guard let title = fields.title else { throw .missingField("title") }
        self.title = title
        description = fields.description ?? nil
        status = fields.status ?? .pending
        priority = fields.priority ?? .medium
        dueDate = fields.dueDate ?? nil
        tags = fields.tags ?? []
        metadata = fields.metadata ?? [:]
    }
}

/// The body of `PATCH /users/{userId}/tasks/{taskId}`: only the fields present change; `null` clears
/// `description`, `dueDate` and `metadata`, and `[]` clears `tags`.
public struct TaskPatch: Sendable, Hashable {
    public var title: String?
    public var description: String??
    public var status: TaskStatus?
    public var priority: TaskPriority?
    public var dueDate: String??
    public var tags: Set<String>?
    public var metadata: JSONObject?

    /// Validates a request body; read-only fields (`id`, `userId`, `version`, timestamps) are unknown fields.
    public init(body: [UInt8]) throws(APIError) {
        var reader = try FieldReader(bytes: body, allowed: NewTask.fields)
        let fields = TaskFields(&reader)
        try reader.finish()
        title = fields.title
        description = fields.description
        status = fields.status
        priority = fields.priority
        dueDate = fields.dueDate
        tags = fields.tags
        metadata = fields.metadata
    }

    /// The task with this patch applied (the status transition is checked by the caller).
    func applied(to task: TaskItem) -> TaskItem {
        var result = task
        if let title { result.title = title }
        if let description { result.description = description }
        if let status { result.status = status }
        if let priority { result.priority = priority }
        if let dueDate { result.dueDate = dueDate }
        if let tags { result.tags = tags }
        if let metadata { result.metadata = metadata }
        return result
    }
}

/// The fields shared by create and patch, read once.
struct TaskFields {
    var title: String?
    var description: String??
    var status: TaskStatus?
    var priority: TaskPriority?
    var dueDate: String??
    var tags: Set<String>?
    var metadata: JSONObject?

    init(_ reader: inout FieldReader) {
        if case .some(.some(let title)) = reader.string("title", length: TaskLimits.title) { self.title = title }
        description = reader.string("description", length: TaskLimits.description, nullable: true, trim: false)
        status = reader.choice("status", TaskStatus.self, choices: TaskStatus.choices)
        priority = reader.choice("priority", TaskPriority.self, choices: TaskPriority.choices)
        dueDate = reader.date("dueDate")
        tags = reader.stringSet("tags", length: TaskLimits.tag, maxCount: TaskLimits.maxTags)
        metadata = reader.metadata("metadata", maxBytes: TaskLimits.metadataBytes)
    }
}
