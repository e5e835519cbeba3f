import DynamoAPI
import DynamoClient
import TableEngine

/// The table for local tooling: the embedded engine when nothing points elsewhere, the remote
/// ``DynamoDBClient`` otherwise.
///
/// "Points elsewhere" means a custom endpoint (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL` or the
/// profile's `endpoint_url`). `SLUICE_TABLE_BACKEND=embedded|remote` overrides the choice (`remote`
/// without an endpoint goes to `https://dynamodb.<region>.amazonaws.com`).
public enum TableBackend {
    public enum Choice: Sendable {
        case embedded(directory: String)
        case remote(DynamoClientConfiguration)
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case badOverride(String)
        case client(DynamoClientError)
        case engine(String)

        public var description: String {
            switch self {
            case .badOverride(let value): "SLUICE_TABLE_BACKEND must be embedded or remote, not '\(value)'"
            case .client(let error): "\(error)"
            case .engine(let message): message
            }
        }
    }

    /// Which backend `environment` (the process environment when nil) selects for `dataDirectory`.
    public static func choose(dataDirectory: String, environment: [String: String]? = nil) throws(Failure) -> Choice {
        let env = environment ?? ProcessEnvironment.current()
        let configuration: DynamoClientConfiguration
        do { configuration = try DynamoClientConfiguration.fromEnvironment(env) } catch { throw .client(error) }
        switch env["SLUICE_TABLE_BACKEND"] ?? "" {
        case "": return configuration.hasCustomEndpoint ? .remote(configuration) : .embedded(directory: dataDirectory)
        case "embedded": return .embedded(directory: dataDirectory)
        case "remote": return .remote(configuration)
        case let other: throw .badOverride(other)
        }
    }

    /// Opens the chosen backend; `description` says which (and where its settings came from).
    public static func open(
        dataDirectory: String, environment: [String: String]? = nil, engineConfiguration: EngineConfiguration = EngineConfiguration()
    ) throws(Failure) -> (service: any DynamoDBService, description: String) {
        switch try choose(dataDirectory: dataDirectory, environment: environment) {
        case .embedded(let directory):
            do {
                return (try EmbeddedDynamoDB(directory: directory, configuration: engineConfiguration), "embedded engine in \(directory)")
            } catch {
                throw .engine("cannot open the tables in \(directory): \(error)")
            }
        case .remote(var configuration):
            // Local tools run many tasks at once: keep the cooperative threads free of blocking I/O.
            configuration.ioMode = .ioThreads(16)
            do {
                return (try DynamoDBClient(configuration: configuration), "DynamoDB at \(configuration.endpoint) (\(configuration.sourceSummary))")
            } catch {
                throw .client(error)
            }
        }
    }
}
