import ArgumentParser
import Emulator
import Foundation
import SluiceTemplate

/// `sluice invoke`: runs one function of `template.yaml` once, like `sam local invoke`, without Docker.
struct InvokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoke",
        abstract: "Invoke a function of template.yaml once.",
        discussion: """
            The response goes to standard output, the function's logs to standard error. \
            Exit status: 0 on success, 1 when the function failed (its error JSON is printed), 2 for usage errors.
            """)

    @Argument(help: "The function's logical id (optional when the template has one function).") var logicalId: String?
    @Option(name: [.short, .customLong("event")], help: "Event JSON file, or - for standard input (default: {}).") var event: String?
    @OptionGroup var template: TemplateOptions
    @Flag(help: "Do not build: use the bootstrap as it is.") var skipBuild = false

    func run() async throws {
        let failed: Bool = try await Self.reportingErrors {
            let functions = try template.load()
            let all: [FunctionDefinition]
            do { all = try functions.functions(named: logicalId) } catch { throw CLIError("\(error)") }
            guard all.count == 1, let function = all.first else {
                throw CLIError("name the function to invoke: \(all.map(\.logicalId).joined(separator: ", "))")
            }
            let payload = try event.map(readInput) ?? Array("{}".utf8)
            guard (try? JSONSerialization.jsonObject(with: Data(payload), options: [.fragmentsAllowed])) != nil else {
                throw CLIError("event \(event ?? "") is not valid JSON")
            }
            let configuration: FunctionConfiguration
            do {
                if !skipBuild { try functions.build([function]) }
                configuration = try functions.configuration(for: function, logs: .standardError)
            } catch { throw CLIError("\(error)") }
            let instance = FunctionInstance(configuration: configuration)
            let result = await instance.invoke(InvocationRequest(payload: payload))
            await instance.shutdown()
            FileHandle.standardOutput.write(Data(result.payload + [10]))
            if case .failure(let failure) = result {
                FileHandle.standardError.write(Data("sluice: \(function.logicalId) failed: \(failure.errorType)\n".utf8))
                return true
            }
            return false
        }
        if failed { throw ExitCode(1) }
    }
}

/// The options every template-driven command shares.
struct TemplateOptions: ParsableArguments {
    @Option(name: [.short, .customLong("template")], help: "The SAM template.") var template = "template.yaml"
    @Option(name: [.customShort("n"), .customLong("env-vars")], help: "JSON file overriding environment variables, as SAM's --env-vars.") var envVars: String?
    @Option(help: "Region given to the functions (default: AWS_REGION or us-east-1).") var region: String?
    @Option(name: [.customShort("c"), .customLong("configuration")], help: "Build configuration of the Swift bootstraps: debug or release.")
    var configuration = "debug"

    func load() throws -> TemplateFunctions {
        guard FileManager.default.fileExists(atPath: template) else {
            throw CLIError("no template at \(template) (run in the project folder or pass --template)")
        }
        guard ["debug", "release"].contains(configuration) else {
            throw CLIError("--configuration is debug or release, not '\(configuration)'")
        }
        let shell = ProcessInfo.processInfo.environment
        do {
            return try TemplateFunctions(
                templatePath: template, region: region ?? shell["AWS_REGION"] ?? shell["AWS_DEFAULT_REGION"] ?? "us-east-1",
                envVarsPath: envVars, buildConfiguration: configuration)
        } catch { throw CLIError("\(error)") }
    }
}
