/// What one fuzz input did to a target: accepted, rejected with the typed error the API promises,
/// or a broken promise (a wrong error type, a round trip that changes the value). A crash is the
/// fourth outcome, and the fuzzer reports that one itself.
public enum FuzzOutcome: Sendable, Equatable {
    case accepted
    /// Refused with the promised error (its message).
    case rejected(String)
    case violated(String)

    /// Whether the target kept its promises for this input.
    public var isSound: Bool {
        if case .violated = self { return false }
        return true
    }
}

/// One fuzz target: the function libFuzzer calls with each input, also replayed by the regression tests.
public protocol FuzzTarget {
    /// The corpus folder's name under `Fuzz/Corpus/` and `Fuzz/Regressions/`.
    static var name: String { get }
    static func run(_ bytes: [UInt8]) -> FuzzOutcome
}

/// The targets, by corpus name.
public enum FuzzTargets {
    public static let all: [(name: String, run: @Sendable ([UInt8]) -> FuzzOutcome)] = [
        (ExpressionFuzzTarget.name, ExpressionFuzzTarget.run), (DynamoRequestFuzzTarget.name, DynamoRequestFuzzTarget.run),
        (LambdaEventFuzzTarget.name, LambdaEventFuzzTarget.run), (ParquetFuzzTarget.name, ParquetFuzzTarget.run),
        (JSONFuzzTarget.name, JSONFuzzTarget.run), (SQLFuzzTarget.name, SQLFuzzTarget.run),
    ]
}
