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
    @Option(name: [.short, .customLong("template")], help: "The SAM template.") var template = "template.yaml"
    @Option(name: [.customShort("n"), .customLong("env-vars")], help: "JSON file overriding environment variables, as SAM's --env-vars.") var envVars: String?
    @Option(help: "Region given to the function.") var region: String?
    @Flag(help: "Do not build: use the bootstrap as it is.") var skipBuild = false

    func run() async throws {
        let failed: Bool = try await Self.reportingErrors {
            let templatePath = URL(fileURLWithPath: template).standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: templatePath) else {
                throw CLIError("no template at \(template) (run in the project folder or pass --template)")
            }
            let parsed: SAMTemplate
            do { parsed = try SAMTemplate(contentsOfFile: templatePath) } catch { throw CLIError("\(error)") }
            let shell = ProcessInfo.processInfo.environment
            let regionName = region ?? shell["AWS_REGION"] ?? shell["AWS_DEFAULT_REGION"] ?? "us-east-1"
            let resolver = LocalResolver(template: parsed, options: ResolverOptions(region: regionName))
            let function: FunctionDefinition
            do {
                if let logicalId {
                    function = try parsed.function(named: logicalId, resolver: resolver)
                } else {
                    let all = try parsed.functions(resolver: resolver)
                    guard all.count == 1, let only = all.first else {
                        throw CLIError("name the function to invoke: \(all.map(\.logicalId).joined(separator: ", "))")
                    }
                    function = only
                }
            } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }

            let payload = try event.map(readInput) ?? Array("{}".utf8)
            guard (try? JSONSerialization.jsonObject(with: Data(payload), options: [.fragmentsAllowed])) != nil else {
                throw CLIError("event \(event ?? "") is not valid JSON")
            }
            var overrides: EnvironmentOverrides?
            if let envVars {
                do { overrides = try EnvironmentOverrides(contentsOfFile: envVars) } catch { throw CLIError("\(error)") }
            }
            let environment: [String: String]
            do { environment = try function.environment(overrides: overrides, shellEnvironment: [:]) } catch {
                throw CLIError("\(error)")
            }

            let projectDirectory = URL(fileURLWithPath: templatePath).deletingLastPathComponent().path
            let command: [String]
            do {
                command = try FunctionBuild(projectDirectory: projectDirectory).bootstrap(for: function, build: !skipBuild)
            } catch { throw CLIError("\(error)") }
            let codeDirectory = function.codeUri.map { URL(fileURLWithPath: projectDirectory).appendingPathComponent($0).path }
            let instance = FunctionInstance(configuration: FunctionConfiguration(
                function: function, command: command, environment: environment,
                codeDirectory: codeDirectory.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil } ?? projectDirectory,
                region: regionName, logs: .standardError))
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
