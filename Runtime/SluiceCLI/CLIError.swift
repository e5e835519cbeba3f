import ArgumentParser
import Foundation

/// A user-facing failure: one line on standard error and exit status 2.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

extension ParsableCommand {
    /// Runs `body`, turning `CLIError` (and any other error) into one line on stderr and exit 2.
    static func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("sluice: \(error.message)\n".utf8))
            throw ExitCode(2)
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("sluice: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// Reads a whole file or standard input (`-`).
func readInput(_ path: String) throws -> [UInt8] {
    if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIError("cannot read '\(path)': no such file or not readable")
    }
    return Array(data)
}
