import Foundation
import SluiceJSON
import TaskDomain
import Testing

@Suite struct ValidationTests {
    /// Bodies that must be refused with 400 (field-level errors), never a 500.
    static let badTaskBodies: [(body: String, code: String, field: String?)] = [
        ("", "invalid_json", nil),
        ("{", "invalid_json", nil),
        ("[1]", "invalid_json", nil),
        (#"{"title":"a","title":"b"}"#, "invalid_json", nil),
        ("{}", "missing_field", "title"),
        (#"{"title":""}"#, "invalid_value", "title"),
        (#"{"title":"   "}"#, "invalid_value", "title"),
        (#"{"title":"\#(String(repeating: "x", count: 201))"}"#, "invalid_value", "title"),
        (#"{"title":42}"#, "invalid_type", "title"),
        (#"{"title":null}"#, "invalid_type", "title"),
        (#"{"title":"t","owner":"u2"}"#, "unknown_field", "owner"),
        (#"{"title":"t","version":3}"#, "unknown_field", "version"),
        (#"{"title":"t","status":"started"}"#, "invalid_value", "status"),
        (#"{"title":"t","priority":"urgent"}"#, "invalid_value", "priority"),
        (#"{"title":"t","priority":1}"#, "invalid_type", "priority"),
        (#"{"title":"t","dueDate":"2026-13-01"}"#, "invalid_value", "dueDate"),
        (#"{"title":"t","dueDate":"2025-02-29"}"#, "invalid_value", "dueDate"),
        (#"{"title":"t","dueDate":"tomorrow"}"#, "invalid_value", "dueDate"),
        (#"{"title":"t","dueDate":20260101}"#, "invalid_type", "dueDate"),
        (#"{"title":"t","tags":"a"}"#, "invalid_type", "tags"),
        (#"{"title":"t","tags":[1]}"#, "invalid_type", "tags"),
        (#"{"title":"t","tags":[""]}"#, "invalid_value", "tags"),
        (#"{"title":"t","metadata":[]}"#, "invalid_type", "metadata"),
        (#"{"title":"t","metadata":{"n":1e400}}"#, "invalid_value", "metadata"),
        (#"{"title":"t","metadata":{"":1}}"#, "invalid_value", "metadata"),
        // 32 objects and arrays one inside the other, `metadata` included: one more than DynamoDB stores, and
        // past the 32 levels a request body may nest.
        (#"{"title":"t","metadata":"# + Self.nested(32) + "}", "invalid_json", nil),
        (#"{"title":"t","description":"\u0001"}"#, "invalid_value", "description"),
    ]

    /// `{"a":[{"a":[…1…]}]}`: `levels` objects and arrays, alternating, one inside the other.
    static func nested(_ levels: Int) -> String {
        var text = "1"
        for level in 0..<levels { text = level % 2 == 0 && level != levels - 1 ? "[\(text)]" : "{\"a\":\(text)}" }
        return text
    }

    /// The deepest metadata DynamoDB stores (31 levels, `metadata` itself the first) goes in and comes back.
    @Test func deepestMetadataIsStored() async throws {
        let h = try await Harness()
        await h.register("u1")
        let reply = await h.call("POST", "/users/u1/tasks", body: #"{"title":"t","metadata":"# + Self.nested(31) + "}")
        #expect(reply.status == 201, "\(reply.body)")
        let id = reply.json["id"]?.stringValue ?? ""
        let read = await h.call("GET", "/users/u1/tasks/\(id)")
        #expect(read.json["metadata"] == (try JSONValue(parsing: Self.nested(31))), "\(read.body)")
    }

    @Test func badTaskBodies() async throws {
        let h = try await Harness()
        await h.register("u1")
        for case let (body, code, field) in Self.badTaskBodies {
            let reply = await h.call("POST", "/users/u1/tasks", body: body)
            #expect(reply.status == 400 && reply.errorCode == code && reply.errorField == field, "\(body) → \(reply.body)")
        }
        let tid = await h.addTask("u1")
        for body in [#"{"id":"x"}"#, #"{"title":""}"#, #"{"status":5}"#, "nope", #"{"userId":"u2"}"#] {
            #expect(await h.call("PATCH", "/users/u1/tasks/\(tid)", body: body).status == 400, "\(body)")
        }
    }

    @Test func everyProblemIsListed() async throws {
        let h = try await Harness()
        await h.register("u1")
        let reply = await h.call("POST", "/users/u1/tasks", body: #"{"title":1,"priority":"x","extra":true}"#)
        #expect(reply.status == 400)
        let fields = reply.json["error"]?["details"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []
        #expect(Set(fields) == ["title", "priority", "extra"])
    }

    @Test func badUserBodies() async throws {
        let h = try await Harness()
        let cases: [(String, String, String?)] = [
            (#"{"name":"A"}"#, "missing_field", "email"),
            (#"{"email":"a@b.io"}"#, "missing_field", "name"),
            (#"{"email":"not-an-email","name":"A"}"#, "invalid_value", "email"),
            (#"{"email":"a@b","name":"A"}"#, "invalid_value", "email"),
            (#"{"email":"a b@c.io","name":"A"}"#, "invalid_value", "email"),
            (#"{"email":["a@b.io"],"name":"A"}"#, "invalid_type", "email"),
            (#"{"email":"a@b.io","name":""}"#, "invalid_value", "name"),
            (#"{"email":"a@b.io","name":"A","roles":["root"]}"#, "invalid_value", "roles"),
            (#"{"email":"a@b.io","name":"A","roles":[]}"#, "invalid_value", "roles"),
            (#"{"email":"a@b.io","name":"A","id":"me"}"#, "unknown_field", "id"),
            (#"{"email":"a@b.io","name":"A","createdAt":"x"}"#, "unknown_field", "createdAt"),
        ]
        for (body, code, field) in cases {
            let reply = await h.call("POST", "/users", body: body)
            #expect(reply.status == 400 && reply.errorCode == code && reply.errorField == field, "\(body) → \(reply.body)")
        }
    }

    @Test func bodyLimits() async throws {
        let h = try await Harness()
        await h.register("u1")
        let big = #"{"title":"t","description":""# + String(repeating: "x", count: 70_000) + #""}"#
        expectError(await h.call("POST", "/users/u1/tasks", body: big), 413, "payload_too_large")
        // Under the body limit but over a field's: 400.
        let longDescription = #"{"title":"t","description":""# + String(repeating: "x", count: 5000) + #""}"#
        expectError(await h.call("POST", "/users/u1/tasks", body: longDescription), 400, "invalid_value", field: "description")
        expectError(await h.call("POST", "/users/u1/tasks", body: nil), 400, "invalid_json")
        // Base64 bodies are decoded; invalid base64 is a 400.
        var encoded = request("POST", "/users/u1/tasks", body: Base64.encode(Array(#"{"title":"b64"}"#.utf8)))
        encoded = try SluiceJSONDecoder().decode(
            type(of: encoded), from: Array(try SluiceJSONEncoder().encodeToString(encoded).replacingOccurrences(
                of: "\"isBase64Encoded\":false", with: "\"isBase64Encoded\":true").utf8))
        #expect(encoded.isBase64Encoded)
        #expect(await h.send(encoded).status == 201)
    }

    @Test func identityClaims() throws {
        func groups(_ claims: [String: String]) throws -> Set<String> {
            try Identity(request: request("GET", "/users", as: .claims(claims))).groups
        }
        #expect(try groups(["sub": "a", "cognito:groups": "[admin user]"]) == ["admin", "user"])
        #expect(try groups(["sub": "a", "cognito:groups": "admin"]) == ["admin"])
        #expect(try groups(["sub": "a", "roles": "[\"admin\",\"user\"]"]) == ["admin", "user"])
        #expect(try groups(["sub": "a"]) == [])
        #expect(throws: APIError.unauthorized) { try Identity(request: request("GET", "/users", as: .claims(["sub": ""]))) }
    }

    @Test func cursorCodec() throws {
        let codec = CursorCodec(secret: cursorSecret)
        let key: [String: DynamoModel.AttributeValue] = ["PK": .s("USER#u1"), "SK": .s("TASK#t9")]
        let cursor = codec.encode(key, scope: "tasks:u1")
        #expect(try codec.decode(cursor, scope: "tasks:u1") == key)
        #expect(!cursor.contains("=") && !cursor.contains("+") && !cursor.contains("/"))
        #expect(throws: APIError.self) { try codec.decode(cursor, scope: "tasks:u2") }
        #expect(throws: APIError.self) { try CursorCodec(secret: Array("another-secret-xxxxxxx".utf8)).decode(cursor, scope: "tasks:u1") }
        // Flip each character of the payload: always refused.
        let chars = Array(cursor)
        for i in chars.indices where chars[i] != "." {
            var changed = chars
            changed[i] = changed[i] == "A" ? "B" : "A"
            #expect(throws: APIError.self) { try codec.decode(String(changed), scope: "tasks:u1") }
        }
        for junk in ["", ".", "abc", "a.b.c", String(repeating: "A", count: 5000)] {
            #expect(throws: APIError.self) { try codec.decode(junk, scope: "tasks:u1") }
        }
    }
}

import DynamoModel
