import DynamoServer
import Emulator
import Foundation
import Lake
import LocalHTTP
import SluiceJSON
import SluiceTemplate
import StreamMapping
import TableEngine

/// The whole local stack from `template.yaml`: the embedded tables behind DynamoDB's wire protocol,
/// the functions (talking to the tables over HTTP, as on AWS), the HTTP API, and the lake folder.
public final class DevStack: Sendable {
    public let options: DevOptions
    public let engine: EmbeddedDynamoDB
    public let functions: LocalFunctions
    public let tableServer: LoopbackHTTPServer
    public let apiServer: LoopbackHTTPServer
    public let lakeDirectory: String
    /// The stream event-source mappings (every `Type: DynamoDB` event of the template).
    public let mappings: StreamMappingSupervisor
    let routes: [HTTPAPIRoute]

    private init(
        options: DevOptions, engine: EmbeddedDynamoDB, functions: LocalFunctions, tableServer: LoopbackHTTPServer,
        apiServer: LoopbackHTTPServer, lakeDirectory: String, mappings: StreamMappingSupervisor, routes: [HTTPAPIRoute]
    ) {
        self.options = options
        self.engine = engine
        self.functions = functions
        self.tableServer = tableServer
        self.apiServer = apiServer
        self.lakeDirectory = lakeDirectory
        self.mappings = mappings
        self.routes = routes
    }

    /// Starts everything, or fails with one `DevError` (nothing is left running then).
    public static func start(_ options: DevOptions) async throws(DevError) -> DevStack {
        let data = URL(fileURLWithPath: options.dataDirectory).standardizedFileURL.path
        // A folder (default <data>/lake), or an s3://bucket/prefix location the ETL function writes to.
        let lake = options.lakeDirectory.flatMap { LakeLocation.isS3($0) ? $0 : nil }
            ?? URL(fileURLWithPath: options.lakeDirectory ?? data + "/lake").standardizedFileURL.path
        try prepare(directory: data)
        if !LakeLocation.isS3(lake) { try prepare(directory: lake) }

        let template: TemplateFunctions
        do {
            template = try TemplateFunctions(templatePath: options.templatePath, region: options.region)
        } catch {
            throw .brokenTemplate("\(error)")
        }
        let engine: EmbeddedDynamoDB
        do {
            var configuration = EngineConfiguration()
            configuration.region = options.region
            engine = try await EmbeddedDynamoDB(directory: data, template: template.template, configuration: configuration)
        } catch {
            throw .dataDirectory(data, "\(error)")
        }
        let tableServer: LoopbackHTTPServer
        do {
            tableServer = try await DynamoWireServer(service: engine).serve(host: options.host, port: options.tablePort)
        } catch {
            engine.close()
            throw .portInUse(options.host, options.tablePort)
        }
        let functions: LocalFunctions
        let routes: [HTTPAPIRoute]
        let secret: [UInt8]
        let mappings: StreamMappingSupervisor
        do {
            let environment = Self.functionEnvironment(tableEndpoint: "http://127.0.0.1:\(tableServer.port)", lake: lake, region: options.region)
            functions = try LocalFunctions(
                template: template, build: options.build, maximumConcurrency: options.maximumConcurrency, environment: environment)
            routes = try template.httpRoutes()
            secret = try LocalSecret.load(dataDirectory: data)
            mappings = try StreamMappingSupervisor(
                engine: engine, functions: functions.byLogicalId, templateFunctions: try template.functions(),
                tables: try template.template.tables(resolver: template.resolver), dataDirectory: data)
            try mappings.start()
        } catch {
            await tableServer.close()
            engine.close()
            throw .startFailed("\(error)")
        }
        let box = StackBox()
        let gateway = HTTPAPIGateway(
            routes: routes, functions: functions.pools, secret: secret,
            localRoutes: ["/_sluice/status": { _ in
                guard let stack = box.stack else { return .json(.serviceUnavailable, #"{"message":"starting"}"#) }
                return .json(.ok, await stack.status().jsonString(formatting: [.sortedKeys]))
            }])
        let apiServer: LoopbackHTTPServer
        do {
            apiServer = try await gateway.serve(host: options.host, port: options.apiPort)
        } catch {
            await mappings.stop()
            await functions.shutdown()
            await tableServer.close()
            engine.close()
            throw .portInUse(options.host, options.apiPort)
        }
        let stack = DevStack(
            options: options, engine: engine, functions: functions, tableServer: tableServer, apiServer: apiServer,
            lakeDirectory: lake, mappings: mappings, routes: routes)
        box.stack = stack
        return stack
    }

    /// What every function gets on top of its template environment: the local DynamoDB endpoint
    /// (so the same bootstrap that runs on AWS reaches the embedded tables), the lake, local credentials.
    static func functionEnvironment(tableEndpoint: String, lake: String, region: String) -> [String: String] {
        let host = ProcessInfo.processInfo.environment
        return [
            "AWS_ENDPOINT_URL_DYNAMODB": tableEndpoint,
            "LAKE_DIR": lake,
            "AWS_REGION": region,
            "AWS_ACCESS_KEY_ID": host["AWS_ACCESS_KEY_ID"] ?? "local",
            "AWS_SECRET_ACCESS_KEY": host["AWS_SECRET_ACCESS_KEY"] ?? "local",
        ]
    }

    private static func prepare(directory: String) throws(DevError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .dataDirectory(directory, "cannot create it (\(error.localizedDescription))")
        }
        // As root, file modes do not stop writes; only a real write (a read-only mount, a full disk) tells.
        let probe = directory + "/.sluice-write-probe-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw .dataDirectory(directory, "it is not writable (\(String(cString: strerror(errno))))")
        }
        close(fd)
        unlink(probe)
    }

