import DynamoAPI

/// Where the functions get their `DynamoDBService`.
public enum ServiceFactory {
    /// No remote client is linked into this module yet.
    public struct NotLinked: Error, CustomStringConvertible {
        public init() {}
        public var description: String {
            "No DynamoDB client linked yet: ServiceFactory.make needs DynamoClient's DynamoDBClient (configured from AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION and the credentials)"
        }
    }

    /// Makes the service the bootstraps use.
    ///
    /// TODO(DynamoClient): return `try DynamoDBClient(environment…)` from the `DynamoClient` module once it lands
    /// (add `DynamoClient` to TaskDomain's dependencies). Until then every bootstrap fails its init phase
    /// with ``NotLinked``; tests inject an `EmbeddedDynamoDB` through ``TaskAPI`` directly.
    public static let make: @Sendable () throws -> any DynamoDBService = { throw NotLinked() }
}
