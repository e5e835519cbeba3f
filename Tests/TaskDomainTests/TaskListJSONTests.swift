import SluiceJSON
@testable import TaskDomain
import Testing

/// A page of tasks written directly is the same text the `JSONValue` path writes.
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

    @Test(arguments: [nil, "cursor \"x\""] as [String?])
    func directListMatchesTheJSONValuePath(cursor: String?) {
        for count in 0...Self.tasks.count {
            let tasks = Array(Self.tasks.prefix(count))
            let direct = Responses.list(tasks, nextCursor: cursor)
            let tree = Responses.list(tasks.map(\.json), nextCursor: cursor)
            #expect(direct.body == tree.body)
            #expect(direct.statusCode == tree.statusCode && direct.headers == tree.headers)
        }
    }
}
