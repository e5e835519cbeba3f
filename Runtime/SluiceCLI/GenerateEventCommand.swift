import ArgumentParser
import EventSamples
import Foundation

/// `sluice generate-event`: prints a sample event, like `sam local generate-event`.
struct GenerateEventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-event",
        abstract: "Print a sample event as JSON.",
        discussion: "Examples:\n  sluice generate-event apigw-http --method POST --path '/users?x=1' --body '{\"name\":\"Ada\"}' --claim sub=u1\n  sluice generate-event dynamodb-stream --table Tasks")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case apigwHTTP = "apigw-http"
        case apigwREST = "apigw-rest"
        case dynamodbStream = "dynamodb-stream"
    }

    @Argument(help: "The event kind: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: Kind
    @Option(help: "HTTP method.") var method = "GET"
    @Option(help: "Request path, with an optional query string.") var path = "/"
    @Option(help: "Request body (text).") var body: String?
    @Option(name: .customLong("header"), help: "A header as name=value (repeatable).") var headers: [String] = []
    @Option(name: .customLong("claim"), help: "A JWT claim as name=value (repeatable; apigw-http).") var claims: [String] = []
    @Option(help: "Table name (dynamodb-stream).") var table = "Example"

    func run() async throws {
        try await Self.reportingErrors {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data: Data
            switch kind {
            case .apigwHTTP:
                data = try encoder.encode(SampleEvents.apigwHTTP(
                    method: method.uppercased(), path: path, body: body, headers: try pairs(headers, "--header"),
                    claims: claims.isEmpty ? nil : try pairs(claims, "--claim")))
            case .apigwREST:
                data = try encoder.encode(SampleEvents.apigwREST(method: method.uppercased(), path: path, body: body))
            case .dynamodbStream:
                data = try encoder.encode(SampleEvents.dynamoDBStream(table: table))
            }
            print(String(decoding: data, as: UTF8.self))
        }
    }

    private func pairs(_ values: [String], _ option: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for value in values {
            guard let equals = value.firstIndex(of: "=") else { throw CLIError("\(option) takes name=value, got '\(value)'") }
            result[String(value[..<equals])] = String(value[value.index(after: equals)...])
        }
        return result
    }
}
