import Foundation
import TestSupport
import Testing

/// `sluice start-lambda` serves Lambda's Invoke API: the aws CLI works against it unchanged.
@Suite struct StartLambdaCommandTests {
    static let credentials = ["AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_DEFAULT_REGION": "us-east-1"]

    @Test func awsCliInvokesTemplateFunctions() async throws {
        let server = try CLIProcess(["start-lambda", "--port", "0", "--skip-build"], directory: InvokeCommandTests.root)
        defer { Task { _ = await server.stop() } }
        let port = try await server.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+)")
        let output = try temporaryFolder() + "/out.json"
        let ok = try runProgram(
            ["aws", "lambda", "invoke", "--endpoint-url", "http://127.0.0.1:\(port)", "--function-name", "HelloFunction",
             "--payload", "file://\(InvokeCommandTests.root)/events/hello-get.json", output],
            environment: Self.credentials)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(json(ok.stdout)["StatusCode"] as? Int == 200)
        let response = json(try String(contentsOfFile: output, encoding: .utf8))
        #expect(json(response["body"] as? String ?? "")["message"] as? String == "Hello, Ada!")

        let missing = try runProgram(
            ["aws", "lambda", "invoke", "--endpoint-url", "http://127.0.0.1:\(port)", "--function-name", "Nope", output],
            environment: Self.credentials)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("ResourceNotFoundException"))
        // Function logs are prefixed with the function's name.
        #expect(server.stderr.contains("[HelloFunction] START RequestId:"))
    }

    @Test func portInUseIsAOneLineErrorWithExitTwo() async throws {
        let first = try CLIProcess(["start-lambda", "--port", "0", "--skip-build"], directory: InvokeCommandTests.root)
        defer { Task { _ = await first.stop() } }
        let port = try await first.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+)")
        let second = try await runSluice(["start-lambda", "--port", port, "--skip-build"], directory: InvokeCommandTests.root)
        #expect(second.status == 2)
        #expect(second.stderr.contains("cannot listen on 127.0.0.1:\(port)"))
    }
}
