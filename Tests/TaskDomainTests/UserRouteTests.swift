import SluiceJSON
import TaskDomain
import Testing

@Suite struct UserRouteTests {
    @Test func registerReadAndPatchOwnProfile() async throws {
        let h = try await Harness()
        let created = await h.register("u1", email: "Ada@Example.com", name: "Ada")
        #expect(created.response.header("location") == "/users/u1")
        #expect(created.etag == "\"1\"")
        #expect(created.json["id"] == "u1" && created.json["email"] == "Ada@Example.com" && created.json["roles"] == ["user"])
        #expect(created.response.header("content-type") == "application/json")

        let read = await h.call("GET", "/users/u1")
        #expect(read.status == 200 && read.json == created.json && read.etag == "\"1\"")

        let patched = await h.call("PATCH", "/users/u1", body: #"{"name":"Ada L."}"#)
        #expect(patched.status == 200 && patched.json["name"] == "Ada L." && patched.etag == "\"2\"")
        #expect(patched.json["version"] == 2)
        // Nothing changes: no write, same version.
        let same = await h.call("PATCH", "/users/u1", body: #"{"name":"Ada L."}"#)
        #expect(same.status == 200 && same.etag == "\"2\"")
    }

    @Test func identityAndAccess() async throws {
        let h = try await Harness()
        await h.register("u1")
        await h.register("u2")
        expectError(await h.call("GET", "/users/u1", as: nil), 401, "unauthorized")
        expectError(await h.call("GET", "/users/u1", as: .claims(["cognito:groups": "admin"])), 401, "unauthorized")
        expectError(await h.call("GET", "/users/u2", as: .user("u1")), 403, "forbidden")
        expectError(await h.call("PATCH", "/users/u2", body: #"{"name":"x"}"#, as: .user("u1")), 403, "forbidden")
        expectError(await h.call("DELETE", "/users/u2", as: .user("u1")), 403, "forbidden")
        expectError(await h.call("GET", "/users", as: .user("u1")), 403, "forbidden")
        // Someone else's missing profile is 403 (no probing), one's own is 404.
        expectError(await h.call("GET", "/users/nobody", as: .user("u1")), 403, "forbidden")
        expectError(await h.call("GET", "/users/u3", as: .user("u3")), 404, "not_found")
        // Admins: from cognito:groups as "[admin user]", plain "admin", or roles.
        for claims in [["sub": "root", "cognito:groups": "[user admin]"], ["sub": "root", "cognito:groups": "admin"],
                       ["sub": "root", "roles": "[admin]"]] {
            #expect(await h.call("GET", "/users/u2", as: .claims(claims)).status == 200)
        }
        #expect(await h.call("GET", "/users/u2", as: .claims(["sub": "x", "cognito:groups": "[administrators]"])).status == 403)
    }

    @Test func rolesAreAdminBusiness() async throws {
        let h = try await Harness()
        expectError(await h.call("POST", "/users", body: #"{"email":"a@b.io","name":"A","roles":["admin"]}"#), 403, "forbidden")
        await h.register("u1")
        expectError(await h.call("PATCH", "/users/u1", body: #"{"roles":["admin","user"]}"#), 403, "forbidden")
        #expect(await h.call("PATCH", "/users/u1", body: #"{"roles":["user"]}"#).status == 200)  // unchanged
        let promoted = await h.call("PATCH", "/users/u1", body: #"{"roles":["admin","user"]}"#, as: .admin("root"))
        #expect(promoted.status == 200 && promoted.json["roles"] == ["admin", "user"])
        // An admin creates a profile for someone else: generated id.
        let made = await h.call("POST", "/users", body: #"{"email":"new@b.io","name":"New","roles":["admin"]}"#, as: .admin("root"))
        #expect(made.status == 201 && made.json["id"] == "id-1" && made.response.header("location") == "/users/id-1")
    }

    @Test func duplicateProfileAndEmail() async throws {
        let h = try await Harness()
        await h.register("u1", email: "ada@example.com")
        expectError(await h.call("POST", "/users", body: #"{"email":"other@example.com","name":"A"}"#, as: .user("u1")), 409, "user_exists")
        expectError(await h.call("POST", "/users", body: #"{"email":"ADA@example.COM","name":"B"}"#, as: .user("u2")), 409, "email_taken", field: "email")
        await h.register("u2", email: "bob@example.com")
        expectError(await h.call("PATCH", "/users/u2", body: #"{"email":"Ada@Example.com"}"#, as: .user("u2")), 409, "email_taken")
        // Changing one's own email moves the guard: the old address is free again, the new one taken.
        #expect(await h.call("PATCH", "/users/u1", body: #"{"email":"ada2@example.com"}"#).status == 200)
        #expect(await h.call("PATCH", "/users/u2", body: #"{"email":"ada@example.com"}"#, as: .user("u2")).status == 200)
        expectError(await h.call("POST", "/users", body: #"{"email":"ADA2@example.com","name":"C"}"#, as: .user("u3")), 409, "email_taken")
        // A change of case only keeps the same guard.
        let recased = await h.call("PATCH", "/users/u1", body: #"{"email":"ADA2@example.com"}"#)
        #expect(recased.status == 200 && recased.json["email"] == "ADA2@example.com")
    }

    @Test func emailUniquenessUnderConcurrency() async throws {
        let h = try await Harness()
        let statuses = await withTaskGroup(of: Int.self) { group in
            for i in 0..<12 {
                let email = i % 2 == 0 ? "Race@Example.com" : "race@example.COM"
                group.addTask { await h.call("POST", "/users", body: #"{"email":"\#(email)","name":"R"}"#, as: .user("r\(i)")).status }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 201 }.count == 1, "\(statuses)")
        #expect(statuses.filter { $0 == 409 }.count == 11, "\(statuses)")
    }

    @Test func softDelete() async throws {
        let h = try await Harness()
        await h.register("u1", email: "gone@example.com")
        let tid = await h.addTask("u1")
        await h.addTask("u1")
        let cursor = await h.call("GET", "/users/u1/tasks?limit=1").nextCursor
        #expect(cursor != nil)
        expectError(await h.call("DELETE", "/users/u1", headers: ["If-Match": "\"7\""]), 412, "precondition_failed")
        let deleted = await h.call("DELETE", "/users/u1", headers: ["If-Match": "\"1\""])
        #expect(deleted.status == 204 && deleted.body.isEmpty)
        expectError(await h.call("GET", "/users/u1"), 404, "not_found")
        expectError(await h.call("PATCH", "/users/u1", body: #"{"name":"x"}"#), 404, "not_found")
        expectError(await h.call("DELETE", "/users/u1"), 404, "not_found")
        expectError(await h.call("GET", "/users/u1/tasks/\(tid)"), 404, "not_found")
        expectError(await h.call("POST", "/users/u1/tasks", body: #"{"title":"t"}"#), 404, "not_found")
        // The task list, first page (profile read with the tasks) and a later one (profile read alone).
        expectError(await h.call("GET", "/users/u1/tasks"), 404, "not_found")
        expectError(await h.call("GET", "/users/u1/tasks?limit=1&cursor=\(cursor ?? "")"), 404, "not_found")
        // The record is kept (admins see it, with deletedAt) and the email is free again.
        let kept = await h.call("GET", "/users/u1", as: .admin("root"))
        #expect(kept.status == 200 && kept.json["deletedAt"] != nil && kept.json["version"] == 2)
        await h.register("u9", email: "GONE@example.com")
        let listed = await h.call("GET", "/users", as: .admin("root"))
        #expect(listed.items.map { $0["id"] } == ["u9"])
        let all = await h.call("GET", "/users?includeDeleted=true", as: .admin("root"))
        #expect(all.items.count == 2)
        // Re-registering the deleted id is refused: the record still exists.
        expectError(await h.call("POST", "/users", body: #"{"email":"x@example.com","name":"x"}"#, as: .user("u1")), 409, "user_exists")
    }

    @Test func ifMatchOnUsers() async throws {
        let h = try await Harness()
        await h.register("u1")
        expectError(await h.call("PATCH", "/users/u1", body: #"{"name":"B"}"#, headers: ["If-Match": "\"2\""]), 412, "precondition_failed")
        expectError(await h.call("PATCH", "/users/u1", body: #"{"name":"B"}"#, headers: ["If-Match": "garbage"]), 412, "precondition_failed")
        #expect(await h.call("PATCH", "/users/u1", body: #"{"name":"B"}"#, headers: ["If-Match": "W/\"1\""]).status == 200)
        #expect(await h.call("PATCH", "/users/u1", body: #"{"name":"C"}"#, headers: ["If-Match": "*"]).status == 200)
        #expect(await h.call("PATCH", "/users/u1", body: #"{"name":"D"}"#, headers: ["If-Match": "\"1\", \"3\""]).etag == "\"4\"")
    }
}
