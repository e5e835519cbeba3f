/// The bookkeeping of one shard: records read but not yet done, in stream order, and the done prefix (the
/// checkpoint). With several lanes records may finish out of order; the checkpoint only moves over a done prefix,
/// and done records beyond it are kept as `acknowledged` so a restart does not deliver them again.
struct ShardProgress {
    /// Last record of the done prefix.
    private(set) var checkpoint: String?
    /// Done records after the checkpoint that were not read yet in this run (from the saved checkpoint).
    private var carried: Set<String>
    /// Records read, in order, from `head` on (those before `head` are behind the checkpoint).
    private var order: [String] = []
    private var head = 0
    private var done: Set<String> = []
    private var created: [String: Double] = [:]

    init(_ saved: MappingCheckpoint.Shard) {
        checkpoint = saved.sequenceNumber
        carried = Set(saved.acknowledged)
    }

    /// Notes a record just read. Returns false when it was already done in an earlier run (skip it).
    mutating func read(_ sequenceNumber: String, created time: Double) -> Bool {
        order.append(sequenceNumber)
        created[sequenceNumber] = time
        if carried.remove(sequenceNumber) != nil {
            done.insert(sequenceNumber)
            return false
        }
        return true
    }

    /// Marks records done (delivered, filtered out or given up on) and moves the checkpoint over the done prefix.
    mutating func finish(_ sequenceNumbers: some Sequence<String>) {
        for number in sequenceNumbers { done.insert(number) }
        while head < order.count, done.remove(order[head]) != nil {
            checkpoint = order[head]
            created[order[head]] = nil
            head += 1
        }
        if head > 4096 {
            order.removeFirst(head)
            head = 0
        }
    }

    /// Records read and not yet done.
    var pending: Int { order.count - head - done.count }

    /// Creation time of the oldest record read and not yet done.
    var oldestPending: Double? { head < order.count ? created[order[head]] : nil }

    /// What to save.
    var saved: MappingCheckpoint.Shard {
        MappingCheckpoint.Shard(sequenceNumber: checkpoint, acknowledged: (done.union(carried)).sorted())
    }
}
