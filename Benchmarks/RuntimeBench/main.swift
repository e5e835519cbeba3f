import Emulator
import Foundation

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
    _ = await instance.invoke(InvocationRequest(payload: Array("{}".utf8)))
    if let cold = instance.lastColdStart { coldStarts.append(milliseconds(cold)) }
    await instance.shutdown()
}
coldStarts.sort()
let median = coldStarts.isEmpty ? .nan : coldStarts[coldStarts.count / 2]

// Warm throughput: one instance, sequential invocations (Lambda serves one at a time per environment),
// driven from the instance's own event loop so results come back without a thread hop.
actor Driver {
    let instance: FunctionInstance
    nonisolated var unownedExecutor: UnownedSerialExecutor { instance.eventLoop.executor.asUnownedSerialExecutor() }
    init(instance: FunctionInstance) { self.instance = instance }

    func run(seconds: Double) async -> (count: Int, failures: Int, elapsed: Double) {
        let payload = Array("{}".utf8)
        for _ in 0..<200 { _ = await instance.invoke(InvocationRequest(payload: payload)) }
        var count = 0
        var failures = 0
        let start = ContinuousClock.now
        let end = start + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < end {
            for _ in 0..<50 {
                if case .failure = await instance.invoke(InvocationRequest(payload: payload)) { failures += 1 }
            }
            count += 50
        }
        return (count, failures, milliseconds(ContinuousClock.now - start) / 1000)
    }
}

let instance = FunctionInstance(configuration: configuration())
let (count, failures, elapsed) = await Driver(instance: instance).run(seconds: seconds)
await instance.shutdown()
let rate = Double(count) / elapsed
print(String(format: "%@\tinvocations_per_second=%.0f\tcold_start_median_ms=%.2f\tcold_start_min_ms=%.2f\tfailures=%d", label, rate, median, coldStarts.first ?? .nan, failures))