    /// Stops the API first (no new requests), then the stream mappings (in-flight batches finish,
    /// checkpoints are saved), then the functions, the table endpoint and the engine.
    public func stop() async {
        await apiServer.close()
        await mappings.stop()
        await functions.shutdown()
        await tableServer.close()
        engine.close()
    }

    /// Invocations, errors and in-flight counts per function; tables; the lake's datasets and rows.
    public func status() async -> JSONValue {
        var functionsObject = JSONObject()
        for (name, pool) in functions.byLogicalId.sorted(by: { $0.key < $1.key }) {
            let stats = pool.statistics
            var entry = JSONObject()
            entry["invocations"] = .number(JSONNumber(stats.invocations))
            entry["errors"] = .number(JSONNumber(stats.errors))
            entry["inFlight"] = .number(JSONNumber(stats.inFlight))
            entry["coldStarts"] = .number(JSONNumber(stats.coldStarts))
            functionsObject[name] = .object(entry)
        }
        var lakeObject = JSONObject()
        let catalog = (try? LakeStore(location: lakeDirectory).catalog) ?? LakeCatalog(root: lakeDirectory)
        var datasets = JSONObject()
        var total = 0
        for name in (try? catalog.datasets()) ?? [] {
            let rows = (try? catalog.files(dataset: name).reduce(0) { $0 + $1.rows }) ?? 0
            datasets[name] = .number(JSONNumber(rows))
            total += rows
        }
        lakeObject["directory"] = .string(lakeDirectory)
        lakeObject["datasets"] = .object(datasets)
        lakeObject["recordsWritten"] = .number(JSONNumber(total))
        var endpoints = JSONObject()
        endpoints["dynamodb"] = .string("http://\(options.host):\(tableServer.port)")
        endpoints["api"] = .string("http://\(options.host):\(apiServer.port)")
        var mappingsArray: [JSONValue] = []
        for mapping in mappings.status() {
            var entry = JSONObject()
            entry["name"] = .string(mapping.name)
            entry["function"] = .string(mapping.functionLogicalId)
            entry["table"] = .string(mapping.tableName)
            entry["running"] = .bool(mapping.running)
            entry["invocations"] = .number(JSONNumber(mapping.invocations))
            entry["errors"] = .number(JSONNumber(mapping.errors))
            entry["recordsDelivered"] = .number(JSONNumber(mapping.recordsDelivered))
            entry["recordsFiltered"] = .number(JSONNumber(mapping.recordsFiltered))
            entry["recordsFailed"] = .number(JSONNumber(mapping.recordsFailed))
            entry["lag"] = .number(JSONNumber(mapping.recordsBehind))
            entry["iteratorAgeMilliseconds"] = .number(JSONNumber(mapping.iteratorAgeMilliseconds))
            if let error = mapping.lastError { entry["lastError"] = .string(error) }
            mappingsArray.append(.object(entry))
        }
        var root = JSONObject()
        root["mappings"] = .array(mappingsArray)
        root["endpoints"] = .object(endpoints)
        root["functions"] = .object(functionsObject)
        root["lake"] = .object(lakeObject)
        return .object(root)
    }
}

/// Lets the status route reach the stack once it exists.
private final class StackBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: DevStack?
    var stack: DevStack? {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
