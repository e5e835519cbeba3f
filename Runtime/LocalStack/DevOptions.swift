/// What `sluice dev` runs and where.
public struct DevOptions: Sendable {
    public var templatePath: String
    /// Holds `table.db`, checkpoints, failures, the secret and (by default) the lake.
    public var dataDirectory: String
    /// The lake folder (default `<data>/lake`), or an `s3://bucket/prefix` location.
    public var lakeDirectory: String?
    public var host: String
    public var tablePort: Int
    public var apiPort: Int
    public var maximumConcurrency: Int
    public var build: Bool
    public var region: String

    public init(
        templatePath: String = "template.yaml", dataDirectory: String = ".sluice", lakeDirectory: String? = nil,
        host: String = "127.0.0.1", tablePort: Int = 8000, apiPort: Int = 3000, maximumConcurrency: Int = 4,
        build: Bool = true, region: String = "us-east-1"
    ) {
        self.templatePath = templatePath
        self.dataDirectory = dataDirectory
        self.lakeDirectory = lakeDirectory
        self.host = host
        self.tablePort = tablePort
        self.apiPort = apiPort
        self.maximumConcurrency = maximumConcurrency
        self.build = build
        self.region = region
    }
}

/// Why the stack could not start: each is one line a user can act on.
public enum DevError: Error, CustomStringConvertible, Sendable {
    case brokenTemplate(String)
    case dataDirectory(String, String)
    case portInUse(String, Int)
    case startFailed(String)

    public var description: String {
        switch self {
        case .brokenTemplate(let reason): reason
        case .dataDirectory(let path, let reason): "cannot use data folder \(path): \(reason)"
        case .portInUse(let host, let port): "port \(port) on \(host) is in use: stop what uses it or pick another (--table-port / --api-port)"
        case .startFailed(let reason): reason
        }
    }
}
