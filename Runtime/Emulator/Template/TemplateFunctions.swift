import Foundation
import SluiceTemplate

/// Turns a template's functions into emulator configurations: environment resolved (with `--env-vars`
/// overrides), bootstrap found or built, code folder set. Shared by `invoke`, `start-lambda` and later `dev`.
public struct TemplateFunctions: Sendable {
    public let template: SAMTemplate
    public let templatePath: String
    public let region: String
    public let overrides: EnvironmentOverrides?
    /// The SwiftPM build configuration of the Swift bootstraps: `debug` or `release`.
    public let buildConfiguration: String

    public init(templatePath: String, region: String, envVarsPath: String? = nil, buildConfiguration: String = "debug") throws {
        self.templatePath = URL(fileURLWithPath: templatePath).standardizedFileURL.path
        self.template = try SAMTemplate(contentsOfFile: self.templatePath)
        self.region = region
        self.overrides = try envVarsPath.map { try EnvironmentOverrides(contentsOfFile: $0) }
        self.buildConfiguration = buildConfiguration
    }

    /// The folder holding the template (and the Swift package).
    public var projectDirectory: String { URL(fileURLWithPath: templatePath).deletingLastPathComponent().path }

    public var resolver: LocalResolver { LocalResolver(template: template, options: ResolverOptions(region: region)) }

    /// All functions, or the one named.
    public func functions(named name: String? = nil) throws -> [FunctionDefinition] {
        if let name { return [try template.function(named: name, resolver: resolver)] }
        return try template.functions(resolver: resolver)
    }

    /// Builds the Swift products of `functions` in one `swift build`.
    public func build(_ functions: [FunctionDefinition]) throws {
        let builder = FunctionBuild(projectDirectory: projectDirectory, configuration: buildConfiguration)
        let products = functions.filter { !hasReadyBootstrap($0) && InterpretedRuntime($0) == nil }.compactMap(FunctionBuild.product(of:))
        if !products.isEmpty { try builder.build(products: Array(Set(products)).sorted()) }
    }

    /// The emulator configuration of one function (its bootstrap must exist: see `build`).
    public func configuration(for function: FunctionDefinition, logs: LogSink) throws -> FunctionConfiguration {
        let environment = try function.environment(overrides: overrides)
        let command = try FunctionBuild(projectDirectory: projectDirectory, configuration: buildConfiguration)
            .bootstrap(for: function, build: false)
        let codeDirectory = function.codeUri.map { URL(fileURLWithPath: projectDirectory).appendingPathComponent($0).path }
            .flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil } ?? projectDirectory
        return FunctionConfiguration(
            function: function, command: command, environment: environment, codeDirectory: codeDirectory,
            region: region, logs: logs)
    }

    private func hasReadyBootstrap(_ function: FunctionDefinition) -> Bool {
        guard let uri = function.codeUri else { return false }
        let path = URL(fileURLWithPath: projectDirectory).appendingPathComponent(uri).appendingPathComponent("bootstrap").path
        return FileManager.default.isExecutableFile(atPath: path)
    }
}
