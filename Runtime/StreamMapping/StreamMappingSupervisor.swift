import Emulator
import Synchronization
import SluiceTemplate
import TableEngine

/// Runs every DynamoDB event-source mapping of a stack: polls each table's stream and invokes the mapped function
/// with `{"Records":[…]}` events as Lambda does, keeping checkpoints in `<data>/checkpoints/<mapping>.json` and
/// writing records it gives up on to `<data>/failures/<mapping>.jsonl`.
public final class StreamMappingSupervisor: Sendable {
    /// The mappings, in template order.
    public let mappings: [MappingDefinition]
    /// Where checkpoints and failure files live.
    public let dataDirectory: String
    private let runners: [MappingRunner]
    private let tasks = Mutex<[Task<Void, Never>]>([])

    /// A supervisor for `mappings`; `functions` holds a pool per function logical id.
    public init(
        engine: EmbeddedDynamoDB, functions: [String: FunctionPool], mappings: [MappingDefinition], dataDirectory: String,
        options: MappingOptions = MappingOptions()
    ) throws(StreamMappingError) {
        var runners: [MappingRunner] = []
        for mapping in mappings {
            try mapping.settings.validate(mapping: mapping.name)
            guard let pool = functions[mapping.functionLogicalId] else {
                throw .unknownFunction(mapping: mapping.name, function: mapping.functionLogicalId)
            }
            runners.append(MappingRunner(
                definition: mapping, pool: pool, engine: engine, dataDirectory: dataDirectory, options: options))
        }
        self.mappings = mappings
        self.dataDirectory = dataDirectory
        self.runners = runners
    }

    /// A supervisor for every `Type: DynamoDB` event of the template's functions.
    public convenience init(
        engine: EmbeddedDynamoDB, functions: [String: FunctionPool], templateFunctions: [FunctionDefinition],
        tables: [TableDefinition], dataDirectory: String, options: MappingOptions = MappingOptions()
    ) throws(StreamMappingError) {
        try self.init(
            engine: engine, functions: functions,
            mappings: MappingDefinition.fromTemplate(functions: templateFunctions, tables: tables),
            dataDirectory: dataDirectory, options: options)
    }

    /// Starts polling every enabled mapping (does nothing when already started).
    public func start() throws(StreamMappingError) {
        try FileIO.makeDirectories(dataDirectory + "/checkpoints")
        try FileIO.makeDirectories(dataDirectory + "/failures")
        tasks.withLock { tasks in
            guard tasks.isEmpty else { return }
            for runner in runners where runner.definition.settings.enabled {
                runner.prepare()
                tasks.append(Task { await runner.run() })
            }
        }
    }

    /// Stops gracefully: in-flight invocations finish, no new batch starts, checkpoints are saved.
    public func stop() async {
        let running = tasks.withLock { tasks in
            defer { tasks = [] }
            return tasks
        }
        for runner in runners { runner.requestStop() }
        for task in running { await task.value }
    }

    /// Each mapping's counters and lag.
    public func status() -> [MappingStatus] { runners.map { $0.status() } }

    /// True when every enabled mapping is running and has no record left behind the stream head.
    public func drained() -> Bool {
        status().allSatisfy { !$0.enabled || ($0.running && $0.recordsBehind == 0) }
    }

    /// Waits until ``drained()`` (checked every 20 ms); false when `timeout` passes first.
    public func waitUntilDrained(timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if drained() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return drained()
    }
}
