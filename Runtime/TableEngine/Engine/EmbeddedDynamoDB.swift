#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DynamoAPI
import DynamoModel
import SluiceTemplate

/// An embedded DynamoDB: one SQLite file (`table.db`, WAL, `synchronous=FULL`) in a data directory,
/// DynamoDB's data-plane and control-plane operations, secondary indexes, TTL and DynamoDB Streams.
///
/// Reads run concurrently on read connections; writes go through one writer thread that commits them
/// in groups (each request in its own SAVEPOINT, one fsync per group). Each change and its stream
/// record are committed in the same transaction.
public final class EmbeddedDynamoDB: DynamoDBService {
    /// The data directory.
    public let directory: String
    /// The settings it was opened with.
    public let configuration: EngineConfiguration
    let writer: WriterThread
    let readers: ReaderPool
    let checkpointer: Checkpointer
    let catalog: Locked<[String: TableInfo]>
    private let sweeper: Locked<Task<Void, Never>?>

    /// Opens (creating if needed) the engine in `directory`. A directory left by a crashed process
    /// is recovered by SQLite's WAL replay: every acknowledged write is there, nothing half-written.
    public init(directory: String, configuration: EngineConfiguration = EngineConfiguration()) throws(DynamoError) {
        self.directory = directory
        self.configuration = configuration
        mkdir(directory, 0o755)
        let path = directory.hasSuffix("/") ? directory + "table.db" : directory + "/table.db"
        let db: Database
        do {
            db = try Database(path: path, vfs: BatchedWAL.vfsName)
            try db.execute(Schema.writerPragmas)
            try db.execute(Schema.statements)
        } catch {
            throw .internalServerError("Cannot open \(path): \(error)")
        }
        catalog = Locked([:])
        do {
            checkpointer = try Checkpointer(path: path)
        } catch {
            throw .internalServerError("Cannot open \(path): \(error)")
        }
        let context = try WriteContext(db: db, config: configuration, published: catalog, checkpointer: checkpointer)
        writer = WriterThread(
            context: context, maxGroupSize: configuration.maxGroupSize, commitsOnCallerThread: configuration.commitsOnCallerThread)
        readers = ReaderPool(path: path, keep: max(1, configuration.readConnections))
        sweeper = Locked(nil)
        if let interval = configuration.sweepInterval {
            let task = Task.detached { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard let self, !Task.isCancelled else { return }
                    _ = try? await self.sweepExpiredItems()
                    _ = try? await self.trimStreams()
                }
            }
            sweeper.withLock { $0 = task }
        }
    }

    /// Opens the engine and creates the template's tables that do not exist yet (idempotent).
    public convenience init(
        directory: String, template: SAMTemplate, configuration: EngineConfiguration = EngineConfiguration()
    ) async throws(DynamoError) {
        try self.init(directory: directory, configuration: configuration)
        let tables: [TableDefinition]
        do { tables = try template.tables } catch { throw .validationException("Template: \(error)") }
        try await createTables(tables)
    }

    /// Creates the given template tables unless they exist (and applies their TimeToLiveSpecification).
    public func createTables(_ definitions: [TableDefinition]) async throws(DynamoError) {
        for definition in definitions {
            let input = try CreateTableInput(definition)
            if catalog.withLock({ $0[input.tableName] }) == nil {
                do {
                    _ = try await createTable(input)
                } catch {
                    if case .resourceInUseException = error {} else { throw error }
                }
            }
            let current = catalog.withLock { $0[input.tableName]?.ttl }
            if let ttl = definition.timeToLive, ttl.enabled, current?.enabled != true {
                _ = try await updateTimeToLive(UpdateTimeToLiveInput(
                    tableName: input.tableName,
                    timeToLiveSpecification: .init(attributeName: ttl.attributeName, enabled: true)))
            }
        }
    }

    /// Stops the background sweep, finishes queued writes and closes the database.
    public func close() {
        sweeper.withLock { $0?.cancel(); $0 = nil }
        writer.close()
        checkpointer.close()
        readers.closeAll()
    }

    deinit { close() }

    // MARK: Helpers

    func table(_ name: String) throws(DynamoError) -> TableInfo {
        guard let table = catalog.withLock({ $0[name] }) else { throw Self.tableNotFound(name) }
        return table
    }

    static func tableNotFound(_ name: String) -> DynamoError {
        .resourceNotFoundException("Requested resource not found")
    }

    var now: Double { configuration.clock.now() }
}
