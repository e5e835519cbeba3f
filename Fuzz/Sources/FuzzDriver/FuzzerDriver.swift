#if canImport(Glibc)
@_exported import Glibc
#endif
import FuzzHarness

/// libFuzzer's driver (`int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*cb)(const uint8_t *, size_t))`),
/// linked in by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The target this executable fuzzes (set once, before libFuzzer starts).
nonisolated(unsafe) private var currentTarget: (([UInt8]) -> FuzzOutcome)?

/// libFuzzer's entry point: one input to the current target; a broken promise traps so the fuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if case .violated(let reason) = currentTarget?(bytes) { fatalError(reason) }
    return 0
}

/// Runs libFuzzer on `target` with the process's arguments. SwiftPM links executables with its own
/// `main`, so libFuzzer's is not used: each fuzz executable's `main` calls this.
public func runFuzzer<Target: FuzzTarget>(_ target: Target.Type) -> Never {
    currentTarget = Target.run
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
}
