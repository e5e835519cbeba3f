import ArgumentParser
import Emulator
import Foundation

/// `sluice start-lambda`: Lambda's Invoke API for every function of the template, like `sam local start-lambda`.
struct StartLambdaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start-lambda",
        abstract: "Serve Lambda's Invoke API for every function of template.yaml.",
        discussion: "Then: aws lambda invoke --endpoint-url http://127.0.0.1:3001 --function-name HelloFunction out.json")

    @OptionGroup var template: TemplateOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port = 3001
    @Option(help: "Warm instances per function that may run at once.") var maxConcurrency = 1
    @Flag(help: "Do not build: use the bootstraps as they are.") var skipBuild = false

    func run() async throws {
        try await Self.reportingErrors {
            let functions: LocalFunctions
            do {
                functions = try LocalFunctions(template: try template.load(), build: !skipBuild, maximumConcurrency: maxConcurrency)
            } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }
            let server: LoopbackHTTPServer
            do {
                server = try await InvokeEndpoint(functions: functions.pools).serve(host: host, port: port)
            } catch {
                throw CLIError("cannot listen on \(host):\(port): \(error) (is the port in use?)")
            }
            FileHandle.standardError.write(Data("sluice start-lambda: listening on \(host):\(server.port); functions: \(functions.pools.keys.sorted().joined(separator: ", "))\n".utf8))
            await ShutdownSignal.wait()
            await functions.shutdown()
            await server.close()
        }
    }
}
