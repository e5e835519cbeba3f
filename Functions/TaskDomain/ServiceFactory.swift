import DynamoAPI
import DynamoClient

/// Where the functions get their `DynamoDBService`: the DynamoDB client, configured like the AWS SDKs
/// (`AWS_ENDPOINT_URL_DYNAMODB` — which `sluice dev` points at its local endpoint —, `AWS_REGION`,
/// the credential variables Lambda sets, or `~/.aws` profiles). The same bootstrap runs on AWS and locally.
public enum ServiceFactory {
    /// Makes the service the bootstraps use.
    public static let make: @Sendable () throws -> any DynamoDBService = { try DynamoDBClient() }
}
