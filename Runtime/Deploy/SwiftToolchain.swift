import Foundation

/// The `swift` and binutils commands `sluice package` runs: release builds with the standard library linked
/// statically, the build's binary folder, installed Swift SDKs (for cross builds) and stripping.
public struct SwiftToolchain: Sendable {
    /// The package folder (holding `Package.swift`).
    public var projectDirectory: String
    /// Extra `swift build` arguments (e.g. `--scratch-path DIR`, `-Xswiftc -Osize`).
    public var buildFlags: [String]

    public init(projectDirectory: String, buildFlags: [String] = []) {
        self.projectDirectory = projectDirectory
        self.buildFlags = buildFlags
    }

    /// Lambda's name for the machine we run on.
    public static var hostArchitecture: String {
        #if arch(arm64)
        "arm64"
        #else
        "x86_64"
        #endif
    }

    /// `swift build` flags of a release bootstrap, for `sdk` (nil: the host toolchain).
    public func releaseFlags(sdk: String?) -> [String] {
        ["-c", "release", "--static-swift-stdlib"] + (sdk.map { ["--swift-sdk", $0] } ?? []) + buildFlags
    }

    /// Builds `product` in release; SwiftPM's incremental build reuses whatever is already built.
    /// The compiler's output goes to our standard error.
    public func buildRelease(product: String, sdk: String?) throws(PackageError) {
        let status = Self.run(["swift", "build"] + releaseFlags(sdk: sdk) + ["--product", product], in: projectDirectory, capture: false)
        guard status.code == 0 else { throw .buildFailed(product: product, status: status.code) }
    }

    /// The folder SwiftPM puts release binaries in for `sdk`.
    public func binaryDirectory(sdk: String?) throws(PackageError) -> String {
        let result = Self.run(["swift", "build"] + releaseFlags(sdk: sdk) + ["--show-bin-path"], in: projectDirectory, capture: true)
        let path = result.output.split(separator: "\n").last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
        guard result.code == 0, !path.isEmpty else { throw .toolFailed(command: "swift build --show-bin-path", output: result.output) }
        return path
    }

    /// The Swift SDK to cross-build for `architecture` with, from `swift sdk list`: the Static Linux SDK
    /// (its `aarch64-swift-linux-musl` / `x86_64-swift-linux-musl` target) or an SDK named for the architecture.
    public func crossSDK(for architecture: String) throws(PackageError) -> String {
        let result = Self.run(["swift", "sdk", "list"], in: projectDirectory, capture: true)
        let installed = result.code == 0
            ? result.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("No Swift SDKs") }
            : []
        let machine = architecture == "arm64" ? "aarch64" : "x86_64"
        if installed.contains(where: { $0.contains("static-linux") }) { return "\(machine)-swift-linux-musl" }
        if let named = installed.first(where: { $0.contains(machine) || $0.contains(architecture) }) { return named }
        throw .noSwiftSDK(architecture: architecture, host: Self.hostArchitecture, installed: installed)
    }

    /// Writes a copy of `source` without symbols to `destination` (llvm-objcopy from the Swift toolchain,
    /// which strips any architecture, else binutils' strip).
    public func strip(_ source: String, to destination: String) throws(PackageError) {
        let objcopy = Self.run(["llvm-objcopy", "--strip-all", source, destination], in: projectDirectory, capture: true)
        if objcopy.code == 0 { return }
        let strip = Self.run(["strip", "-o", destination, source], in: projectDirectory, capture: true)
        guard strip.code == 0 else { throw .toolFailed(command: "llvm-objcopy --strip-all / strip", output: objcopy.output + strip.output) }
    }

    /// Runs a command through `env`; with `capture`, returns its standard output and error, else passes
    /// them on to our standard error.
    static func run(_ arguments: [String], in directory: String, capture: Bool) -> (code: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = capture ? pipe : FileHandle.standardError
        process.standardError = capture ? pipe : FileHandle.standardError
        do { try process.run() } catch { return (-1, "cannot run \(arguments[0]): \(error)") }
        let output = capture ? String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) : ""
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
