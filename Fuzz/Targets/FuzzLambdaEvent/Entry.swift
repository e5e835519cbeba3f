import FuzzDriver
import FuzzHarness

/// Fuzzes `LambdaEventFuzzTarget` (see `runFuzzer`).
@main enum Entry {
    static func main() { runFuzzer(LambdaEventFuzzTarget.self) }
}
