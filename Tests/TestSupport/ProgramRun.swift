import Foundation

/// A program run to completion: its exit status and what it wrote.
public struct ProgramRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// stdout and then stderr, for messages.
    public var output: String { stdout + stderr }
}

/// Runs `arguments` to completion: the program at `executable`, else the first argument found on `PATH`
/// (through `/usr/bin/env`), with `environment` added to this process's, in `directory` when given, with
/// `stdin` as its input.
@discardableResult
public func runProgram(
    _ arguments: [String], executable: String? = nil, environment: [String: String] = [:], in directory: String? = nil,
    stdin: String? = nil
) throws -> ProgramRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable ?? "/usr/bin/env")
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    // stderr is read on its own thread: a program that fills one pipe while we wait on the other would hang.
    let errors = ErrorStream(err.fileHandleForReading)
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = errors.wait()
    process.waitUntilExit()
    return ProgramRun(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

/// Reads a pipe to its end on a thread of its own.
private final class ErrorStream: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
