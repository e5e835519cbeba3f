import Emulator
import Foundation
import SluiceCrypto
import SluiceTemplate

/// `sluice package`: turns the template's custom-runtime functions into Lambda deployment packages.
///
/// For each function it finds the executable the way `sluice invoke` does (`FunctionBuild`: a ready
/// `bootstrap` in the `CodeUri` folder, else the SwiftPM product named by `Metadata.SwiftProduct` or the
/// folder's name), builds it in release with the Swift standard library linked statically, strips it, checks
/// that it starts on `provided.al2023` (`AL2023Compatibility`), and zips it as `bootstrap` (mode 0755) into
/// `<output>/<LogicalId>.zip`. Then it writes `<output>/packaged-template.yaml` pointing each `CodeUri` at its zip.
///
/// A function whose binary has not changed since its zip was written (same SHA-256, kept in
/// `<output>/.<LogicalId>.sha256`) is not stripped or zipped again and is reported `unchanged`.
public struct FunctionPackager: Sendable {
    public var functions: TemplateFunctions
    public var outputDirectory: String
    /// Build every function for this architecture instead of the template's `Architectures`.
    public var architecture: String?
    public var toolchain: SwiftToolchain

    /// The packaged template's file name in the output folder.
    public static let templateName = "packaged-template.yaml"

    public init(functions: TemplateFunctions, outputDirectory: String, architecture: String? = nil, buildFlags: [String] = []) {
        self.functions = functions
        self.outputDirectory = URL(fileURLWithPath: outputDirectory).standardizedFileURL.path
        self.architecture = architecture
        self.toolchain = SwiftToolchain(projectDirectory: functions.projectDirectory, buildFlags: buildFlags)
    }

    /// One function's package.
    public struct Result: Sendable {
        public var logicalId: String
        public var architecture: String
        public var zipPath: String
        /// The zip's size in bytes.
        public var size: Int
        /// The stripped bootstrap's size in bytes.
        public var bootstrapSize: Int
        /// True when the zip was already up to date.
        public var unchanged: Bool
    }

    /// The functions `sluice package` handles: `provided.*` runtimes with a local `CodeUri`.
    public func packageableFunctions(named names: [String] = []) throws(PackageError) -> [FunctionDefinition] {
        let all: [FunctionDefinition]
        do { all = try functions.functions() } catch { throw .template("\(error)") }
        let eligible = all.filter { ($0.runtime ?? "").hasPrefix("provided") && $0.codeUri.map { !$0.hasPrefix("s3://") } == true }
        guard !names.isEmpty else { return eligible }
        return try names.map { name throws(PackageError) in
            guard let function = eligible.first(where: { $0.logicalId == name }) else {
                throw .unknownFunction(name, available: eligible.map(\.logicalId))
            }
            return function
        }
    }

    /// Packages `selected` (all packageable functions when empty), then writes the packaged template.
    /// `progress` receives one line per function. A function that fails does not stop the others; the
    /// error (or `.several`) is thrown at the end, after the template is written for those that worked.
    public func package(functions selected: [String] = [], progress: (String) -> Void = { _ in }) throws(PackageError) -> [Result] {
        let chosen = try packageableFunctions(named: selected)
        var sdks: [String: String?] = [:]
        for function in chosen {
            let target = architecture ?? function.architectures.first ?? "x86_64"
            if sdks[target] == nil {
                sdks[target] = target == SwiftToolchain.hostArchitecture ? .some(nil) : .some(try toolchain.crossSDK(for: target))
            }
        }
        try createOutputDirectory()
        var results: [Result] = []
        var failures: [PackageError] = []
        for function in chosen {
            let target = architecture ?? function.architectures.first ?? "x86_64"
            do {
                let result = try package(function, architecture: target, sdk: sdks[target] ?? nil)
                progress(Self.summary(of: result, base: functions.projectDirectory))
                results.append(result)
            } catch {
                // A zip from an earlier run no longer matches the code: the packaged template must not point at it.
                for stale in ["/\(function.logicalId).zip", "/.\(function.logicalId).sha256"] {
                    try? FileManager.default.removeItem(atPath: outputDirectory + stale)
                }
                progress("\(function.logicalId)  \(target)  FAILED")
                failures.append(error)
            }
        }
        try writeTemplate()
        if failures.count == 1, let only = failures.first { throw only }
        if failures.count > 1 { throw .several(failures) }
        return results
    }

