import Foundation
import TestSupport

/// The repository's root (for template.yaml and scripts/).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// Compiles C `source` with gcc into `directory/name`; returns the executable's path.
func compileC(_ source: String, named name: String, in directory: String, flags: [String] = []) throws -> String {
    let file = directory + "/\(name).c"
    try source.write(toFile: file, atomically: true, encoding: .utf8)
    let output = directory + "/\(name)"
    let result = try runProgram(["gcc", "-O1", "-o", output, file] + flags, in: directory)
    guard result.status == 0 else { throw CompileError(output: result.output) }
    return output
}

struct CompileError: Error { var output: String }

func bytes(of path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw CompileError(output: "cannot read \(path)") }
    return Array(data)
}
