import Foundation

/// A python3 script that failed, with what it printed on stderr.
public struct PythonFailure: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Runs `python3 -c script arguments…` and returns its stdout. A missing module (pyarrow, duckdb, boto3)
/// is reported as such, with the command that installs it.
public func python(_ script: String, _ arguments: [String] = []) throws -> String {
    let run = try runProgram(["python3", "-c", script] + arguments)
    if run.stderr.contains("ModuleNotFoundError") {
        throw PythonFailure(description: "python packages missing — run scripts/setup (pip install pyarrow duckdb boto3): \(run.stderr)")
    }
    guard run.status == 0 else { throw PythonFailure(description: "python3 exited \(run.status): \(run.stderr)") }
    return run.stdout
}

/// The JSON object a script printed.
public func jsonObject(_ text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw PythonFailure(description: "not a JSON object: \(text)")
    }
    return object
}
