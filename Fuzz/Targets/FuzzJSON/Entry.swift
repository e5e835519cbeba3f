import FuzzDriver
import FuzzHarness

/// Fuzzes `JSONFuzzTarget` (see `runFuzzer`).
@main enum Entry {
    static func main() { runFuzzer(JSONFuzzTarget.self) }
}
