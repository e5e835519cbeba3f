import FuzzDriver
import FuzzHarness

/// Fuzzes `ParquetFuzzTarget` (see `runFuzzer`).
@main enum Entry {
    static func main() { runFuzzer(ParquetFuzzTarget.self) }
}
