import ArgumentParser
import Emulator
import Foundation

/// `sluice start-api`: the template's HTTP API on loopback, like `sam local start-api`, without Docker.
struct StartAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start-api",
        abstract: "Serve the HTTP API routes of template.yaml, invoking the functions behind them.",
        discussion: """
            Routes with a JWT authorizer need `Authorization: Bearer <token>`: HS256 tokens signed with \
            SLUICE_JWT_SECRET, else with the secret kept in the data folder (see `sluice token`).
            """)

    @OptionGroup var template: TemplateOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port = 3000
    @Option(help: "Warm instances per function that may run at once (Lambda's concurrency).") var maxConcurrency = 4
    @Option(help: "Data folder (holds the local JWT secret).") var data = ".sluice"
    @Flag(help: "Do not build: use the bootstraps as they are.") var skipBuild = false

    func run() async throws {
        try await Self.reportingErrors {
            let loaded = try template.load()
            let functions: LocalFunctions
            let gateway: HTTPAPIGateway
            do {
                functions = try LocalFunctions(template: loaded, build: !skipBuild, maximumConcurrency: maxConcurrency)
                gateway = HTTPAPIGateway(
                    routes: try loaded.httpRoutes(), functions: functions.pools,
                    secret: try LocalSecret.load(dataDirectory: data))
            } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }
            let server: LoopbackHTTPServer
            do {
                server = try await gateway.serve(host: host, port: port)
            } catch {
                throw CLIError("cannot listen on \(host):\(port): \(error) (is the port in use?)")
            }
            var lines = ["sluice start-api: listening on \(host):\(server.port)"]
            for route in gateway.routes {
                lines.append("  \(route.routeKey) → \(route.function)\(route.authorizer.map { " (JWT: \($0.name))" } ?? "")")
            }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            await ShutdownSignal.wait()
            await functions.shutdown()
            await server.close()
        }
    }
}
