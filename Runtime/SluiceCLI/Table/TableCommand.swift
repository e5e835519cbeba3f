import ArgumentParser
import DynamoServer
import Foundation
import LocalHTTP
import SluiceTemplate
import TableEngine

/// `sluice table …`: the embedded DynamoDB-compatible engine.
struct TableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table", abstract: "The embedded DynamoDB-compatible table engine.",
        subcommands: [TableServeCommand.self])
}

/// `sluice table serve`: DynamoDB's wire protocol on loopback, like DynamoDB Local.
struct TableServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the embedded tables over DynamoDB's JSON protocol (aws-cli, boto3 and AWS SDKs work unchanged).",
        discussion: "aws dynamodb --endpoint-url http://127.0.0.1:8000 list-tables")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port = 8000
    @Option(help: "Data folder (holds table.db).") var data = ".sluice"
    @Option(name: [.short, .customLong("template")], help: "Create this template's tables at start (when the file exists).") var template = "template.yaml"
    @Option(help: "Region in ARNs and stream records.") var region: String?
    @Flag(help: "Verify SigV4 signatures; credentials from --credentials or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.") var requireAuth = false
    @Option(name: .customLong("credentials"), help: "ACCESS_KEY:SECRET accepted with --require-auth (repeatable).") var credentials: [String] = []

    func run() async throws {
        try await Self.reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            var accepted: [String: String]?
            if requireAuth {
                var keys: [String: String] = [:]
                for entry in credentials {
                    guard let colon = entry.firstIndex(of: ":") else { throw CLIError("--credentials takes ACCESS_KEY:SECRET, got '\(entry)'") }
                    keys[String(entry[..<colon])] = String(entry[entry.index(after: colon)...])
                }
                if keys.isEmpty, let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"] {
                    keys[key] = secret
                }
                guard !keys.isEmpty else { throw CLIError("--require-auth needs --credentials KEY:SECRET or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY") }
                accepted = keys
            }
            let engine = try await TableEngineLoader.open(data: data, template: template, region: region ?? environment["AWS_REGION"] ?? "us-east-1")
            let server: LoopbackHTTPServer
            do {
                server = try await DynamoWireServer(service: engine, credentials: accepted, region: nil).serve(host: host, port: port)
            } catch {
                throw CLIError("cannot listen on \(host):\(port): \(error) (is the port in use?)")
            }
            FileHandle.standardError.write(Data("sluice table serve: listening on \(host):\(server.port); data in \(data)/table.db\(requireAuth ? "; SigV4 required" : "")\n".utf8))
            await ShutdownSignal.wait()
            await server.close()
            engine.close()
        }
    }
}

/// Opens the engine in a data folder, creating the template's tables; errors become one-line CLI errors.
enum TableEngineLoader {
    static func open(data: String, template: String, region: String) async throws -> EmbeddedDynamoDB {
        do {
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot use data folder \(data): \(error.localizedDescription)")
        }
        var configuration = EngineConfiguration()
        configuration.region = region
        do {
            if FileManager.default.fileExists(atPath: template) {
                let parsed: SAMTemplate
                do { parsed = try SAMTemplate(contentsOfFile: template) } catch { throw CLIError("\(error)") }
                return try await EmbeddedDynamoDB(directory: data, template: parsed, configuration: configuration)
            }
            return try EmbeddedDynamoDB(directory: data, configuration: configuration)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("cannot open the tables in \(data): \(error)")
        }
    }
}
