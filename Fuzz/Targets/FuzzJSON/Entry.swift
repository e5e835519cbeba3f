import FuzzDriver
import FuzzHarness

/// libFuzzer's entry point: one input to `JSONFuzzTarget`; a broken promise traps so the fuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if case .violated(let reason) = JSONFuzzTarget.run(bytes) { fatalError(reason) }
    return 0
}

/// SwiftPM links executables with its own `main`, so libFuzzer's is not used: hand it the arguments.
@main enum Entry {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzz))
    }
}
