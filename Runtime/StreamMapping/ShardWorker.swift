import DynamoModel
import SluiceJSON
import TableEngine

/// Polls one shard and feeds its records, in order, to up to `ParallelizationFactor` lanes (records of one item
/// always go to the same lane), one batch in flight per lane. It invokes when a lane's batch is full, its payload
/// would pass the limit, or its batching window has ended; saves the checkpoint after each finished batch.
struct ShardWorker: Sendable {
    let runner: MappingRunner
    let shard: StreamShardDescriptor
    let start: MappingCheckpoint.Shard

    private enum Event: Sendable {
        case tick
        case finished(lane: Int, sequenceNumbers: [String], done: Int)
    }

    /// Mutable state, touched only by the worker's own loop.
    private struct State {
        var progress: ShardProgress
        var cursor: String?
        var lanes: [[PolledRecord]]
        var busy: [Bool]
        var buffered = 0
        var lastSaved: MappingCheckpoint.Shard?
    }

    private var settings: MappingSettings { runner.definition.settings }

    func run() async {
        var state = State(
            progress: ShardProgress(start), cursor: start.sequenceNumber,
            lanes: Array(repeating: [], count: settings.parallelizationFactor),
            busy: Array(repeating: false, count: settings.parallelizationFactor), lastSaved: start)
        publish(state)
        let interval = runner.options.pollInterval
        await withTaskGroup(of: Event.self) { group in
            group.addTask { .tick }
            while let event = await group.next() {
                switch event {
                case .tick:
                    if runner.isStopping { continue }
                    poll(&state)
                    save(&state)
                    dispatch(&state, &group)
                    group.addTask {
                        try? await Task.sleep(for: interval)
                        return .tick
                    }
                case .finished(let lane, let numbers, let done):
                    state.busy[lane] = false
                    state.progress.finish(numbers.prefix(done))
                    save(&state)
                    if !runner.isStopping { dispatch(&state, &group) }
                }
                publish(state)
            }
        }
        save(&state)
    }

    /// Reads what the stream has after the cursor (bounded by the room left in the lanes).
    private func poll(_ state: inout State) {
        let room = max(1000, settings.batchSize * settings.parallelizationFactor * 2) - state.buffered
        guard room > 0 else { return }
        let records: [StreamRecord]
        do {
            records = try runner.engine.readStream(
                table: runner.definition.tableName, shard: shard.index, after: state.cursor, limit: min(1000, room))
        } catch {
            if case .trimmedDataAccessException = error {
                // Records past the cursor expired before they were read: continue at the oldest one left.
                state.cursor = nil
            }
            runner.report(error)
            return
        }
        let now = ContinuousClock.now
        let encoder = SluiceJSONEncoder()
        var filtered: [String] = []
        for record in records {
            let number = record.dynamodb.sequenceNumber
            state.cursor = number
            guard state.progress.read(number, created: record.dynamodb.approximateCreationDateTime ?? 0) else { continue }
            let json = (try? encoder.encode(record)) ?? Array("{}".utf8)
            if !settings.filters.isEmpty {
                let value = (try? JSONValue(parsing: json)) ?? .null
                if !FilterPattern.admits(value, patterns: settings.filters) {
                    filtered.append(number)
                    continue
                }
            }
            state.lanes[lane(of: record)].append(PolledRecord(record: record, json: json, readAt: now))
            state.buffered += 1
        }
        if !filtered.isEmpty {
            state.progress.finish(filtered)
            runner.countFiltered(filtered.count)
        }
    }

    /// Starts a batch on every idle lane whose records are ready.
    private func dispatch(_ state: inout State, _ group: inout TaskGroup<Event>) {
        let window = Duration.seconds(settings.maximumBatchingWindowSeconds)
        let limit = runner.options.maximumPayloadBytes
        for lane in state.lanes.indices where !state.busy[lane] && !state.lanes[lane].isEmpty {
            let buffer = state.lanes[lane]
            var count = 0
            var bytes = 14  // {"Records":[]}
            for record in buffer {
                if count == settings.batchSize || (count > 0 && bytes + record.json.count + 1 > limit) { break }
                bytes += record.json.count + 1
                count += 1
            }
            let full = count < buffer.count || count == settings.batchSize
            guard full || ContinuousClock.now - buffer[0].readAt >= window else { continue }
            let batch = Array(buffer.prefix(count))
            state.lanes[lane].removeFirst(count)
            state.buffered -= count
            state.busy[lane] = true
            let batchRunner = BatchRunner(runner: runner, shardId: shard.shardId, streamArn: shard.streamArn)
            group.addTask {
                let done = await batchRunner.run(batch)
                return .finished(lane: lane, sequenceNumbers: batch.map(\.sequenceNumber), done: done)
            }
        }
    }

    /// Saves the checkpoint when it moved.
    private func save(_ state: inout State) {
        let saved = state.progress.saved
        guard saved != state.lastSaved else { return }
        if runner.save(shardId: shard.shardId, saved) { state.lastSaved = saved }
    }

    private func publish(_ state: State) {
        runner.publish(
            shardId: shard.shardId,
            ShardSnapshot(
                cursor: state.cursor, checkpoint: state.progress.checkpoint, pending: state.progress.pending,
                oldestPending: state.progress.oldestPending))
    }

    /// The lane of a record: a hash of its item's key (partition and sort key), so one item's changes stay in order.
    private func lane(of record: StreamRecord) -> Int {
        guard settings.parallelizationFactor > 1 else { return 0 }
        let key = (try? SluiceJSONEncoder().encodeToValue(record.dynamodb.keys))?.serialized(formatting: .sortedKeys) ?? []
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return Int(hash % UInt64(settings.parallelizationFactor))
    }
}

/// What a shard worker last published for status displays.
struct ShardSnapshot: Sendable {
    var cursor: String?
    var checkpoint: String?
    var pending: Int
    var oldestPending: Double?
}
