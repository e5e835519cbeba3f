import SluiceJSON
import TaskDomain
import Testing

@Suite struct ConcurrencyTests {
    /// Many PATCHes of the same version at once: exactly one wins, the others are refused.
    @Test(arguments: [true, false])
    func concurrentPatches(withIfMatch: Bool) async throws {
        let h = try await Harness()
        await h.register("u1")
        let tid = await h.addTask("u1")
        let headers = withIfMatch ? ["If-Match": "\"1\""] : [:]
        let replies = await withTaskGroup(of: (Int, String).self) { group in
            for i in 0..<10 {
                group.addTask {
                    let r = await h.call("PATCH", "/users/u1/tasks/\(tid)", body: #"{"title":"writer \#(i)"}"#, headers: headers)
                    return (r.status, r.json["title"]?.stringValue ?? "")
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let winners = replies.filter { $0.0 == 200 }
        let losers = replies.filter { $0.0 != 200 }
        #expect(winners.count >= 1)
        #expect(losers.allSatisfy { $0.0 == (withIfMatch ? 412 : 409) }, "\(replies)")
        let final = await h.call("GET", "/users/u1/tasks/\(tid)")
        // Every success bumped the version exactly once and the stored title is the last winner's.
        #expect(final.json["version"] == JSONValue.number(JSONNumber(1 + winners.count)))
        if withIfMatch { #expect(winners.count == 1 && final.json["title"] == JSONValue.string(winners[0].1)) }
    }

    @Test func concurrentUserPatchesAndEmailMoves() async throws {
        let h = try await Harness()
        await h.register("u1", email: "one@example.com")
        let replies = await withTaskGroup(of: Int.self) { group in
            for i in 0..<8 {
                group.addTask {
                    await h.call("PATCH", "/users/u1", body: #"{"email":"e\#(i)@example.com"}"#, headers: ["If-Match": "\"1\""]).status
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(replies.filter { $0 == 200 }.count == 1 && replies.filter { $0 == 412 }.count == 7, "\(replies)")
        // Exactly one email guard is held: the winner's. The old address and the losers' are free.
        let current = await h.call("GET", "/users/u1").json["email"]?.stringValue ?? ""
        for i in 0..<8 where "e\(i)@example.com" != current {
            await h.register("x\(i)", email: "e\(i)@example.com")
        }
        await h.register("old", email: "one@example.com")
        expectError(await h.call("POST", "/users", body: #"{"email":"\#(current)","name":"n"}"#, as: .user("late")), 409, "email_taken")
    }
}

@Suite struct PaginationTests {
    @Test func pagesCoverEverythingOnce() async throws {
        let h = try await Harness()
        await h.register("u1")
        await h.register("u2")
        var made: Set<String> = []
        for i in 0..<23 { made.insert(await h.addTask("u1", #""title":"t\#(i)","tags":["\#(i % 2 == 0 ? "even" : "odd")"]"#)) }
        await h.addTask("u2")

        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let reply = await h.call("GET", "/users/u1/tasks?limit=5" + (cursor.map { "&cursor=\($0)" } ?? ""))
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.items.count <= 5)
            seen += reply.items.compactMap { $0["id"]?.stringValue }
            cursor = reply.nextCursor
            pages += 1
        } while cursor != nil && pages < 20
        #expect(pages == 5 && seen.count == 23 && Set(seen) == made)

        // With a filter, pages are still full (the handler reads on past filtered-out items).
        let evens = await h.call("GET", "/users/u1/tasks?tag=even&limit=5")
        #expect(evens.items.count == 5 && evens.nextCursor != nil)
        var evenCount = evens.items.count
        var next = evens.nextCursor
        while let c = next {
            let reply = await h.call("GET", "/users/u1/tasks?tag=even&limit=5&cursor=\(c)")
            evenCount += reply.items.count
            next = reply.nextCursor
        }
        #expect(evenCount == 12)

        // A last page has no nextCursor at all.
        let all = await h.call("GET", "/users/u1/tasks?limit=100")
        #expect(all.items.count == 23 && all.json["nextCursor"] == nil && !all.body.contains("nextCursor"))
    }

    /// The first page comes from one Query that carries the profile ahead of the tasks: the profile is
    /// not counted as a task, `limit` still holds, filters never drop it, and no profile means no owner.
    @Test func firstPageCarriesTheProfile() async throws {
        let h = try await Harness()
        await h.register("u1")
        for i in 0..<4 { await h.addTask("u1", #""title":"t\#(i)","tags":["\#(i < 3 ? "a" : "b")"]"#) }

        let full = try await h.api.tasks.firstPage(userId: "u1", filter: TaskFilter(), limit: 3)
        #expect(full.owner?.id == "u1")
        #expect(full.tasks.map(\.title) == ["t0", "t1", "t2"] && full.next != nil)
        let rest = try await h.api.tasks.list(userId: "u1", filter: TaskFilter(), limit: 3, after: full.next!)
        #expect(rest.tasks.map(\.title) == ["t3"] && rest.next == nil)

        let none = try await h.api.tasks.firstPage(userId: "u1", filter: TaskFilter(tag: "zzz"), limit: 3)
        #expect(none.owner?.id == "u1" && none.tasks.isEmpty && none.next == nil)
        let tagged = try await h.api.tasks.firstPage(userId: "u1", filter: TaskFilter(tag: "b"), limit: 3)
        #expect(tagged.owner?.id == "u1" && tagged.tasks.map(\.title) == ["t3"])

        let nobody = try await h.api.tasks.firstPage(userId: "nobody", filter: TaskFilter(), limit: 3)
        #expect(nobody.owner == nil && nobody.tasks.isEmpty)
    }

    @Test func tamperedAndForeignCursors() async throws {
        let h = try await Harness()
        await h.register("u1")
        await h.register("u2")
        for _ in 0..<3 { await h.addTask("u1"); await h.addTask("u2") }
        let first = await h.call("GET", "/users/u1/tasks?limit=1")
        let cursor = try #require(first.nextCursor)
        // Changed cursor: 400.
        var chars = Array(cursor)
        chars[3] = chars[3] == "x" ? "y" : "x"
        expectError(await h.call("GET", "/users/u1/tasks?limit=1&cursor=\(String(chars))"), 400, "invalid_cursor", field: "cursor")
        expectError(await h.call("GET", "/users/u1/tasks?cursor=garbage"), 400, "invalid_cursor")
        // u1's cursor on u2's listing (as u2, or as an admin): 400, never data.
        expectError(await h.call("GET", "/users/u2/tasks?limit=1&cursor=\(cursor)", as: .user("u2")), 400, "invalid_cursor")
        expectError(await h.call("GET", "/users/u2/tasks?limit=1&cursor=\(cursor)", as: .admin("root")), 400, "invalid_cursor")
        // The same listing with other filters is another listing.
        expectError(await h.call("GET", "/users/u1/tasks?status=done&limit=1&cursor=\(cursor)"), 400, "invalid_cursor")
        expectError(await h.call("GET", "/tasks?status=pending&cursor=\(cursor)", as: .admin("root")), 400, "invalid_cursor")
        // A forged cursor (valid payload of u2's key signed with another secret): 400.
        let forged = CursorCodec(secret: Array("guessed-secret-0000000".utf8)).encode(
            ["PK": .s("USER#u2"), "SK": .s("TASK#")], scope: "tasks:u1")
        expectError(await h.call("GET", "/users/u1/tasks?cursor=\(forged)"), 400, "invalid_cursor")
        // The genuine cursor works.
        let second = await h.call("GET", "/users/u1/tasks?limit=1&cursor=\(cursor)")
        #expect(second.status == 200 && second.items.first?["userId"] == "u1" && second.items.first?["id"] != first.items.first?["id"])
    }

    @Test func adminListingsPage() async throws {
        let h = try await Harness()
        for i in 0..<7 { await h.register("u\(i)") }
        for i in 0..<7 { await h.addTask("u\(i)", #""title":"t","dueDate":"2026-01-0\#(i + 1)""#) }
        for (path, total) in [("/users?limit=3", 7), ("/tasks?status=pending&limit=3", 7), ("/tasks?status=pending&dueBefore=2026-01-06&limit=2", 5)] {
            var count = 0
            var cursor: String?
            repeat {
                let reply = await h.call("GET", path + (cursor.map { "&cursor=\($0)" } ?? ""), as: .admin("root"))
                #expect(reply.status == 200, "\(reply.body)")
                count += reply.items.count
                cursor = reply.nextCursor
            } while cursor != nil
            #expect(count == total, "\(path)")
        }
    }
}
