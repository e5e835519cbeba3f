import DynamoAPI
import DynamoModel
import Emulator
import Foundation
import SluiceJSON
import StreamMapping
import TableEngine

/// Paths of executables SwiftPM built beside the test bundle.
enum BuiltProducts {
    static var fixture: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("FixtureFunction").path
    }
}

/// One record as the fixture logged it.
struct Delivery: Hashable {
    var sequenceNumber: String
    var pk: String
    var version: String
}

/// A temp data directory with an engine (manual clock, no sweeps), table `items` (pk S, NEW_AND_OLD_IMAGES stream)
/// and a delivery log the fixture appends to.
final class Stack: @unchecked Sendable {
    let directory: String
    let clock = ManualClock()
    let engine: EmbeddedDynamoDB
    var deliveryLog: String { directory + "/deliveries.log" }
    var dataDirectory: String { directory + "/data" }
    var eventLog: String { directory + "/events.log" }
    private var pools: [FunctionPool] = []

    init(shards: Int = 1) async throws {
        directory = NSTemporaryDirectory() + "sluice-esm-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = EngineConfiguration()
        configuration.clock = clock
        configuration.sweepInterval = nil
        configuration.shardsPerStream = shards
        engine = try EmbeddedDynamoDB(directory: directory + "/table", configuration: configuration)
        _ = try await engine.createTable(CreateTableInput(
            tableName: "items", keySchema: [.init(attributeName: "pk", keyType: .hash)],
            attributeDefinitions: [.init(attributeName: "pk", attributeType: .s)],
            streamSpecification: .init(streamEnabled: true, streamViewType: .newAndOldImages)))
    }

    deinit {
        engine.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func shutdown() async {
        for pool in pools { await pool.shutdown() }
    }

    /// Writes `{pk, v, …extra}`.
    func put(_ pk: String, _ version: Int = 0, _ extra: Item = [:]) async throws {
        var item: Item = ["pk": .s(pk), "v": .n(String(version))]
        for (key, value) in extra { item[key] = value }
        _ = try await engine.putItem(PutItemInput(tableName: "items", item: item))
    }

    /// A fixture pool with the given `_HANDLER`.
    func pool(_ handler: String, concurrency: Int = 1, sleepMs: Int? = nil) -> FunctionPool {
        var environment = ["DELIVERY_LOG": deliveryLog, "EVENT_LOG": eventLog]
        if let sleepMs { environment["DELIVERY_SLEEP_MS"] = String(sleepMs) }
        let pool = FunctionPool(
            configuration: FunctionConfiguration(
                name: "Consumer", command: [BuiltProducts.fixture], environment: environment, handler: handler,
                timeout: .seconds(10), logs: .discard),
            maximumConcurrency: concurrency)
        pools.append(pool)
        return pool
    }

    /// A started supervisor running one mapping `Consumer-Stream` of table `items`.
    func supervisor(
        _ settings: MappingSettings, pool: FunctionPool, pollInterval: Duration = .milliseconds(20)
    ) throws -> StreamMappingSupervisor {
        var options = MappingOptions()
        options.clock = clock
        options.pollInterval = pollInterval
        options.retryDelay = .milliseconds(5)
        let supervisor = try StreamMappingSupervisor(
            engine: engine, functions: ["Consumer": pool],
            mappings: [MappingDefinition(name: "Consumer-Stream", functionLogicalId: "Consumer", tableName: "items", settings: settings)],
            dataDirectory: dataDirectory, options: options)
        try supervisor.start()
        return supervisor
    }

    /// The invocations the fixture saw, in order.
    func deliveries() -> [[Delivery]] {
        let text = (try? String(contentsOfFile: deliveryLog, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            line.split(separator: ",").map { entry in
                let parts = entry.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                return Delivery(sequenceNumber: parts[0], pk: parts.count > 1 ? parts[1] : "", version: parts.count > 2 ? parts[2] : "")
            }
        }
    }

    /// The failure records written for mapping `Consumer-Stream`.
    func failureRecords() throws -> [FailureRecord] {
        let path = dataDirectory + "/failures/Consumer-Stream.jsonl"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try SluiceJSONDecoder().decode(FailureRecord.self, from: String($0)) }
    }

    /// Every record of the stream (all shards), in order per shard.
    func records() throws -> [StreamRecord] {
        try engine.streamShards(table: "items").flatMap { try engine.readStream(table: "items", shard: $0.index, limit: 1000) }
    }

    /// Polls `condition` every 10 ms up to `timeout`.
    func wait(timeout: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}

extension MappingSettings {
    /// Settings built in place.
    static func with(_ change: (inout MappingSettings) throws -> Void) rethrows -> MappingSettings {
        var settings = MappingSettings()
        try change(&settings)
        return settings
    }
}
