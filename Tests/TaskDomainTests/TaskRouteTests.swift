import SluiceJSON
import TaskDomain
import Testing

@Suite struct TaskRouteTests {
    @Test func createReadPatchDelete() async throws {
        let h = try await Harness()
        await h.register("u1")
        let created = await h.call("POST", "/users/u1/tasks", body: """
            {"title":" Write docs ","description":"all of them","priority":"high","dueDate":"2026-02-28",
             "tags":["docs","b","docs"],"metadata":{"points":3,"nested":{"ok":true,"list":[1,"x",null]},"ratio":1.25}}
            """)
        #expect(created.status == 201, "\(created.body)")
        let id = try #require(created.json["id"]?.stringValue)
        #expect(created.response.header("location") == "/users/u1/tasks/\(id)")
        #expect(created.etag == "\"1\"")
        #expect(created.json["title"] == "Write docs" && created.json["status"] == "pending" && created.json["priority"] == "high")
        #expect(created.json["tags"] == ["b", "docs"])
        #expect(created.json["metadata"]?["nested"]?["list"] == [1, "x", nil])
        #expect(created.json["metadata"]?["ratio"]?.doubleValue == 1.25)

        let read = await h.call("GET", "/users/u1/tasks/\(id)")
        #expect(read.status == 200 && read.json["metadata"] == created.json["metadata"] && read.json["userId"] == "u1")

        let patched = await h.call("PATCH", "/users/u1/tasks/\(id)", body: #"{"status":"in_progress","dueDate":null,"tags":[],"metadata":null,"description":null}"#,
                                   headers: ["If-Match": "\"1\""])
        #expect(patched.status == 200 && patched.etag == "\"2\"")
        #expect(patched.json["dueDate"] == nil && patched.json["description"] == nil && patched.json["tags"] == [] && patched.json["metadata"] == [:])
        #expect(patched.json["status"] == "in_progress")

        expectError(await h.call("DELETE", "/users/u1/tasks/\(id)", headers: ["If-Match": "\"1\""]), 412, "precondition_failed")
        #expect(await h.call("DELETE", "/users/u1/tasks/\(id)", headers: ["If-Match": "\"2\""]).status == 204)
        expectError(await h.call("GET", "/users/u1/tasks/\(id)"), 404, "not_found")
        expectError(await h.call("DELETE", "/users/u1/tasks/\(id)"), 404, "not_found")
        expectError(await h.call("PATCH", "/users/u1/tasks/\(id)", body: #"{"title":"x"}"#), 404, "not_found")
    }

    @Test func accessToTasks() async throws {
        let h = try await Harness()
        await h.register("u1")
        await h.register("u2")
        let tid = await h.addTask("u1")
        expectError(await h.call("GET", "/users/u1/tasks/\(tid)", as: .user("u2")), 403, "forbidden")
        expectError(await h.call("GET", "/users/u1/tasks", as: .user("u2")), 403, "forbidden")
        expectError(await h.call("POST", "/users/u1/tasks", body: #"{"title":"x"}"#, as: .user("u2")), 403, "forbidden")
        expectError(await h.call("PATCH", "/users/u1/tasks/\(tid)", body: #"{"title":"x"}"#, as: .user("u2")), 403, "forbidden")
        expectError(await h.call("DELETE", "/users/u1/tasks/\(tid)", as: .user("u2")), 403, "forbidden")
        expectError(await h.call("GET", "/users/u2/tasks/\(tid)", as: .user("u2")), 404, "not_found")
        expectError(await h.call("GET", "/tasks?status=pending", as: .user("u1")), 403, "forbidden")
        expectError(await h.call("GET", "/users/u1/tasks", as: nil), 401, "unauthorized")
        #expect(await h.call("GET", "/users/u1/tasks/\(tid)", as: .admin("root")).status == 200)
        #expect(await h.call("PATCH", "/users/u1/tasks/\(tid)", body: #"{"title":"by admin"}"#, as: .admin("root")).status == 200)
    }

    @Test func routesAndMethods() async throws {
        let h = try await Harness()
        expectError(await h.call("GET", "/nope"), 404, "not_found")
        expectError(await h.call("GET", "/users/u1/tasks/t1/extra"), 404, "not_found")
        expectError(await h.call("PUT", "/users/u1"), 405, "method_not_allowed")
        expectError(await h.call("DELETE", "/tasks", as: .admin("root")), 405, "method_not_allowed")
        expectError(await h.call("GET", "/users/a%23b"), 400, "invalid_value", field: "userId")
        expectError(await h.call("GET", "/users/bad%zz"), 404, "not_found")
        // The UsersAPI function serves only the user routes, TasksAPI only the task routes.
        let usersOnly = TaskAPI(service: h.engine, tableName: h.tableName, cursorSecret: cursorSecret, surface: .users)
        #expect(await usersOnly.respond(to: request("GET", "/users/u1/tasks")).statusCode == 404)
        let tasksOnly = TaskAPI(service: h.engine, tableName: h.tableName, cursorSecret: cursorSecret, surface: .tasks)
        #expect(await tasksOnly.respond(to: request("GET", "/users/u1")).statusCode == 404)
        #expect(await tasksOnly.respond(to: request("GET", "/users/u1/tasks")).statusCode == 404)  // no profile yet
    }

    /// The whole transition table: allowed moves succeed, every other one is 409.
    @Test(arguments: TaskStatus.allCases)
    func lifecycle(from: TaskStatus) async throws {
        let h = try await Harness()
        await h.register("u1")
        let allowed: [TaskStatus: Set<TaskStatus>] = [
            .pending: [.pending, .inProgress, .cancelled], .inProgress: [.inProgress, .done, .cancelled],
            .done: [.done], .cancelled: [.cancelled],
        ]
        for to in TaskStatus.allCases {
            let tid = await h.addTask("u1", #""title":"t","status":"\#(from.rawValue)""#)
            let reply = await h.call("PATCH", "/users/u1/tasks/\(tid)", body: #"{"status":"\#(to.rawValue)"}"#)
            if allowed[from]!.contains(to) {
                #expect(reply.status == 200 && reply.json["status"] == JSONValue.string(to.rawValue), "\(from) → \(to): \(reply.body)")
            } else {
                expectError(reply, 409, "illegal_transition", field: "status")
            }
            #expect(from.canTransition(to: to) == allowed[from]!.contains(to))
        }
    }

    @Test func listFiltersAndStatusIndex() async throws {
        let h = try await Harness()
        await h.register("u1")
        await h.register("u2")
        await h.addTask("u1", #""title":"a","dueDate":"2026-01-10","tags":["home"]"#)
        await h.addTask("u1", #""title":"b","dueDate":"2026-02-10","status":"in_progress","tags":["work"]"#)
        await h.addTask("u1", #""title":"c","tags":["work","home"]"#)
        await h.addTask("u2", #""title":"d","dueDate":"2026-01-05""#)
        await h.addTask("u2", #""title":"e","dueDate":"2026-03-01""#)

        func titles(_ path: String, as caller: Caller = .user("u1")) async -> [String] {
            let reply = await h.call("GET", path, as: caller)
            #expect(reply.status == 200, "\(path): \(reply.body)")
            return reply.items.compactMap { $0["title"]?.stringValue }
        }
        #expect(await titles("/users/u1/tasks") == ["a", "b", "c"])
        #expect(await titles("/users/u1/tasks?status=pending") == ["a", "c"])
        #expect(await titles("/users/u1/tasks?dueBefore=2026-02-01") == ["a"])
        #expect(await titles("/users/u1/tasks?dueAfter=2026-01-10") == ["b"])
        #expect(await titles("/users/u1/tasks?tag=home") == ["a", "c"])
        #expect(await titles("/users/u1/tasks?tag=work&status=in_progress") == ["b"])
        // Across users, through GSI1, by due date (undated last).
        let admin = Caller.admin("root")
        #expect(await titles("/tasks?status=pending", as: admin) == ["d", "a", "e", "c"])
        #expect(await titles("/tasks?status=pending&dueBefore=2026-02-01", as: admin) == ["d", "a"])
        #expect(await titles("/tasks?status=pending&dueAfter=2026-01-05", as: admin) == ["a", "e"])
        #expect(await titles("/tasks?status=pending&dueAfter=2026-01-05&dueBefore=2026-03-01", as: admin) == ["a"])
        #expect(await titles("/tasks?status=in_progress", as: admin) == ["b"])
        // A status change moves the task in the index.
        let bid = await h.call("GET", "/users/u1/tasks?status=in_progress").items.first?["id"]?.stringValue ?? ""
        #expect(await h.call("PATCH", "/users/u1/tasks/\(bid)", body: #"{"status":"done"}"#).status == 200)
        #expect(await titles("/tasks?status=in_progress", as: admin) == [])
        #expect(await titles("/tasks?status=done", as: admin) == ["b"])
        // Query parameter errors.
        expectError(await h.call("GET", "/tasks", as: admin), 400, "missing_field", field: "status")
        expectError(await h.call("GET", "/tasks?status=later", as: admin), 400, "invalid_value", field: "status")
        expectError(await h.call("GET", "/users/u1/tasks?dueBefore=2026-02-30"), 400, "invalid_value", field: "dueBefore")
        expectError(await h.call("GET", "/users/u1/tasks?limit=0"), 400, "invalid_value", field: "limit")
        expectError(await h.call("GET", "/users/u1/tasks?limit=many"), 400, "invalid_type", field: "limit")
        expectError(await h.call("GET", "/users/u1/tasks?sort=title"), 400, "unknown_field", field: "sort")
        expectError(await h.call("GET", "/users?includeDeleted=yes", as: admin), 400, "invalid_type", field: "includeDeleted")
    }
}
