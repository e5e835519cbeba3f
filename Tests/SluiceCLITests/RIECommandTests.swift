import Foundation
import TestSupport
import Testing

/// `sluice rie` runs any runtime the way aws-lambda-rie does; AWS's own Python runtime client is the proof.
@Suite struct RIECommandTests {
    static let pythonHandler = """
        import json, os, time

        def handler(event, context):
            if event.get("fail"):
                raise ValueError("asked to fail")
            if event.get("sleep"):
                time.sleep(event["sleep"])
            return {
                "echo": event,
                "requestId": context.aws_request_id,
                "arn": context.invoked_function_arn,
                "remainingMs": context.get_remaining_time_in_millis(),
                "functionName": context.function_name,
                "memory": context.memory_limit_in_mb,
                "clientContext": context.client_context.custom if context.client_context else None,
                "trace": os.environ.get("_X_AMZN_TRACE_ID"),
            }
        """

    @Test func awsLambdaRicRunsUnchangedUnderSluiceRie() async throws {
        let directory = try temporaryFolder()
        try Self.pythonHandler.write(toFile: directory + "/app.py", atomically: true, encoding: .utf8)
        let rie = try CLIProcess(
            ["rie", "--port", "0", "--timeout", "2", "--name", "py-fn", "--", "python3", "-m", "awslambdaric", "app.handler"],
            directory: directory)
        defer { Task { _ = await rie.stop() } }
        let port = try await rie.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+)")
        let url = "http://127.0.0.1:\(port)/2015-03-31/functions/function/invocations"

        let clientContext = Data("{\"custom\":{\"tenant\":\"t1\"}}".utf8).base64EncodedString()
        let ok = try await post(url, body: "{\"hello\":\"world\"}", headers: ["X-Amz-Client-Context": clientContext])
        #expect(ok.status == 200)
        #expect(ok.headers["x-amz-function-error"] == nil)
        let answer = json(ok.body)
        #expect((answer["echo"] as? [String: Any])?["hello"] as? String == "world")
        #expect(answer["arn"] as? String == "arn:aws:lambda:us-east-1:012345678912:function:py-fn")
        #expect(answer["functionName"] as? String == "py-fn")
        #expect(((answer["remainingMs"] as? Int) ?? 0) > 0)
        #expect((answer["clientContext"] as? [String: Any])?["tenant"] as? String == "t1")
        #expect((answer["trace"] as? String)?.hasPrefix("Root=1-") == true)

        let failed = try await post(url, body: "{\"fail\":true}")
        #expect(failed.status == 200)
        #expect(failed.headers["x-amz-function-error"] == "Unhandled")
        #expect(json(failed.body)["errorType"] as? String == "ValueError")
        #expect(json(failed.body)["errorMessage"] as? String == "asked to fail")

        let slow = try await post(url, body: "{\"sleep\":10}")
        #expect(slow.headers["x-amz-function-error"] == "Unhandled")
        #expect((json(slow.body)["errorMessage"] as? String)?.hasSuffix("Task timed out after 2.00 seconds") == true)

        // After the timeout the runtime is started again and serves the next call.
        let again = try await post(url, body: "{\"n\":2}")
        #expect((json(again.body)["echo"] as? [String: Any])?["n"] as? Int == 2)
    }

    @Test func invokeEndpointAnswersBadRequestsClearly() async throws {
        let rie = try CLIProcess(["rie", "--port", "0", "--", BuiltProducts.path("FixtureFunction")])
        defer { Task { _ = await rie.stop() } }
        let port = try await rie.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+)")
        let base = "http://127.0.0.1:\(port)"
        let wrongPath = try await post(base + "/nope", body: "{}")
        #expect(wrongPath.status == 404)
        #expect(json(wrongPath.body)["message"] != nil)
        let unknown = try await post(base + "/2015-03-31/functions/other/invocations", body: "{}")
        #expect(unknown.status == 404)
        let huge = try await post(base + "/2015-03-31/functions/function/invocations", body: String(repeating: "x", count: 6_400_000))
        #expect(huge.status == 413)
        // Still serving.
        let fine = try await post(base + "/2015-03-31/functions/function/invocations", body: "{\"ok\":1}")
        #expect(fine.status == 200)
        #expect(fine.body == "{\"ok\":1}")
    }

    @Test func missingCommandIsAOneLineErrorWithExitTwo() async throws {
        let result = try await runSluice(["rie", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("sluice: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
