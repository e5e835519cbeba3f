import Foundation
import TestSupport
import Testing

/// `sluice invoke` end to end: template → bootstrap process → emulator → stdout/stderr/exit status.
@Suite struct InvokeCommandTests {
    /// The repository root (the test bundle sits in .build/<triple>/debug).
    static var root: String {
        var url = BuiltProducts.directory
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) && url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.path
    }

    /// A project folder whose functions run the fixture bootstrap with the given handlers.
    static func fixtureProject(_ functions: [String: (handler: String, timeout: Int)]) throws -> String {
        let directory = try temporaryFolder()
        var yaml = "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: provided.al2023\n    Environment:\n      Variables:\n        COLOR: blue\nResources:\n"
        for (name, spec) in functions.sorted(by: { $0.key < $1.key }) {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(name)", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: BuiltProducts.path("FixtureFunction"), toPath: "\(directory)/\(name)/bootstrap")
            yaml += "  \(name):\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: \(name)\n      Handler: \(spec.handler)\n      Timeout: \(spec.timeout)\n"
        }
        try yaml.write(toFile: "\(directory)/template.yaml", atomically: true, encoding: .utf8)
        return directory
    }

    @Test func invokesHelloWithAnEventFromEventsFolder() async throws {
        let result = try await runSluice(["invoke", "HelloFunction", "-e", "events/hello-get.json", "--skip-build"], directory: Self.root)
        #expect(result.status == 0, "\(result.stderr)")
        let response = json(result.stdout)
        #expect(response["statusCode"] as? Int == 200)
        let body = json(response["body"] as? String ?? "")
        #expect(body["message"] as? String == "Hello, Ada!")
        #expect(result.stderr.contains("START RequestId: \(body["requestId"] as? String ?? "?")"))
        #expect(result.stderr.contains("REPORT RequestId:"))
        #expect(result.stderr.contains("\"message\":\"greeting Ada\""))
    }

    @Test func readsTheEventFromStandardInputAndAppliesEnvVars() async throws {
        let directory = try temporaryFolder()
        try "{\"HelloFunction\": {\"GREETING\": \"Howdy\", \"UNDECLARED\": \"x\"}}".write(toFile: directory + "/env.json", atomically: true, encoding: .utf8)
        let event = try Data(contentsOf: URL(fileURLWithPath: Self.root + "/events/hello-no-name.json"))
        let result = try await runSluice(
            ["invoke", "HelloFunction", "-e", "-", "--env-vars", directory + "/env.json", "--skip-build"],
            directory: Self.root, stdin: event)
        #expect(result.status == 0, "\(result.stderr)")
        let body = json(json(result.stdout)["body"] as? String ?? "")
        #expect(body["message"] as? String == "Howdy, world!")
    }

    @Test func failingFunctionExitsOneAndPrintsTheErrorJSON() async throws {
        let project = try Self.fixtureProject(["Boom": ("throw", 30), "Slow": ("sleep", 1), "Env": ("env", 30)])
        let failed = try await runSluice(["invoke", "Boom", "--skip-build"], directory: project)
        #expect(failed.status == 1)
        #expect(json(failed.stdout)["errorType"] as? String == "FixtureError")
        let slow = try await runSluice(["invoke", "Slow", "--skip-build", "-e", "-"], directory: project, stdin: Data("5000".utf8))
        #expect(slow.status == 1)
        #expect(json(slow.stdout)["errorType"] as? String == "Sandbox.Timedout")
        #expect((json(slow.stdout)["errorMessage"] as? String)?.hasSuffix("Task timed out after 1.00 seconds") == true)
        // Globals' environment reaches the process, and the bootstrap found in CodeUri runs (no build).
        let env = try await runSluice(["invoke", "Env", "--skip-build", "-e", "-"], directory: project, stdin: Data("\"COLOR\"".utf8))
        #expect(json(env.stdout)["COLOR"] as? String == "blue")
    }

    @Test(arguments: [
        (["invoke", "Nope", "--skip-build"], "no function named 'Nope'"),
        (["invoke", "HelloFunction", "-e", "missing.json", "--skip-build"], "cannot read 'missing.json'"),
        (["invoke", "HelloFunction", "-e", "Package.swift", "--skip-build"], "is not valid JSON"),
        (["invoke", "HelloFunction", "--template", "nowhere.yaml"], "no template at nowhere.yaml"),
    ])
    func usageErrorsAreOneLineWithExitTwo(arguments: [String], message: String) async throws {
        let result = try await runSluice(arguments, directory: Self.root)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func brokenTemplateIsAOneLineError() async throws {
        let directory = try temporaryFolder()
        try "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: !Foo x\n".write(toFile: directory + "/template.yaml", atomically: true, encoding: .utf8)
        let result = try await runSluice(["invoke", "Fn"], directory: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("!Foo"))
    }

    /// `Runtime: python3.x` with `Handler: module.function` runs under AWS's runtime interface client, no build.
    @Test func pythonRuntimeRunsItsHandlerUnderAwslambdaric() async throws {
        let directory = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: directory + "/src", withIntermediateDirectories: true)
        try RIECommandTests.pythonHandler.write(toFile: directory + "/src/app.py", atomically: true, encoding: .utf8)
        try """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              PyFunction:
                Type: AWS::Serverless::Function
                Properties: {Runtime: python3.11, Handler: app.handler, CodeUri: src, Timeout: 5}
              NoHandler:
                Type: AWS::Serverless::Function
                Properties: {Runtime: python3.12, CodeUri: src}
            """.write(toFile: directory + "/template.yaml", atomically: true, encoding: .utf8)
        let result = try await runSluice(["invoke", "PyFunction", "-e", "-"], directory: directory, stdin: Data("{\"n\":7}".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let answer = json(result.stdout)
        #expect((answer["echo"] as? [String: Any])?["n"] as? Int == 7)
        #expect(answer["functionName"] as? String == "PyFunction")
        let failed = try await runSluice(["invoke", "PyFunction", "-e", "-"], directory: directory, stdin: Data("{\"fail\":true}".utf8))
        #expect(failed.status == 1)
        #expect(json(failed.stdout)["errorType"] as? String == "ValueError")
        let noHandler = try await runSluice(["invoke", "NoHandler"], directory: directory)
        #expect(noHandler.status == 2)
        #expect(noHandler.stderr.contains("no Handler"), "\(noHandler.stderr)")
        let badConfiguration = try await runSluice(["invoke", "PyFunction", "-c", "fast"], directory: directory)
        #expect(badConfiguration.status == 2)
        #expect(badConfiguration.stderr.contains("--configuration is debug or release"), "\(badConfiguration.stderr)")
    }

    @Test func generatedEventsRunThroughInvoke() async throws {
        let generated = try await runSluice(["generate-event", "apigw-http", "--path", "/hello?name=Grace"])
        #expect(generated.status == 0)
        let result = try await runSluice(
            ["invoke", "HelloFunction", "-e", "-", "--skip-build"], directory: Self.root, stdin: Data(generated.stdout.utf8))
        #expect(json(json(result.stdout)["body"] as? String ?? "")["message"] as? String == "Hello, Grace!")
        let stream = try await runSluice(["generate-event", "dynamodb-stream", "--table", "Tasks"])
        let records = json(stream.stdout)["Records"] as? [[String: Any]] ?? []
        #expect(records.map { $0["eventName"] as? String } == ["INSERT", "MODIFY", "REMOVE"])
        #expect((records.first?["eventSourceARN"] as? String)?.contains(":table/Tasks/stream/") == true)
        let bad = try await runSluice(["generate-event", "s3-put"])
        #expect(bad.status != 0)
    }
}
