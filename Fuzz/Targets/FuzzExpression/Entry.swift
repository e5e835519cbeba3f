import FuzzDriver
import FuzzHarness

/// Fuzzes `ExpressionFuzzTarget` (see `runFuzzer`).
@main enum Entry {
    static func main() { runFuzzer(ExpressionFuzzTarget.self) }
}
