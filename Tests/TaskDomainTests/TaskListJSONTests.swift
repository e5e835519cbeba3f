import SluiceJSON
@testable import TaskDomain
import Testing

/// Tasks are written straight to JSON bytes (`TaskItem.appendJSON`): pages and single tasks read back as the API's shape.
@Suite struct TaskListJSONTests {
    static let tasks = [
        TaskItem(id: "t1", userId: "u1", title: "Plain", createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z", version: 1),
        TaskItem(
            id: "t2", userId: "u \"quoted\" \\ back", title: "Escapes \n\t\u{07} é ✓ 😀 </script>", description: "line\r\nbreak",
            status: .inProgress, priority: .high, dueDate: "2026-02-28", tags: ["zeta", "alpha", "Émile", "a\"b"],
            metadata: ["points": .number(JSONNumber(3)), "nested": .object(["ok": .bool(true), "list": .array([.number(JSONNumber(1)), .string("x"), .null])]),
                       "ratio": .number(JSONNumber("1.25")!), "empty": .object([:]), "text": .string("\u{1F} control")],
            createdAt: "2026-01-02T03:04:05Z", updatedAt: "2026-01-03T03:04:05Z", version: 12_345),
        TaskItem(id: "t3", userId: "u1", title: "", description: "", dueDate: "", tags: [""], createdAt: "", updatedAt: "", version: -1),
    ]

    /// What a task's JSON must read as: the API's fields, optional ones only when set, tags sorted.
    static func expected(_ task: TaskItem) -> JSONValue {
        var object: JSONObject = ["id": .string(task.id), "userId": .string(task.userId), "title": .string(task.title)]
        if let description = task.description { object.append(key: "description", value: .string(description)) }
        object.append(key: "status", value: .string(task.status.rawValue))
        object.append(key: "priority", value: .string(task.priority.rawValue))
        if let dueDate = task.dueDate { object.append(key: "dueDate", value: .string(dueDate)) }
        object.append(key: "tags", value: .array(task.tags.sorted().map { .string($0) }))
        object.append(key: "metadata", value: .object(task.metadata))
        object.append(key: "createdAt", value: .string(task.createdAt))
        object.append(key: "updatedAt", value: .string(task.updatedAt))
        object.append(key: "version", value: .number(JSONNumber(task.version)))
        return .object(object)
    }

    /// A page parses to the expected items, in order and with the fields in order (escapes, non-ASCII,
    /// control characters and nested metadata included), and carries `nextCursor` only when given.
    @Test(arguments: [nil, "cursor \"x\""] as [String?])
    func aPageReadsAsItsTasks(cursor: String?) throws {
        for count in 0...Self.tasks.count {
            let tasks = Array(Self.tasks.prefix(count))
            let page = Responses.list(tasks, nextCursor: cursor)
            var object: JSONObject = ["items": .array(tasks.map(Self.expected))]
            if let cursor { object.append(key: "nextCursor", value: .string(cursor)) }
            let parsed = try JSONValue(parsing: page.body ?? "")
            #expect(parsed == .object(object))
            #expect(parsed.jsonString() == page.body, "not the compact form with fields in order")
            #expect(page.statusCode == 200 && page.headers == ["content-type": "application/json"])
        }
    }

    @Test func oneTaskCarriesItsVersionAndLocation() throws {
        for task in Self.tasks {
            let reply = Responses.task(201, task, location: "/users/u1/tasks/" + task.id)
            #expect(try JSONValue(parsing: reply.body ?? "") == Self.expected(task))
            #expect(reply.statusCode == 201 && reply.headers?["etag"] == "\"\(task.version)\"")
            #expect(reply.headers?["location"] == "/users/u1/tasks/" + task.id)
        }
    }
}
