import Foundation

/// The repository's root (for template.yaml and scripts/).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// A fresh temporary directory.
func scratchDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-deploy-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Runs a program to completion through `env`; returns its status and combined output.
@discardableResult
func execute(_ arguments: [String], in directory: String? = nil, stdin: String? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let pipe = Pipe(), input = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// Compiles C `source` with gcc into `directory/name`; returns the executable's path.
func compileC(_ source: String, named name: String, in directory: String, flags: [String] = []) throws -> String {
    let file = directory + "/\(name).c"
    try source.write(toFile: file, atomically: true, encoding: .utf8)
    let output = directory + "/\(name)"
    let result = try execute(["gcc", "-O1", "-o", output, file] + flags, in: directory)
    guard result.status == 0 else { throw CompileError(output: result.output) }
    return output
}

struct CompileError: Error { var output: String }

func bytes(of path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw CompileError(output: "cannot read \(path)") }
    return Array(data)
}
