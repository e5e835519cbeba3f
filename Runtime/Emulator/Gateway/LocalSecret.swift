import Foundation
import SluiceCrypto

/// The HS256 secret that stands in for the JWT issuer locally: `SLUICE_JWT_SECRET`, else a random
/// secret created once in the data directory (`<data>/secret`, mode 0600) and reused.
public enum LocalSecret {
    public static func load(dataDirectory: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [UInt8] {
        if let value = environment["SLUICE_JWT_SECRET"], !value.isEmpty { return Array(value.utf8) }
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("secret").path
        if let existing = FileManager.default.contents(atPath: path), !existing.isEmpty {
            return Array(String(decoding: existing, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let secret = Digest.hex(Digest.randomBytes(32))
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        // Another process may have created it meanwhile: keep the first one.
        if link(temporary, path) != 0 {
            unlink(temporary)
            return try load(dataDirectory: dataDirectory, environment: [:])
        }
        unlink(temporary)
        return Array(secret.utf8)
    }
}
