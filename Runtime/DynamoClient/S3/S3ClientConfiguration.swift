import SluiceCrypto

/// Where ``S3Client`` sends requests, how it addresses buckets, signs, retries and splits uploads.
public struct S3ClientConfiguration: Sendable {
    /// S3's endpoint: `https://s3.<region>.amazonaws.com`, or a custom one (moto, MinIO, LocalStack…).
    public var endpoint: String
    public var region: String
    /// Requests are sent unsigned without credentials.
    public var credentials: AWSCredentials?
    /// Path-style addressing (`<endpoint>/<bucket>/<key>`) instead of virtual-hosted
    /// (`<bucket>.<endpoint host>/<key>`). On for custom endpoints, which are usually local servers.
    public var pathStyle: Bool
    /// Objects larger than this go up as a multipart upload.
    public var multipartThresholdBytes = 16 * 1024 * 1024
    /// Size of each part but the last (S3's minimum is 5 MiB).
    public var partSizeBytes = 8 * 1024 * 1024
    public var maxAttempts = 3
    public var baseDelayMilliseconds = 100
    public var maxBackoffMilliseconds = 20_000
    public var connectTimeoutMilliseconds = 3_000
    /// The whole request, connection included (parts of several MB need time on slow links).
    public var timeoutMilliseconds = 120_000
    public var libcurlPath = "libcurl.so.4"
    /// Where each setting came from (keys `endpoint`, `region`, `credentials`, `profile`).
    public var sources: [String: String] = [:]

    public init(endpoint: String, region: String = "us-east-1", credentials: AWSCredentials? = nil, pathStyle: Bool = true) {
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.pathStyle = pathStyle
    }

    /// The configuration the AWS SDKs would use (see ``AWSClientSettings/resolve(_:service:)``):
    /// endpoint `AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL`, else the profile's `endpoint_url` (all
    /// path-style), else `https://s3.<region>.amazonaws.com` (virtual-hosted). `AWS_S3_PATH_STYLE=true|false`
    /// overrides the addressing.
    public static func fromEnvironment(_ environment: [String: String]? = nil) throws(S3ClientError) -> S3ClientConfiguration {
        let env = environment ?? ProcessEnvironment.current()
        let settings: AWSClientSettings
        do { settings = try AWSClientSettings.resolve(env, service: "S3") } catch { throw S3ClientError(error) }
        var sources = settings.sources
        var configuration: S3ClientConfiguration
        if let custom = settings.endpoint {
            configuration = S3ClientConfiguration(endpoint: custom, region: settings.region, credentials: settings.credentials, pathStyle: true)
        } else {
            sources["endpoint"] = "default (region)"
            configuration = S3ClientConfiguration(
                endpoint: "https://s3.\(settings.region).amazonaws.com", region: settings.region,
                credentials: settings.credentials, pathStyle: false)
        }
        switch env["AWS_S3_PATH_STYLE"]?.lowercased() {
        case "true", "1": configuration.pathStyle = true
        case "false", "0": configuration.pathStyle = false
        default: break
        }
        if let attempts = settings.maxAttempts { configuration.maxAttempts = attempts }
        configuration.sources = sources
        return configuration
    }
}
