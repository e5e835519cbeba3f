import DynamoModel
import SluiceJSON

/// Users and tasks to and from DynamoDB items (by hand: no Codable on the hot path, and the key
/// attributes are derived, not stored fields of the model).
enum ItemMapping {
    // MARK: Users

    static func item(for user: User) -> Item {
        var item: Item = TableDesign.profileKey(user.id)
        item["entity"] = .s("user")
        item["id"] = .s(user.id)
        item["email"] = .s(user.email)
        item["emailLower"] = .s(user.normalizedEmail)
        item["name"] = .s(user.name)
        item["roles"] = .ss(user.roles.sorted().map(\.rawValue))
        item["createdAt"] = .s(user.createdAt)
        item["updatedAt"] = .s(user.updatedAt)
        if let deletedAt = user.deletedAt { item["deletedAt"] = .s(deletedAt) }
        item["version"] = .n(String(user.version))
        item[TableDesign.gsi1PartitionKey] = .s(TableDesign.usersIndexPartition)
        item[TableDesign.gsi1SortKey] = .s(user.normalizedEmail + "#" + user.id)
        return item
    }

    static func user(from item: Item) throws(APIError) -> User {
        var roles: Set<Role> = []
        if case .ss(let names)? = item["roles"] { roles = Set(names.compactMap(Role.init(rawValue:))) }
        return User(
            id: try string(item, "id"), email: try string(item, "email"), name: try string(item, "name"), roles: roles,
            createdAt: try string(item, "createdAt"), updatedAt: try string(item, "updatedAt"),
            deletedAt: optionalString(item, "deletedAt"), version: try int(item, "version"))
    }

    static func emailGuard(normalizedEmail: String, userId: String) -> Item {
        var item = TableDesign.emailKey(normalizedEmail)
        item["entity"] = .s("emailGuard")
        item["userId"] = .s(userId)
        return item
    }

    // MARK: Tasks

    static func item(for task: TaskItem) -> Item {
        var item: Item = TableDesign.taskKey(userId: task.userId, taskId: task.id)
        item["entity"] = .s("task")
        item["id"] = .s(task.id)
        item["userId"] = .s(task.userId)
        item["title"] = .s(task.title)
        if let description = task.description { item["description"] = .s(description) }
        item["status"] = .s(task.status.rawValue)
        item["priority"] = .s(task.priority.rawValue)
        if let dueDate = task.dueDate { item["dueDate"] = .s(dueDate) }
        if !task.tags.isEmpty { item["tags"] = .ss(task.tags.sorted()) }  // DynamoDB sets cannot be empty
        if !task.metadata.isEmpty { item["metadata"] = attribute(from: .object(task.metadata)) }
        item["createdAt"] = .s(task.createdAt)
        item["updatedAt"] = .s(task.updatedAt)
        item["version"] = .n(String(task.version))
        item[TableDesign.gsi1PartitionKey] = .s(TableDesign.statusPartition(task.status))
        item[TableDesign.gsi1SortKey] = .s(TableDesign.taskIndexSortKey(dueDate: task.dueDate, taskId: task.id))
        return item
    }

    static func task(from item: Item) throws(APIError) -> TaskItem {
        guard let status = TaskStatus(rawValue: try string(item, "status")),
              let priority = TaskPriority(rawValue: try string(item, "priority"))
        else { throw .internalError("Stored task has an unknown status or priority") }
        var tags: Set<String> = []
        if case .ss(let values)? = item["tags"] { tags = Set(values) }
        var metadata: JSONObject = [:]
        if let value = item["metadata"], case .object(let object) = json(from: value) { metadata = object }
        return TaskItem(
            id: try string(item, "id"), userId: try string(item, "userId"), title: try string(item, "title"),
            description: optionalString(item, "description"), status: status, priority: priority,
            dueDate: optionalString(item, "dueDate"), tags: tags, metadata: metadata,
            createdAt: try string(item, "createdAt"), updatedAt: try string(item, "updatedAt"), version: try int(item, "version"))
    }

    // MARK: JSON ⇄ attribute values

    /// JSON as a DynamoDB value: objects → M, arrays → L, numbers → N (in DynamoDB's canonical form), null → NULL.
    /// Numbers must be valid DynamoDB numbers (validation checks that first).
    static func attribute(from value: JSONValue) -> AttributeValue {
        switch value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let n): .n((try? DynamoNumber(parsing: n.text))?.description ?? n.text)
        case .string(let s): .s(s)
        case .array(let elements): .l(elements.map(attribute(from:)))
        case .object(let object): .m(Dictionary(object.map { ($0.key, attribute(from: $0.value)) }, uniquingKeysWith: { $1 }))
        }
    }

    /// A stored map back to JSON (object keys sorted, since DynamoDB maps have no order).
    static func json(from value: AttributeValue) -> JSONValue {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .n(let text): return JSONNumber(text).map(JSONValue.number) ?? .string(text)
        case .s(let s): return .string(s)
        case .l(let elements): return .array(elements.map(json(from:)))
        case .m(let map): return .object(JSONObject(map.sorted { $0.key < $1.key }.map { ($0.key, json(from: $0.value)) }))
        case .ss(let values): return .array(values.map(JSONValue.string))
        case .ns(let values): return .array(values.map { JSONNumber($0).map(JSONValue.number) ?? .string($0) })
        case .b(let bytes): return .string(Base64.encode(bytes))
        case .bs(let values): return .array(values.map { .string(Base64.encode($0)) })
        }
    }

    /// `object` as it reads back after a round trip through the table (keys sorted, numbers canonical).
    static func canonical(_ object: JSONObject) -> JSONObject {
        guard case .object(let result) = json(from: attribute(from: .object(object))) else { return object }
        return result
    }

    // MARK: Attribute access

    static func string(_ item: Item, _ name: String) throws(APIError) -> String {
        guard case .s(let value)? = item[name] else { throw .internalError("Stored item lacks string attribute \(name)") }
        return value
    }

    static func optionalString(_ item: Item, _ name: String) -> String? {
        if case .s(let value)? = item[name] { return value }
        return nil
    }

    static func int(_ item: Item, _ name: String) throws(APIError) -> Int {
        guard case .n(let text)? = item[name], let value = Int(text) else {
            throw .internalError("Stored item lacks numeric attribute \(name)")
        }
        return value
    }
}
