import Emulator
import Foundation
import Testing

/// The runtime loop (LambdaRuntime) in a real bootstrap process, driven by the real emulator over loopback.
@Suite struct RuntimeLoopTests {
    @Test func echoesTheEvent() async {
        let instance = fixture("echo")
        let result = await instance.invoke(InvocationRequest(payload: Array("{\"a\":1}".utf8)))
        #expect(result.isSuccess)
        #expect(result.text == "{\"a\":1}")
        await instance.shutdown()
    }

    @Test func handlerIsCreatedOnceAndReused() async {
        let instance = fixture("counter")
        var answers: [String] = []
        for _ in 0..<3 { answers.append(await instance.invoke(InvocationRequest(payload: [])).text) }
        #expect(answers == ["1", "2", "3"])
        await instance.shutdown()
    }

    @Test func thrownErrorIsReportedAndTheLoopGoesOn() async {
        let instance = fixture("throw")
        let result = await instance.invoke(InvocationRequest(payload: Array("x".utf8)))
        let failure = try! #require(result.failure)
        #expect(failure.kind == .function)
        #expect(failure.errorType == "FixtureError")
        #expect(failure.errorMessage.contains("handler failed on x"))
        let document = json(result.text)
        #expect(document["errorType"] as? String == "FixtureError")
        #expect(document["stackTrace"] is [Any])
        let second = await instance.invoke(InvocationRequest(payload: Array("y".utf8)))
        #expect(second.failure?.errorMessage.contains("handler failed on y") == true)
        await instance.shutdown()
    }

    @Test func initErrorIsReportedAsSuch() async {
        let instance = fixture("init-error")
        let result = await instance.invoke(InvocationRequest(payload: []))
        let failure = try! #require(result.failure)
        #expect(failure.kind == .initialization)
        #expect(failure.errorType == "FixtureError")
        #expect(failure.errorMessage.contains("missing configuration"))
        // The next invocation initialises again and fails the same way: no hang.
        let again = await instance.invoke(InvocationRequest(payload: []))
        #expect(again.failure?.kind == .initialization || again.failure?.kind == .crash)
        await instance.shutdown()
    }

    @Test func timeoutKillsTheProcessAndTheNextInvocationStartsAFreshOne() async {
        let logs = LogCollector()
        let instance = fixture("sleep", timeout: .milliseconds(1500), logs: logs.sink)
        let result = await instance.invoke(InvocationRequest(payload: Array("60000".utf8)))
        let failure = try! #require(result.failure)
        #expect(failure.kind == .timeout)
        #expect(failure.errorType == "Sandbox.Timedout")
        #expect(failure.errorMessage.hasSuffix("Task timed out after 1.50 seconds"))
        #expect(logs.all.contains { $0.contains("Task timed out after 1.50 seconds") })
        let next = await instance.invoke(InvocationRequest(payload: Array("10".utf8)))
        #expect(next.text == "\"slept\"")
        await instance.shutdown()
    }

    @Test func crashIsAnErrorAndTheProcessIsRestarted() async {
        let instance = fixture("crash")
        let first = await instance.invoke(InvocationRequest(payload: Array("ok".utf8)))
        #expect(first.text == "ok")
        let crash = await instance.invoke(InvocationRequest(payload: Array("crash".utf8)))
        let failure = try! #require(crash.failure)
        #expect(failure.kind == .crash)
        #expect(failure.errorType == "Runtime.ExitError")
        #expect(failure.errorMessage.hasSuffix("Runtime exited with error: exit status 3"))
        let after = await instance.invoke(InvocationRequest(payload: Array("again".utf8)))
        #expect(after.text == "again")
        await instance.shutdown()
    }

    @Test func contextCarriesDeadlineArnTraceAndClientContext() async {
        let instance = fixture("context", timeout: .seconds(7))
        let trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
        let request = InvocationRequest(payload: [], clientContext: "{\"custom\":{\"k\":\"v\"}}", traceID: trace)
        let result = await instance.invoke(request)
        let context = json(result.text)
        #expect(context["requestId"] as? String == request.requestID)
        #expect(context["arn"] as? String == "arn:aws:lambda:us-east-1:012345678912:function:Fixture-context")
        let remaining = Int(context["remainingMs"] as? String ?? "") ?? -1
        #expect(remaining > 0 && remaining <= 7000)
        #expect(context["traceId"] as? String == trace)
        #expect(context["envTrace"] as? String == trace)
        #expect(context["clientContext"] as? String == "{\"custom\":{\"k\":\"v\"}}")
        #expect(context["functionName"] as? String == "Fixture-context")
        #expect(context["memory"] as? String == "128")
        #expect(context["logGroup"] as? String == "/aws/lambda/Fixture-context")
        await instance.shutdown()
    }

    /// The runtime rewrites `_X_AMZN_TRACE_ID` in place: every invocation must still see its own trace,
    /// whether the next value is longer or shorter than the last.
    @Test func traceVariableFollowsEveryInvocation() async {
        let instance = fixture("context")
        let long = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=" + String(repeating: "a", count: 300)
        for trace in ["Root=1-1-2;Sampled=0", long, "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", "x"] {
            let result = await instance.invoke(InvocationRequest(payload: [], traceID: trace))
            #expect(json(result.text)["envTrace"] as? String == trace)
        }
        await instance.shutdown()
    }

