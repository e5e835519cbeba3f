import ArgumentParser
import Deploy
import Foundation

/// `sluice package`: Lambda deployment zips of the template's functions and a template that points at them.
struct PackageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Build every function in release, check it runs on provided.al2023, and zip it as bootstrap.",
        discussion: """
            Writes <output>/<LogicalId>.zip (bootstrap at the root, mode 0755) and <output>/packaged-template.yaml, \
            whose CodeUris point at the zips. Deploy with: \
            sam deploy --guided --template-file <output>/packaged-template.yaml
            """)

    @OptionGroup var template: TemplateOptions
    @Option(help: "x86_64 or arm64 (default: each function's Architectures). arm64 on an x86_64 machine needs a Swift SDK.")
    var arch: String?
    @Option(help: "Folder for the zips and the packaged template.") var output = ".sluice/package"
    @Option(name: .customLong("function"), help: "Package only this function (repeatable); default: all.") var only: [String] = []
    @Option(name: .customLong("build-flag"), help: ArgumentHelp("Extra swift build argument (repeatable), e.g. --build-flag=-Xswiftc --build-flag=-Osize.", visibility: .hidden))
    var buildFlags: [String] = []

    func run() async throws {
        try await Self.reportingErrors {
            if let arch, !["x86_64", "arm64"].contains(arch) { throw CLIError("--arch must be x86_64 or arm64, not '\(arch)'") }
            let packager = FunctionPackager(functions: try template.load(), outputDirectory: output, architecture: arch, buildFlags: buildFlags)
            let log = { (line: String) in FileHandle.standardError.write(Data("sluice package: \(line)\n".utf8)) }
            do {
                let results = try packager.package(functions: only) { FileHandle.standardOutput.write(Data("\($0)\n".utf8)) }
                let total = results.reduce(0) { $0 + $1.size }
                log("\(results.count) function(s), \(total) bytes of zips; template: \(packager.outputDirectory)/\(FunctionPackager.templateName)")
            } catch { throw CLIError("\(error)") }
        }
    }
}
