import DynamoModel
import Emulator
import Synchronization
import TableEngine

/// Runs one mapping: finds the stream's shards, resolves where each starts (checkpoint or `StartingPosition`),
/// runs a ``ShardWorker`` per shard, keeps the checkpoint file and the counters.
final class MappingRunner: Sendable {
    let definition: MappingDefinition
    let pool: FunctionPool
    let engine: EmbeddedDynamoDB
    let options: MappingOptions
    let failures: FailureFile
    private let store: CheckpointStore
    private let stopping = Atomic<Bool>(false)
    private let state = Mutex(State())

    private struct State {
        var running = false
        var lastError: String?
        var invocations = 0
        var errors = 0
        var delivered = 0
        var filtered = 0
        var failed = 0
        var shardIds: [String] = []
        var snapshots: [String: ShardSnapshot] = [:]
        var checkpoint: MappingCheckpoint?
    }

    init(definition: MappingDefinition, pool: FunctionPool, engine: EmbeddedDynamoDB, dataDirectory: String, options: MappingOptions) {
        self.definition = definition
        self.pool = pool
        self.engine = engine
        self.options = options
        store = CheckpointStore(dataDirectory: dataDirectory, mapping: definition.name)
        failures = FailureFile(dataDirectory: dataDirectory, mapping: definition.name)
    }

    var isStopping: Bool { stopping.load(ordering: .acquiring) }

    /// Asks the workers to finish: in-flight invocations complete, no new batch starts, checkpoints are saved.
    func requestStop() { stopping.store(true, ordering: .releasing) }

    /// Clears a previous stop request (before ``run()``).
    func prepare() { stopping.store(false, ordering: .releasing) }

    /// Polls until stopped.
    func run() async {
        var shards: [StreamShardDescriptor] = []
        while !isStopping {
            do {
                shards = try engine.streamShards(table: definition.tableName)
                break
            } catch {
                report(error)
                try? await Task.sleep(for: options.pollInterval)
            }
        }
        if isStopping { return }
        guard let starts = startingPoints(shards) else { return }
        state.withLock {
            $0.running = true
            $0.shardIds = shards.map(\.shardId)
        }
        await withTaskGroup(of: Void.self) { group in
            for shard in shards {
                let worker = ShardWorker(runner: self, shard: shard, start: starts[shard.shardId] ?? .init(sequenceNumber: nil))
                group.addTask { await worker.run() }
            }
        }
        state.withLock { $0.running = false }
    }

    /// Each shard's starting point: the saved checkpoint for this stream, else `StartingPosition` (LATEST is
    /// resolved to the shard's current last record and saved at once, so a restart does not skip ahead).
    private func startingPoints(_ shards: [StreamShardDescriptor]) -> [String: MappingCheckpoint.Shard]? {
        guard let arn = shards.first?.streamArn else { return [:] }
        var checkpoint: MappingCheckpoint
        do {
            let saved = try store.load()
            checkpoint = saved?.streamArn == arn ? saved! : MappingCheckpoint(streamArn: arn)
        } catch {
            report(error)
            checkpoint = MappingCheckpoint(streamArn: arn)
        }
        var changed = false
        for shard in shards where checkpoint.shards[shard.shardId] == nil {
            var last: String?
            if definition.settings.startingPosition == .latest {
                do {
                    while true {
                        let page = try engine.readStream(table: definition.tableName, shard: shard.index, after: last, limit: 1000)
                        guard let final = page.last else { break }
                        last = final.dynamodb.sequenceNumber
                    }
                } catch {
                    report(error)
                    return nil
                }
            }
            checkpoint.shards[shard.shardId] = .init(sequenceNumber: last)
            changed = true
        }
        let initial = checkpoint
        state.withLock { state in
            state.checkpoint = initial
            for (shardId, shard) in initial.shards where state.snapshots[shardId] == nil || !state.running {
                state.snapshots[shardId] = ShardSnapshot(cursor: shard.sequenceNumber, checkpoint: shard.sequenceNumber, pending: 0)
            }
        }
        if changed {
            do { try store.save(checkpoint) } catch { report(error) }
        }
        return checkpoint.shards
    }

    /// Saves one shard's position; false when the file could not be written.
    func save(shardId: String, _ shard: MappingCheckpoint.Shard) -> Bool {
        state.withLock { state in
            guard var checkpoint = state.checkpoint else { return false }
            checkpoint.shards[shardId] = shard
            do throws(StreamMappingError) {
                try store.save(checkpoint)
            } catch {
                state.lastError = error.description
                return false
            }
            state.checkpoint = checkpoint
            return true
        }
    }

    // MARK: Counters and status

    func countInvocation(failed: Bool) {
        state.withLock {
            $0.invocations += 1
            if failed { $0.errors += 1 }
        }
    }
    func countDelivered(_ n: Int) { state.withLock { $0.delivered += n } }
    func countFiltered(_ n: Int) { state.withLock { $0.filtered += n } }
    func countFailed(_ n: Int) { state.withLock { $0.failed += n } }
    func report(_ error: some Error) { state.withLock { $0.lastError = "\(error)" } }
    func publish(shardId: String, _ snapshot: ShardSnapshot) { state.withLock { $0.snapshots[shardId] = snapshot } }

    /// The mapping's counters and, per shard, its lag (this reads the stream after each shard's read position).
    func status() -> MappingStatus {
        let current = state.withLock { $0 }
        let now = options.clock.now()
        var shards: [MappingStatus.ShardStatus] = []
        for (index, shardId) in current.shardIds.enumerated() {
            let snapshot = current.snapshots[shardId] ?? ShardSnapshot(pending: 0)
            let unread = (try? engine.readStream(
                table: definition.tableName, shard: index, after: snapshot.cursor, limit: 1000)) ?? []
            let oldest = snapshot.oldestPending ?? unread.first?.dynamodb.approximateCreationDateTime
            let behind = snapshot.pending + unread.count
            shards.append(MappingStatus.ShardStatus(
                shardId: shardId, checkpoint: snapshot.checkpoint, recordsBehind: behind,
                iteratorAgeMilliseconds: behind == 0 ? 0 : max(0, Int64(((now - (oldest ?? now)) * 1000).rounded()))))
        }
        return MappingStatus(
            name: definition.name, functionLogicalId: definition.functionLogicalId, tableName: definition.tableName,
            enabled: definition.settings.enabled, running: current.running, lastError: current.lastError,
            invocations: current.invocations, errors: current.errors, recordsDelivered: current.delivered,
            recordsFiltered: current.filtered, recordsFailed: current.failed, shards: shards)
    }
}