    @Test func streamingSendsChunksAndReportsMidStreamErrors() async {
        let instance = fixture("stream")
        let result = await instance.invoke(InvocationRequest(payload: []))
        guard case .success(let body, let streamed) = result else {
            Issue.record("expected success, got \(result)")
            return
        }
        #expect(streamed)
        #expect(String(decoding: body, as: UTF8.self) == (0..<5).map { "chunk \($0)\n" }.joined())
        await instance.shutdown()

        let failing = fixture("stream-fail")
        let broken = await failing.invoke(InvocationRequest(payload: []))
        let failure = try! #require(broken.failure)
        #expect(failure.kind == .midStream)
        #expect(failure.errorType == "FixtureError")
        #expect(failure.errorMessage.contains("stream broke after 2 chunks"))
        #expect(String(decoding: failure.partialBody, as: UTF8.self) == "chunk 0\nchunk 1\n")
        await failing.shutdown()
    }

    @Test func responseOverSixMegabytesIsAnErrorAndTheLoopGoesOn() async {
        let instance = fixture("big")
        let result = await instance.invoke(InvocationRequest(payload: []))
        #expect(result.failure?.errorType == "Function.ResponseSizeTooLarge")
        let again = await instance.invoke(InvocationRequest(payload: []))
        #expect(again.failure?.errorType == "Function.ResponseSizeTooLarge")
        #expect(instance.isRunning)
        await instance.shutdown()
    }

    @Test func undecodableEventIsInvalidEventNotACrash() async {
        let instance = fixture("typed")
        let bad = await instance.invoke(InvocationRequest(payload: Array("{\"nope\":1}".utf8)))
        #expect(bad.failure?.errorType == "Runtime.InvalidEvent")
        #expect(bad.failure?.errorMessage.contains("name") == true)
        let notJSON = await instance.invoke(InvocationRequest(payload: Array("not json".utf8)))
        #expect(notJSON.failure?.errorType == "Runtime.InvalidEvent")
        let good = await instance.invoke(InvocationRequest(payload: Array("{\"name\":\"Ada\"}".utf8)))
        #expect(json(good.text)["greeting"] as? String == "Hello, Ada")
        await instance.shutdown()
    }

    @Test func jsonLogsCarryTheRequestIdAndHonourTheLevel() async {
        let logs = LogCollector()
        let instance = fixture("log", logs: logs.sink, logFormat: "JSON", logLevel: "WARN")
        let request = InvocationRequest(payload: [])
        _ = await instance.invoke(request)
        await instance.shutdown()
        let records = logs.all.filter { $0.hasPrefix("{") }.map(json)
        #expect(records.map { $0["message"] as? String } == ["warn line", "error line"])
        for record in records {
            #expect(record["requestId"] as? String == request.requestID)
            #expect((record["timestamp"] as? String)?.hasSuffix("Z") == true)
        }
        #expect(records.map { $0["level"] as? String } == ["WARN", "ERROR"])
    }

    @Test func textLogsAtInfoIncludeMetadata() async {
        let logs = LogCollector()
        let instance = fixture("log", logs: logs.sink)
        let request = InvocationRequest(payload: [])
        _ = await instance.invoke(request)
        await instance.shutdown()
        let info = logs.all.first { $0.contains("info line") }
        #expect(info?.contains("\t\(request.requestID)\tINFO\tinfo line user=alice") == true)
        #expect(!logs.all.contains { $0.contains("debug line") })
        #expect(logs.all.contains { $0.hasPrefix("START RequestId: \(request.requestID)") })
        #expect(logs.all.contains { $0.hasPrefix("REPORT RequestId: \(request.requestID)") && $0.contains("Init Duration") })
    }

    @Test func functionEnvironmentReachesTheProcess() async {
        let instance = fixture("env", environment: ["TABLE_NAME": "Tasks=1"])
        let result = await instance.invoke(InvocationRequest(payload: Array("\"TABLE_NAME\"".utf8)))
        #expect(json(result.text)["TABLE_NAME"] as? String == "Tasks=1")
        await instance.shutdown()
    }

    @Test(arguments: ["/bin/false", "/bin/true"])
    func bootstrapThatExitsAtOnceFailsTheInvocationInsteadOfHanging(command: String) async {
        let instance = FunctionInstance(configuration: FunctionConfiguration(name: "Quitter", command: [command], logs: .discard))
        for _ in 0..<3 {
            let result = await instance.invoke(InvocationRequest(payload: []))
            #expect(result.failure?.errorType == "Runtime.ExitError")
        }
        await instance.shutdown()
    }

    @Test func missingExecutableIsAClearError() async {
        let instance = FunctionInstance(configuration: FunctionConfiguration(name: "Nope", command: ["/nonexistent/bootstrap"]))
        let result = await instance.invoke(InvocationRequest(payload: []))
        #expect(result.failure?.kind == .initialization)
        #expect(result.failure?.errorMessage.contains("/nonexistent/bootstrap") == true)
    }
}
