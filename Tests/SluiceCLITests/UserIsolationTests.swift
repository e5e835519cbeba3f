import Foundation
import TestSupport
import Testing

/// Through every route of template.yaml's HTTP API, user A can neither read nor change user B's data
/// (nor use B's cursors), and no token or secret reaches the logs, against the real `sluice dev`.
@Suite(.timeLimit(.minutes(5))) struct UserIsolationTests {
    static let jwtSecret = "jwt-secret-for-the-log-check-0123456789"
    static let awsSecret = "aws-secret-for-the-log-check-9876543210"
    static let cursorSecret = "local-dev-cursor-secret-change-me"  // template.yaml's default CursorSecret

    /// `METHOD /path` of every HttpApi event in template.yaml that has a JWT authorizer (all but /hello).
    static func templateRoutes() throws -> Set<String> {
        let lines = try String(contentsOfFile: InvokeCommandTests.root + "/template.yaml", encoding: .utf8).split(separator: "\n")
        var routes: Set<String> = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("Path: "), index + 1 < lines.count else { continue }
            let method = lines[index + 1].trimmingCharacters(in: .whitespaces)
            guard method.hasPrefix("Method: ") else { continue }
            routes.insert("\(method.dropFirst(8).uppercased()) \(trimmed.dropFirst(6))")
        }
        routes.remove("GET /hello")
        return routes
    }

    struct Client {
        let port: Int

        func send(_ method: String, _ path: String, token: String, body: String? = nil) async throws -> (status: Int, text: String, json: [String: Any]) {
            var headers = [("Authorization", "Bearer " + token)]
            if body != nil { headers.append(("Content-Type", "application/json")) }
            let bytes = RawHTTP.request(method, path, headers: headers, body: Array((body ?? "").utf8))
            let response = try #require(try await RawHTTP.exchange(port: port, bytes))
            return (response.status, response.text, response.document)
        }
    }

    static func token(_ subject: String, data: String, groups: String? = nil) async throws -> String {
        let process = try CLIProcess(
            ["token", "--sub", subject, "--data", data] + (groups.map { ["--groups", $0] } ?? []),
            directory: InvokeCommandTests.root, environment: ["SLUICE_JWT_SECRET": jwtSecret])
        #expect(await process.wait() == 0)
        return process.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func noRouteLetsOneUserReachAnothersDataAndNoSecretIsLogged() async throws {
        let data = try temporaryFolder()
        let ada = try await Self.token("u1", data: data)
        let bob = try await Self.token("u2", data: data)
        let dev = try CLIProcess(
            ["dev", "--skip-build", "--data", data, "--table-port", "0", "--api-port", "0"], directory: InvokeCommandTests.root,
            environment: ["SLUICE_JWT_SECRET": Self.jwtSecret, "AWS_ACCESS_KEY_ID": "AKIDLOGCHECK", "AWS_SECRET_ACCESS_KEY": Self.awsSecret])
        defer { Task { _ = await dev.stop() } }
        let api = Client(port: Int(try await dev.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+) \\(HTTP API\\)"))!)

        // Bob's data, and Ada's.
        #expect(try await api.send("POST", "/users", token: bob, body: #"{"email":"bob@example.com","name":"Bobby Secret"}"#).status == 201)
        let bobTask = try await api.send("POST", "/users/u2/tasks", token: bob, body: #"{"title":"Bob's hidden task","tags":["private"]}"#)
        #expect(bobTask.status == 201, "\(bobTask.text)")
        let bobTaskID = try #require(bobTask.json["id"] as? String)
        #expect(try await api.send("POST", "/users", token: ada, body: #"{"email":"ada@example.com","name":"Ada"}"#).status == 201)
        for title in ["one", "two"] {
            #expect(try await api.send("POST", "/users/u1/tasks", token: ada, body: #"{"title":"\#(title)"}"#).status == 201)
        }
        let adaPage = try await api.send("GET", "/users/u1/tasks?limit=1", token: ada)
        let adaCursor = try #require(adaPage.json["nextCursor"] as? String)
        let bobPage = try await api.send("GET", "/users/u2/tasks?limit=1", token: bob)
        #expect(bobPage.status == 200)

        // Ada against Bob, on every route.
        let attacks: [(route: String, method: String, path: String, body: String?, statuses: Set<Int>)] = [
            ("POST /users", "POST", "/users", #"{"id":"u2","email":"mallory@example.com","name":"Mallory"}"#, [400, 409]),
            ("GET /users", "GET", "/users", nil, [403]),
            ("GET /users/{userId}", "GET", "/users/u2", nil, [403]),
            ("PATCH /users/{userId}", "PATCH", "/users/u2", #"{"name":"pwned"}"#, [403]),
            ("DELETE /users/{userId}", "DELETE", "/users/u2", nil, [403]),
            ("POST /users/{userId}/tasks", "POST", "/users/u2/tasks", #"{"title":"planted"}"#, [403]),
            ("GET /users/{userId}/tasks", "GET", "/users/u2/tasks", nil, [403]),
            ("GET /users/{userId}/tasks", "GET", "/users/u2/tasks?cursor=\(adaCursor)", nil, [403]),
            ("GET /users/{userId}/tasks/{taskId}", "GET", "/users/u2/tasks/\(bobTaskID)", nil, [403]),
            ("PATCH /users/{userId}/tasks/{taskId}", "PATCH", "/users/u2/tasks/\(bobTaskID)", #"{"title":"pwned"}"#, [403]),
            ("DELETE /users/{userId}/tasks/{taskId}", "DELETE", "/users/u2/tasks/\(bobTaskID)", nil, [403]),
            ("GET /tasks", "GET", "/tasks?status=pending", nil, [403]),
            // Bob's task id under Ada's own user: not found, not Bob's task.
            ("GET /users/{userId}/tasks/{taskId}", "GET", "/users/u1/tasks/\(bobTaskID)", nil, [404]),
            // Encoded and case tricks on the user id.
            ("GET /users/{userId}", "GET", "/users/U2", nil, [403, 404]),
            ("GET /users/{userId}", "GET", "/users/u2%20", nil, [403, 404]),
            ("GET /users/{userId}", "GET", "/users/u1%2F..%2Fu2", nil, [403, 404]),
        ]
        let bobSecrets = ["bob@example.com", "Bobby Secret", "Bob's hidden task", "private"]
        for attack in attacks {
            let response = try await api.send(attack.method, attack.path, token: ada, body: attack.body)
            #expect(attack.statuses.contains(response.status), "\(attack.method) \(attack.path): \(response.status) \(response.text)")
            for secret in bobSecrets {
                #expect(!response.text.contains(secret), "\(attack.method) \(attack.path) leaked \(secret): \(response.text)")
            }
        }
        #expect(Set(attacks.map(\.route)) == (try Self.templateRoutes()), "routes of template.yaml not attacked")

        // Bob with Ada's cursor on his own listing: refused.
        let stolen = try await api.send("GET", "/users/u2/tasks?cursor=\(adaCursor)", token: bob)
        #expect(stolen.status == 400)
        #expect((stolen.json["error"] as? [String: Any])?["code"] as? String == "invalid_cursor")

        // Bob's data is as he left it.
        let profile = try await api.send("GET", "/users/u2", token: bob)
        #expect(profile.status == 200)
        #expect(profile.json["name"] as? String == "Bobby Secret")
        #expect(profile.json["deletedAt"] == nil)
        let tasks = try await api.send("GET", "/users/u2/tasks", token: bob)
        let items = tasks.json["items"] as? [[String: Any]] ?? []
        #expect(items.map { $0["title"] as? String } == ["Bob's hidden task"])

        // Nothing secret in what the stack printed, nor in the files it wrote besides the secret file itself.
        _ = await dev.stop()
        var logged = dev.stdout + dev.stderr
        let files = FileManager.default.enumerator(atPath: data)
        while let relative = files?.nextObject() as? String {
            guard !relative.hasSuffix("secret"), !relative.hasPrefix("table.db"), !relative.hasSuffix(".parquet") else { continue }
            if let text = try? String(contentsOfFile: data + "/" + relative, encoding: .utf8) { logged += text }
        }
        for (name, secret) in [
            ("Ada's token", ada), ("Bob's token", bob), ("the JWT secret", Self.jwtSecret), ("the AWS secret key", Self.awsSecret),
            ("the cursor secret", Self.cursorSecret), ("a token's signature", String(ada.split(separator: ".").last ?? "")),
        ] {
            #expect(!logged.contains(secret), "\(name) appears in the logs")
        }
    }
}
