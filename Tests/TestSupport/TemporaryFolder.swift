import Foundation

/// A fresh, empty folder under the system's temporary directory, named `<prefix>-<uuid>`.
public func temporaryFolder(_ prefix: String = "sluice-test") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
