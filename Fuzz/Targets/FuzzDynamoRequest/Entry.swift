import FuzzDriver
import FuzzHarness

/// Fuzzes `DynamoRequestFuzzTarget` (see `runFuzzer`).
@main enum Entry {
    static func main() { runFuzzer(DynamoRequestFuzzTarget.self) }
}
