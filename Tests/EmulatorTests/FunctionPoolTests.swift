import Emulator
import NIOCore
import NIOPosix
import Testing

@Suite(.timeLimit(.minutes(1))) struct FunctionPoolTests {
    @Test func anIdleInstanceOnTheRequestsEventLoopIsPreferred() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let (loopA, loopB) = (group.next(), group.next())
        #expect(loopA !== loopB)
        let pool = FunctionPool(
            configuration: FunctionConfiguration(
                name: "Fixture-instance", command: [BuiltProducts.fixture], handler: "instance", timeout: .seconds(10), logs: .discard),
            maximumConcurrency: 2)
        func invoke(_ sleepMilliseconds: Int, on loop: any EventLoop) async throws -> String {
            let result = try await pool.startInvocation(InvocationRequest(payload: Array(String(sleepMilliseconds).utf8)), on: loop).get()
            #expect(result.isSuccess, "\(result.text)")
            return result.text
        }
        // Two at once: each starts its own instance, on the loop its request came in on.
        async let first = invoke(300, on: loopA)
        async let second = invoke(300, on: loopB)
        let (onA, onB) = try await (first, second)
        #expect(onA != onB)
        // One at a time: both are idle, and each request takes the one on its own loop (not just the last released).
        for _ in 0..<3 {
            #expect(try await invoke(0, on: loopA) == onA)
            #expect(try await invoke(0, on: loopB) == onB)
        }
        #expect(pool.statistics.coldStarts == 2)
        await pool.shutdown()
        try await group.shutdownGracefully()
    }
}
