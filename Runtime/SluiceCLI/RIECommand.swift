import ArgumentParser
import Emulator
import Foundation

/// `sluice rie`: AWS's Runtime Interface Emulator, for any runtime in any language.
struct RIECommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rie",
        abstract: "Serve Lambda's invoke endpoint for one bootstrap command, like aws-lambda-rie.",
        discussion: """
            Invoke with: curl -d '{}' http://127.0.0.1:8080/2015-03-31/functions/function/invocations
            Defaults follow aws-lambda-rie and its variables AWS_LAMBDA_FUNCTION_TIMEOUT, \
            AWS_LAMBDA_FUNCTION_NAME, AWS_LAMBDA_FUNCTION_MEMORY_SIZE.
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port of the invoke endpoint (0 picks a free one).") var port = 8080
    @Option(help: "Invocation timeout in seconds (default: AWS_LAMBDA_FUNCTION_TIMEOUT or 300).") var timeout: Double?
    @Option(help: "Memory size in MB reported to the function.") var memory: Int?
    @Option(help: "Function name.") var name: String?
    @Option(help: "The _HANDLER value (for runtimes that read it, e.g. awslambdaric's module.function).") var handler: String?
    @Option(help: "Warm instances that may run at once.") var maxConcurrency = 1
    @Argument(parsing: .postTerminator, help: "The bootstrap command and its arguments (after --).") var command: [String] = []

    func run() async throws {
        try await Self.reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            guard !command.isEmpty else { throw CLIError("give the bootstrap command after --, e.g. sluice rie -- ./bootstrap") }
            let seconds = timeout ?? environment["AWS_LAMBDA_FUNCTION_TIMEOUT"].flatMap(Double.init) ?? 300
            let configuration = FunctionConfiguration(
                name: name ?? environment["AWS_LAMBDA_FUNCTION_NAME"] ?? "function",
                command: command,
                handler: handler ?? (command.count > 1 ? command.last! : command[0]),
                timeout: .milliseconds(Int(seconds * 1000)),
                memorySizeMB: memory ?? environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"].flatMap(Int.init) ?? 3008,
                region: environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1")
            let pool = FunctionPool(configuration: configuration, maximumConcurrency: maxConcurrency)
            let server: LoopbackHTTPServer
            do {
                server = try await InvokeEndpoint(functions: [configuration.name: pool]).serve(host: host, port: port)
            } catch {
                throw CLIError("cannot listen on \(host):\(port): \(error) (is the port in use?)")
            }
            FileHandle.standardError.write(Data("sluice rie: listening on \(host):\(server.port); POST /2015-03-31/functions/function/invocations\n".utf8))
            await ShutdownSignal.wait()
            await pool.shutdown()
            await server.close()
        }
    }
}
