/// Why `sluice package` stopped. Each message says what to do about it.
public enum PackageError: Error, CustomStringConvertible, Sendable, Equatable {
    case template(String)
    case unknownFunction(String, available: [String])
    case noProduct(function: String)
    case buildFailed(product: String, status: Int32)
    case toolFailed(command: String, output: String)
    case noSwiftSDK(architecture: String, host: String, installed: [String])
    case incompatible(function: String, binary: String, problems: [AL2023Problem])
    case unreadable(path: String)
    case unwritable(path: String, reason: String)
    case zip(ZipArchiveError)
    case notELF(function: String, binary: String, reason: ELFError)
    case templateEdit(function: String, reason: String)
    case several([PackageError])

    public var description: String {
        switch self {
        case .template(let reason):
            return reason
        case .unknownFunction(let name, let available):
            return "no function '\(name)' in the template (functions: \(available.joined(separator: ", ")))"
        case .noProduct(let function):
            return "function '\(function)' has no CodeUri folder with a bootstrap and no Metadata.SwiftProduct naming its executable"
        case .buildFailed(let product, let status):
            return "swift build of \(product) failed (exit \(status)): see the compiler output above"
        case .toolFailed(let command, let output):
            return "\(command) failed: \(output.split(separator: "\n").last ?? "")"
        case .noSwiftSDK(let architecture, let host, let installed):
            let have = installed.isEmpty ? "no Swift SDK is installed" : "installed Swift SDKs (\(installed.joined(separator: ", "))) have none for \(architecture)"
            return "cannot build for \(architecture) on this \(host) machine: \(have). Install the Static Linux SDK "
                + "(swift sdk install <URL and checksum from https://www.swift.org/install/>) and run again, "
                + "or package with --arch \(host)"
        case .incompatible(let function, let binary, let problems):
            return "\(function): \(binary) would not start on provided.al2023: "
                + problems.map(\.description).joined(separator: "; ")
        case .unreadable(let path):
            return "cannot read \(path)"
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .zip(let error):
            return error.description
        case .notELF(let function, let binary, let reason):
            return "\(function): \(binary): \(reason)"
        case .templateEdit(let function, let reason):
            return "cannot write the packaged template for \(function): \(reason)"
        case .several(let errors):
            return "\(errors.count) functions failed: " + errors.map(\.description).joined(separator: " | ")
        }
    }
}