    /// Builds (when it comes from SwiftPM), strips, checks and zips one function.
    func package(_ function: FunctionDefinition, architecture target: String, sdk: String?) throws(PackageError) -> Result {
        let binary = try executable(of: function, sdk: sdk)
        guard let original = FileManager.default.contents(atPath: binary) else { throw .unreadable(path: binary) }
        let zipPath = outputDirectory + "/\(function.logicalId).zip"
        let stampPath = outputDirectory + "/.\(function.logicalId).sha256"
        let stamp = "\(target) " + Digest.hex(Digest.sha256(original))
        // The stamp file holds "<architecture> <sha-256 of the unstripped binary> <stripped size>".
        if let previous = try? String(contentsOfFile: stampPath, encoding: .utf8), previous.hasPrefix(stamp + " "),
            let size = Self.fileSize(zipPath)
        {
            let bootstrapSize = Int(previous.dropFirst(stamp.count + 1)) ?? 0
            return Result(
                logicalId: function.logicalId, architecture: target, zipPath: zipPath, size: size, bootstrapSize: bootstrapSize,
                unchanged: true)
        }
        let strippedPath = outputDirectory + "/.\(function.logicalId).bootstrap"
        defer { try? FileManager.default.removeItem(atPath: strippedPath) }
        try toolchain.strip(binary, to: strippedPath)
        guard let stripped = FileManager.default.contents(atPath: strippedPath).map(Array.init) else { throw .unreadable(path: strippedPath) }
        try Self.check(stripped, function: function.logicalId, binary: binary, architecture: target)
        let zip: [UInt8]
        do { zip = try ZipArchive(entries: [.init(name: "bootstrap", contents: stripped, mode: 0o755)]).bytes() } catch { throw .zip(error) }
        try Self.write(zip, to: zipPath)
        try Self.write(Array("\(stamp) \(stripped.count)".utf8), to: stampPath)
        return Result(
            logicalId: function.logicalId, architecture: target, zipPath: zipPath, size: zip.count, bootstrapSize: stripped.count,
            unchanged: false)
    }

    /// Fails with every `provided.al2023` problem of the executable `bytes`.
    public static func check(_ bytes: [UInt8], function: String, binary: String, architecture: String) throws(PackageError) {
        let file: ELFFile
        do { file = try ELFFile(bytes: bytes) } catch { throw .notELF(function: function, binary: binary, reason: error) }
        let problems = AL2023Compatibility(architecture: architecture).problems(of: file)
        guard problems.isEmpty else { throw .incompatible(function: function, binary: binary, problems: problems) }
    }

    /// The function's executable: a ready `bootstrap` in its CodeUri folder, else its SwiftPM product built in release.
    private func executable(of function: FunctionDefinition, sdk: String?) throws(PackageError) -> String {
        if let uri = function.codeUri {
            let ready = URL(fileURLWithPath: functions.projectDirectory).appendingPathComponent(uri).appendingPathComponent("bootstrap").path
            if FileManager.default.isExecutableFile(atPath: ready) { return ready }
        }
        guard let product = FunctionBuild.product(of: function) else { throw .noProduct(function: function.logicalId) }
        try toolchain.buildRelease(product: product, sdk: sdk)
        return try toolchain.binaryDirectory(sdk: sdk) + "/" + product
    }

    /// Writes the packaged template: every function with a zip in the output folder points at it.
    private func writeTemplate() throws(PackageError) {
        let text: String
        do { text = try String(contentsOfFile: functions.templatePath, encoding: .utf8) } catch { throw .unreadable(path: functions.templatePath) }
        let all = try packageableFunctions()
        var edits: [PackagedTemplate.Edit] = []
        for function in all where FileManager.default.fileExists(atPath: outputDirectory + "/\(function.logicalId).zip") {
            let stamp = try? String(contentsOfFile: outputDirectory + "/.\(function.logicalId).sha256", encoding: .utf8)
            let built = stamp?.split(separator: " ").first.map(String.init)
            let change = built.flatMap { $0 == function.architectures.first ? nil : $0 }
            edits.append(.init(logicalId: function.logicalId, codeUri: "\(function.logicalId).zip", architecture: change))
        }
        let rewritten = try PackagedTemplate(text: text, template: functions.template).rewritten(edits)
        try Self.write(Array(rewritten.utf8), to: outputDirectory + "/" + Self.templateName)
    }

    /// `HelloFunction  x86_64  1.2 MB zip (4.5 MB bootstrap)  .sluice/package/HelloFunction.zip  unchanged`
    static func summary(of result: Result, base: String) -> String {
        let shown = result.zipPath.hasPrefix(base + "/") ? String(result.zipPath.dropFirst(base.count + 1)) : result.zipPath
        var line = "\(result.logicalId)  \(result.architecture)  \(megabytes(result.size)) zip"
        if result.bootstrapSize > 0 { line += " (\(megabytes(result.bootstrapSize)) bootstrap)" }
        return line + "  \(shown)" + (result.unchanged ? "  unchanged" : "")
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    private func createOutputDirectory() throws(PackageError) {
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch { throw .unwritable(path: outputDirectory, reason: "\(error)") }
    }

    private static func fileSize(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    }

    /// Writes to a temporary name, then renames: a reader never sees half a zip.
    private static func write(_ bytes: [UInt8], to path: String) throws(PackageError) {
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw .unwritable(path: path, reason: "cannot create \(temporary)")
        }
        guard rename(temporary, path) == 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
    }
}
