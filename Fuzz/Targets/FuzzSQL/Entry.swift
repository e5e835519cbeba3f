import FuzzDriver
import FuzzHarness

/// Fuzzes `SQLFuzzTarget` (see `runFuzzer`).
@main enum Entry {
    static func main() { runFuzzer(SQLFuzzTarget.self) }
}
