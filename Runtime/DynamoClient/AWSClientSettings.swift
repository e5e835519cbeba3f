import SluiceCrypto

/// What every AWS client of ours (DynamoDB, S3) takes from the environment and the shared config files,
/// as the AWS SDKs do: region, a custom endpoint, credentials and the number of attempts, with where
/// each came from.
public struct AWSClientSettings: Sendable {
    public var region: String
    /// The custom endpoint (normalised), nil when none is configured (the client derives AWS's own).
    public var endpoint: String?
    /// Nil: requests are sent unsigned.
    public var credentials: AWSCredentials?
    /// `AWS_MAX_ATTEMPTS` or the profile's `max_attempts`, when set.
    public var maxAttempts: Int?
    /// Keys `endpoint` (only when custom), `region`, `credentials`, `profile`.
    public var sources: [String: String]

    /// Resolves the settings of `service` (the endpoint variable's suffix: `DYNAMODB`, `S3`):
    /// - endpoint: `AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`, else the profile's `endpoint_url`;
    /// - region: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, else `us-east-1`;
    /// - credentials: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`), else the
    ///   profile in the credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`),
    ///   else in the config file (`AWS_CONFIG_FILE`, default `~/.aws/config`);
    /// - profile: `AWS_PROFILE`, else `default`; `max_attempts`/`AWS_MAX_ATTEMPTS`.
    public static func resolve(_ env: [String: String], service: String) throws(DynamoClientError) -> AWSClientSettings {
        func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        let home = value("HOME") ?? "~"
        let profile = value("AWS_PROFILE") ?? value("AWS_DEFAULT_PROFILE") ?? "default"
        let credentialsPath = value("AWS_SHARED_CREDENTIALS_FILE").map { expandHome($0, home) } ?? home + "/.aws/credentials"
        let configPath = value("AWS_CONFIG_FILE").map { expandHome($0, home) } ?? home + "/.aws/config"
        let credentialsFile = try INIFile.load(credentialsPath)
        let configFile = try INIFile.load(configPath)
        // In the credentials file a profile is [name]; in the config file [profile name] (and [default]).
        let credentialsSection = credentialsFile?.sections[profile]
        let configSection = configFile?.sections[profile == "default" ? "default" : "profile \(profile)"]
            ?? configFile?.sections[profile]
        var sources: [String: String] = [:]
        sources["profile"] = value("AWS_PROFILE") != nil ? "env AWS_PROFILE (\(profile))" : "default (\(profile))"

        let region: String
        if let found = value("AWS_REGION") {
            region = found
            sources["region"] = "env AWS_REGION"
        } else if let found = value("AWS_DEFAULT_REGION") {
            region = found
            sources["region"] = "env AWS_DEFAULT_REGION"
        } else if let found = configSection?["region"] ?? credentialsSection?["region"] {
            region = found
            sources["region"] = configSection?["region"] != nil
                ? "config file \(configPath) [\(profile)]" : "credentials file \(credentialsPath) [\(profile)]"
        } else {
            region = "us-east-1"
            sources["region"] = "default"
        }

        var endpoint: String?
        let serviceVariable = "AWS_ENDPOINT_URL_\(service)"
        if let found = value(serviceVariable) {
            endpoint = found
            sources["endpoint"] = "env \(serviceVariable)"
        } else if let found = value("AWS_ENDPOINT_URL") {
            endpoint = found
            sources["endpoint"] = "env AWS_ENDPOINT_URL"
        } else if let found = configSection?["endpoint_url"] {
            endpoint = found
            sources["endpoint"] = "config file \(configPath) [\(profile)]"
        }
        if let text = endpoint { endpoint = try HTTPEndpoint(text).description }

        var credentials: AWSCredentials?
        if let key = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") {
            credentials = AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: value("AWS_SESSION_TOKEN"))
            sources["credentials"] = "env AWS_ACCESS_KEY_ID"
        } else if let section = credentialsSection, let key = section["aws_access_key_id"], let secret = section["aws_secret_access_key"] {
            credentials = AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: section["aws_session_token"])
            sources["credentials"] = "credentials file \(credentialsPath) [\(profile)]"
        } else if let section = configSection, let key = section["aws_access_key_id"], let secret = section["aws_secret_access_key"] {
            credentials = AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: section["aws_session_token"])
            sources["credentials"] = "config file \(configPath) [\(profile)]"
        } else {
            sources["credentials"] = "none (requests are sent unsigned)"
        }
        let attempts = (value("AWS_MAX_ATTEMPTS") ?? configSection?["max_attempts"]).flatMap { Int($0) }
        return AWSClientSettings(
            region: region, endpoint: endpoint, credentials: credentials, maxAttempts: attempts.flatMap { $0 > 0 ? $0 : nil },
            sources: sources)
    }

    static func expandHome(_ path: String, _ home: String) -> String {
        path.hasPrefix("~/") ? home + path.dropFirst() : path
    }
}
