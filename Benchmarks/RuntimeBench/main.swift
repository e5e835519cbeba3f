import Emulator
import Foundation
import NIOCore

// Drives bootstraps through the Runtime API emulator, in process, and prints:
//   invocations per second of sequential no-op invocations (warm), and
//   cold start: process spawn → first GET /next, median of N spawns.
// Usage: RuntimeBench <label> <seconds> <spawns> -- <command…>

let arguments = CommandLine.arguments
guard let separator = arguments.firstIndex(of: "--"), separator >= 4 else {
    print("usage: RuntimeBench <label> <seconds> <spawns> -- <command…>")
    exit(2)
}
let label = arguments[1]
let seconds = Double(arguments[2]) ?? 10
let spawns = Int(arguments[3]) ?? 20
let command = Array(arguments[(separator + 1)...])
let handler = command.count > 1 ? command.last! : "bootstrap"

func configuration() -> FunctionConfiguration {
    FunctionConfiguration(name: "bench", command: command, handler: handler, timeout: .seconds(30), logs: .discard)
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

// Cold starts: a fresh process each time.
var coldStarts: [Double] = []
for _ in 0..<spawns {
    let instance = FunctionInstance(configuration: configuration())
    let coldResult = await instance.invoke(InvocationRequest(payload: Array("{}".utf8)))
    if case .failure(let failure) = coldResult { print("cold invocation failed: \(failure)") }
    if let cold = instance.lastColdStart { coldStarts.append(milliseconds(cold)) }
    await instance.shutdown()
}
coldStarts.sort()
let median = coldStarts.isEmpty ? .nan : coldStarts[coldStarts.count / 2]

// Warm throughput: one instance, sequential invocations (Lambda serves one at a time per environment),
// driven on the instance's own event loop through its future API, so each result arrives and the next
// invocation leaves in the same event-loop turn, with no task or thread hop in between.
final class Driver: Sendable {
    let instance: FunctionInstance
    let payload = Array("{}".utf8)
    init(instance: FunctionInstance) { self.instance = instance }

    /// Invokes back to back until `end`; counts invocations and failures.
    func run(until end: ContinuousClock.Instant) -> EventLoopFuture<(count: Int, failures: Int)> {
        let loop = instance.eventLoop
        return loop.flatSubmit { [self] in
            let done = loop.makePromise(of: (count: Int, failures: Int).self)
            let counts = NIOLoopBoundBox((count: 0, failures: 0), eventLoop: loop)
            @Sendable func next() {
                instance.startInvocation(InvocationRequest(payload: payload)).whenSuccess { result in
                    if case .failure = result { counts.value.failures += 1 }
                    counts.value.count += 1
                    // The clock is read every 50 invocations, as the loop used to.
                    if counts.value.count % 50 == 0, ContinuousClock.now >= end { done.succeed(counts.value) } else { next() }
                }
            }
            next()
            return done.futureResult
        }
    }
}

let instance = FunctionInstance(configuration: configuration())
let driver = Driver(instance: instance)
_ = try await driver.run(until: .now + .milliseconds(200)).get()  // warm up
let start = ContinuousClock.now
let (count, failures) = try await driver.run(until: start + .milliseconds(Int(seconds * 1000))).get()
let elapsed = milliseconds(ContinuousClock.now - start) / 1000
await instance.shutdown()
let rate = Double(count) / elapsed
print(String(format: "%@\tinvocations_per_second=%.0f\tcold_start_median_ms=%.2f\tcold_start_min_ms=%.2f\tfailures=%d", label, rate, median, coldStarts.first ?? .nan, failures))
