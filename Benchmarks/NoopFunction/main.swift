import LambdaRuntime

// The benchmark's no-op function: answers every event with `null`.
let null: [UInt8] = Array("null".utf8)
Lambda.run { _, _ in null }
