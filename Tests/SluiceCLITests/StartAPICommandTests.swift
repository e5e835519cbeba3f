import Foundation
import TestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `sluice start-api`: HTTP requests → payload 2.0 events → functions → HTTP responses, with JWT auth.
@Suite struct StartAPICommandTests {
    static let template = """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Runtime: provided.al2023
        Resources:
          Api:
            Type: AWS::Serverless::HttpApi
            Properties:
              Auth:
                DefaultAuthorizer: Local
                Authorizers:
                  Local:
                    IdentitySource: $request.header.Authorization
                    JwtConfiguration:
                      issuer: https://sluice.local
                      audience: [sluice]
          Echo:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: Echo
              Handler: echo
              Events:
                Files:
                  Type: HttpApi
                  Properties: {ApiId: !Ref Api, Path: "/users/{userId}/files/{proxy+}", Method: GET}
                Open:
                  Type: HttpApi
                  Properties: {ApiId: !Ref Api, Path: /open, Method: ANY, Auth: {Authorizer: NONE}}
          Respond:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: Respond
              Handler: http-echo
              Events:
                Answer:
                  Type: HttpApi
                  Properties: {ApiId: !Ref Api, Path: /respond, Method: POST, Auth: {Authorizer: NONE}}
        """

    static func project() throws -> String {
        let directory = try temporaryFolder()
        for name in ["Echo", "Respond"] {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(name)", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: BuiltProducts.path("FixtureFunction"), toPath: "\(directory)/\(name)/bootstrap")
        }
        try template.write(toFile: directory + "/template.yaml", atomically: true, encoding: .utf8)
        return directory
    }

    /// A session that neither stores nor sends cookies on its own (the tests set Cookie headers themselves).
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        return URLSession(configuration: configuration)
    }()

    static func request(_ url: String, method: String = "GET", body: Data? = nil, headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: Data) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields["\(key)".lowercased()] = "\(value)" }
        return (http.statusCode, fields, data)
    }

    @Test func helloThroughTheHTTPAPI() async throws {
        let server = try CLIProcess(["start-api", "--port", "0", "--skip-build"], directory: InvokeCommandTests.root)
        defer { Task { _ = await server.stop() } }
        let port = try await server.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+)")
        let response = try await Self.request("http://127.0.0.1:\(port)/hello?name=Ada")
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        #expect(json(String(decoding: response.body, as: UTF8.self))["message"] as? String == "Hello, Ada!")
        let missing = try await Self.request("http://127.0.0.1:\(port)/nope")
        #expect(missing.status == 404)
        #expect(json(String(decoding: missing.body, as: UTF8.self))["message"] as? String == "Not Found")
    }

    @Test func jwtRoutesBuildEventsAsAPIGatewayDoes() async throws {
        let directory = try Self.project()
        let server = try CLIProcess(["start-api", "--port", "0", "--skip-build", "--data", directory + "/.sluice"], directory: directory)
        defer { Task { _ = await server.stop() } }
        let port = try await server.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+)")
        let base = "http://127.0.0.1:\(port)"
        let url = base + "/users/u1/files/a/b.txt?tag=x&tag=y&q=hello%20world"

        let anonymous = try await Self.request(url)
        #expect(anonymous.status == 401)
        #expect(json(String(decoding: anonymous.body, as: UTF8.self))["message"] as? String == "Unauthorized")
        let forged = try await Self.request(url, headers: ["Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.bm9wZQ"])
        #expect(forged.status == 401)
        let expiredToken = try await runSluice(["token", "--sub", "u1", "--ttl", "-10s", "--data", directory + "/.sluice"], directory: directory)
        let expired = try await Self.request(url, headers: ["Authorization": "Bearer " + expiredToken.stdout.trimmingCharacters(in: .whitespacesAndNewlines)])
        #expect(expired.status == 401)

        let token = try await runSluice(["token", "--sub", "u1", "--groups", "admin,ops", "--data", directory + "/.sluice"], directory: directory)
        #expect(token.status == 0, "\(token.stderr)")
        let authorized = try await Self.request(
            url, headers: ["Authorization": "Bearer " + token.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "Cookie": "a=1; b=2", "X-Custom": "v"])
        #expect(authorized.status == 200)
        let event = json(String(decoding: authorized.body, as: UTF8.self))
        #expect(event["version"] as? String == "2.0")
        #expect(event["routeKey"] as? String == "GET /users/{userId}/files/{proxy+}")
        #expect(event["rawPath"] as? String == "/users/u1/files/a/b.txt")
        #expect(event["rawQueryString"] as? String == "tag=x&tag=y&q=hello%20world")
        #expect((event["queryStringParameters"] as? [String: String]) == ["tag": "x,y", "q": "hello world"])
        #expect((event["pathParameters"] as? [String: String]) == ["userId": "u1", "proxy": "a/b.txt"])
        #expect((event["cookies"] as? [String]) == ["a=1", "b=2"])
        #expect((event["headers"] as? [String: String])?["x-custom"] == "v")
        let context = event["requestContext"] as? [String: Any] ?? [:]
        let claims = ((context["authorizer"] as? [String: Any])?["jwt"] as? [String: Any])?["claims"] as? [String: String]
        #expect(claims?["sub"] == "u1")
        #expect(claims?["cognito:groups"] == "[admin ops]")
        #expect(claims?["iss"] == "https://sluice.local")
        #expect((context["http"] as? [String: Any])?["method"] as? String == "GET")

        let open = try await Self.request(base + "/open", method: "PUT", body: Data([0xff, 0x00, 0x01]), headers: ["Content-Type": "application/octet-stream"])
        #expect(open.status == 200)
        let binaryEvent = json(String(decoding: open.body, as: UTF8.self))
        #expect(binaryEvent["isBase64Encoded"] as? Bool == true)
        #expect(binaryEvent["body"] as? String == "/wAB")
    }

    @Test func structuredResponsesMapToHTTP() async throws {
        let directory = try Self.project()
        let server = try CLIProcess(["start-api", "--port", "0", "--skip-build", "--data", directory + "/.sluice"], directory: directory)
        defer { Task { _ = await server.stop() } }
        let port = try await server.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+)")
        let url = "http://127.0.0.1:\(port)/respond"
        let document = #"{"statusCode":201,"headers":{"location":"/things/1","content-type":"text/plain"},"cookies":["s=1; Path=/"],"body":"created"}"#
        let created = try await Self.request(url, method: "POST", body: Data(document.utf8))
        #expect(created.status == 201)
        #expect(created.headers["location"] == "/things/1")
        #expect(created.headers["set-cookie"] == "s=1; Path=/")
        #expect(String(decoding: created.body, as: UTF8.self) == "created")
        let binary = #"{"statusCode":200,"headers":{"content-type":"image/png"},"body":"iVBORw==","isBase64Encoded":true}"#
        let image = try await Self.request(url, method: "POST", body: Data(binary.utf8))
        #expect(Array(image.body) == [0x89, 0x50, 0x4E, 0x47])
        let plain = try await Self.request(url, method: "POST", body: Data(#"{"just":"json"}"#.utf8))
        #expect(plain.status == 200)
        #expect(String(decoding: plain.body, as: UTF8.self) == #"{"just":"json"}"#)
    }
}
