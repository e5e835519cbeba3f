import ArgumentParser
import Foundation
import LocalStack
import Logging
import ServiceLifecycle
import SluiceJSON

/// `sluice dev`: the whole stack from `template.yaml` in one process until Ctrl-C.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run the tables, the DynamoDB endpoint, the HTTP API and the functions of template.yaml until Ctrl-C.",
        discussion: "Status as JSON: curl http://127.0.0.1:3000/_sluice/status")

    @Option(name: [.short, .customLong("template")], help: "The SAM template.") var template = "template.yaml"
    @Option(help: "Data folder (tables, checkpoints, failures, secret).") var data = ".sluice"
    @Option(help: "Lake folder or s3://bucket/prefix (default: <data>/lake).") var lake: String?
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port of the DynamoDB endpoint.") var tablePort = 8000
    @Option(help: "Port of the HTTP API.") var apiPort = 3000
    @Option(help: "Warm instances per function that may run at once.") var maxConcurrency = 4
    @Option(help: "Region.") var region: String?
    @Flag(help: "Do not build: use the bootstraps as they are.") var skipBuild = false

    func run() async throws {
        try await Self.reportingErrors {
            guard FileManager.default.fileExists(atPath: template) else {
                throw CLIError("no template at \(template) (run in the project folder or pass --template)")
            }
            let options = DevOptions(
                templatePath: template, dataDirectory: data, lakeDirectory: lake, host: host, tablePort: tablePort,
                apiPort: apiPort, maximumConcurrency: maxConcurrency, build: !skipBuild,
                region: region ?? ProcessInfo.processInfo.environment["AWS_REGION"] ?? "us-east-1")
            let stack: DevStack
            do { stack = try await DevStack.start(options) } catch { throw CLIError("\(error)") }
            FileHandle.standardError.write(Data("""
                sluice dev: listening on \(host):\(stack.apiServer.port) (HTTP API) and \(host):\(stack.tableServer.port) (DynamoDB)
                  data \(data), lake \(stack.lakeDirectory); status: http://\(host):\(stack.apiServer.port)/_sluice/status; Ctrl-C stops

                """.utf8))
            var logger = Logger(label: "sluice.dev")
            logger.logLevel = .warning
            let group = ServiceGroup(configuration: .init(
                services: [.init(service: DevService(stack: stack))], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}

/// Keeps the stack up and shows its status until a graceful shutdown, then stops it in order.
struct DevService: Service {
    let stack: DevStack

    func run() async throws {
        let tty = isatty(2) == 1
        try? await cancelWhenGracefulShutdown {
            var last = ""
            var ticks = 0
            while !Task.isCancelled {
                let line = Self.summary(await stack.status())
                if tty {
                    FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
                } else if line != last && ticks % 10 == 0 {
                    FileHandle.standardError.write(Data("sluice dev: \(line)\n".utf8))
                    last = line
                }
                ticks += 1
                try await Task.sleep(for: .seconds(1))
            }
        }
        if tty { FileHandle.standardError.write(Data("\n".utf8)) }
        FileHandle.standardError.write(Data("sluice dev: stopping (in-flight invocations finish first)\n".utf8))
        await stack.stop()
    }

    static func summary(_ status: JSONValue) -> String {
        var invocations = 0, errors = 0
        for (_, entry) in status["functions"]?.objectValue ?? JSONObject() {
            invocations += entry["invocations"]?.intValue ?? 0
            errors += entry["errors"]?.intValue ?? 0
        }
        var line = "invocations \(invocations), errors \(errors)"
        for mapping in status["mappings"]?.arrayValue ?? [] {
            line += ", \(mapping["function"]?.stringValue ?? "?") lag \(mapping["lag"]?.intValue ?? 0)"
        }
        line += ", lake \(status["lake"]?["recordsWritten"]?.intValue ?? 0) records"
        return line
    }
}
