import CSQLite
import DynamoAPI
import DynamoModel

/// The writer's state: its connection, its copy of the catalog, the stream sequence counter and the
/// transaction-token cache. Only the writer thread touches it.
final class WriteContext {
    let db: Database
    let config: EngineConfiguration
    /// Published catalog, replaced after a commit that changed it.
    let published: Locked<[String: TableInfo]>
    var tables: [String: TableInfo]
    /// The last stream sequence counter used. On open it is the larger of `meta.counter` (saved
    /// by retention trimming, which may delete the newest records) and the highest record.
    var counter: Int64
    private var committedCounter: Int64
    var catalogDirty = false
    /// Committed ClientRequestTokens of TransactWriteItems: token → (request, time).
    var tokens: [String: (TransactWriteItemsInput, Double)] = [:]
    var pendingTokens: [(String, TransactWriteItemsInput, Double)] = []
    /// The clock reading of the running job.
    var now: Double = 0
    /// Frames in the WAL after the last commit (SQLite's WAL hook reports it).
    var walFrames: Int32 = 0
    /// When to ask for background checkpoints and when to checkpoint inline.
    private var schedule: CheckpointSchedule
    /// Checkpoints the WAL off the commit path (nil: only inline ones).
    let checkpointer: Checkpointer?

    init(
        db: Database, config: EngineConfiguration, published: Locked<[String: TableInfo]>, checkpointer: Checkpointer?
    ) throws(DynamoError) {
        self.db = db
        self.config = config
        self.published = published
        self.checkpointer = checkpointer
        schedule = CheckpointSchedule(pages: config.checkpointPages)
        tables = try CatalogStore.load(db)
        counter = (try? db.scalarInt("SELECT value FROM meta WHERE key='counter'")) ?? 0
        let maxSeq = (try? db.scalarInt("SELECT max(seq) FROM records")) ?? 0
        counter = max(counter, maxSeq)
        committedCounter = counter
        published.withLock { $0 = tables }
        // Called inside each COMMIT on the writer's thread, while this context (which owns `db`) is alive.
        sqlite3_wal_hook(db.handle, { context, _, _, frames in
            Unmanaged<WriteContext>.fromOpaque(context!).takeUnretainedValue().walFrames = frames
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// After a group has been answered: a background pass once the WAL is long, an inline checkpoint
    /// when it keeps growing (see ``CheckpointSchedule``).
    private func checkpointIfNeeded() {
        let checkpointer = checkpointer
        if schedule.afterGroup(
            walFrames: walFrames, finishedPasses: checkpointer?.finishedPasses, request: { checkpointer?.request(sync: $0) ?? 0 })
        {
            Checkpointer.checkpoint(db)
            walFrames = 0
        }
    }

    /// Runs one group: BEGIN, each job in a SAVEPOINT, COMMIT once, then answer every caller.
    func runGroup(_ batch: [WriteJob]) {
        var outcomes: [WriteJob.Outcome] = []
        outcomes.reserveCapacity(batch.count)
        do {
            try db.run("BEGIN IMMEDIATE")
        } catch {
            let failure = DynamoError.internalServerError("\(error)")
            for job in batch { job.run(self).finish(failure) }
            return
        }
        // A lone request needs no SAVEPOINT: on failure the whole transaction rolls back.
        let alone = batch.count == 1
        for job in batch {
            let tablesBefore = tables, counterBefore = counter, tokensBefore = pendingTokens.count
            let dirtyBefore = catalogDirty
            now = config.clock.now()
            if !alone {
                do {
                    try db.run("SAVEPOINT job")
                } catch {
                    outcomes.append(.init(succeeded: false) { _ in })
                    continue
                }
            }
            let outcome = job.run(self)
            if outcome.succeeded {
                if !alone { try? db.run("RELEASE job") }
            } else {
                if !alone {
                    try? db.run("ROLLBACK TO job")
                    try? db.run("RELEASE job")
                }
                tables = tablesBefore
                counter = counterBefore
                pendingTokens.removeLast(pendingTokens.count - tokensBefore)
                catalogDirty = dirtyBefore
            }
            outcomes.append(outcome)
        }
        if alone, outcomes.first?.succeeded == false {
            try? db.run("ROLLBACK")
            for outcome in outcomes { outcome.finish(nil) }
            return
        }
        var commitError: DynamoError?
        do {
            try db.run("COMMIT")
            committedCounter = counter
            for (token, input, time) in pendingTokens { tokens[token] = (input, time) }
        } catch {
            commitError = .internalServerError("Commit failed: \(error)")
            try? db.execute("ROLLBACK")
            reload()
        }
        pendingTokens.removeAll()
        if catalogDirty {
            let snapshot = tables
            published.withLock { $0 = snapshot }
            catalogDirty = false
        }
        for outcome in outcomes { outcome.finish(outcome.succeeded ? commitError : nil) }
        checkpointIfNeeded()
    }

    private func reload() {
        if let loaded = try? CatalogStore.load(db) { tables = loaded }
        counter = committedCounter
        catalogDirty = true
    }

    func table(_ name: String) throws(DynamoError) -> TableInfo {
        guard let table = tables[name] else { throw EmbeddedDynamoDB.tableNotFound(name) }
        return table
    }

    // MARK: Item primitives

    func load(_ table: TableInfo, key: [UInt8]) throws(DynamoError) -> Item? {
        try ItemStore.load(db, table: table.id, index: 0, key: key)
    }

    /// Stores the change from `old` to `new` (nil = absent) of the item at `key`: the item row, its index
    /// entries and, when the stream is on, its stream record. Returns `false` when nothing changed.
    @discardableResult
    func apply(_ table: TableInfo, key: [UInt8], old: Item?, new: Item?, identity: StreamRecord.Identity? = nil)
        throws(DynamoError) -> Bool
    {
        let new = new?.normalizingNumbers  // stored, indexed and streamed as DynamoDB returns them
        if let old, let new, ItemStore.equal(old, new) { return false }
        if old == nil && new == nil { return false }
        do {
            let seg = Self.segment(of: new ?? old!, schema: table.keySchema)
            if let new {
                try db.run(
                    "INSERT OR REPLACE INTO entries(tid, idx, k, seg, size, ttl, body) VALUES(?, 0, ?, ?, ?, ?, ?)",
                    [.int(table.id), .blob(key), .int(seg), .int(Int64(ItemSize.of(new))), ttlValue(table, new),
                     .blob(ItemCodec.encode(new))])
            } else {
                try db.run("DELETE FROM entries WHERE tid=? AND idx=0 AND k=?", [.int(table.id), .blob(key)])
            }
            for index in table.indexes {
                let oldKey = old.flatMap { KeyBytes.key(of: $0, schema: index.keySchema) }.map { $0 + key }
                let newKey = new.flatMap { KeyBytes.key(of: $0, schema: index.keySchema) }.map { $0 + key }
                let newEntry = new.map { index.project($0, tableKey: table.keySchema) }
                if let oldKey, oldKey == newKey, let old, let newEntry,
                    ItemStore.equal(index.project(old, tableKey: table.keySchema), newEntry)
                {
                    continue
                }
                if let oldKey, oldKey != newKey {
                    try db.run("DELETE FROM entries WHERE tid=? AND idx=? AND k=?", [.int(table.id), .int(index.number), .blob(oldKey)])
                }
                if let newKey, let newEntry {
                    try db.run(
                        "INSERT OR REPLACE INTO entries(tid, idx, k, seg, size, ttl, body) VALUES(?, ?, ?, ?, ?, NULL, ?)",
                        [.int(table.id), .int(index.number), .blob(newKey), .int(Self.segment(of: newEntry, schema: index.keySchema)),
                         .int(Int64(ItemSize.of(newEntry))), .blob(ItemCodec.encode(newEntry))])
                }
            }
            if let stream = table.stream, stream.enabled {
                try writeRecord(stream, table: table, old: old, new: new, identity: identity)
            }
        } catch let error as DynamoError {
            throw error
        } catch {
            throw .internalServerError("\(error)")
        }
        return true
    }

    private func writeRecord(_ stream: StreamInfo, table: TableInfo, old: Item?, new: Item?, identity: StreamRecord.Identity?) throws {
        counter += 1
        let keys = table.keySchema.key(of: new ?? old!)
        let pk = keys[table.keySchema.partitionKey.name].flatMap { KeyEncoding.encode($0) } ?? []
        let shard = Int(KeyBytes.hash(pk) % UInt32(max(1, stream.shardCount)))
        let name: StreamRecord.EventName = old == nil ? .insert : (new == nil ? .remove : .modify)
        var body: Item = ["e": .s(name.rawValue), "k": .m(keys), "t": .n(String(now))]
        var size = ItemSize.of(keys)
        if stream.viewType == .newImage || stream.viewType == .newAndOldImages, let new {
            body["n"] = .m(new)
            size += ItemSize.of(new)
        }
        if stream.viewType == .oldImage || stream.viewType == .newAndOldImages, let old {
            body["o"] = .m(old)
            size += ItemSize.of(old)
        }
        if identity != nil { body["u"] = .bool(true) }
        body["z"] = .n(String(max(1, size)))
        try db.run(
            "INSERT INTO records(stream, shard, seq, created, body) VALUES(?, ?, ?, ?, ?)",
            [.int(stream.id), .int(Int64(shard)), .int(counter), .double(now), .blob(ItemCodec.encode(body))])
    }

    private func ttlValue(_ table: TableInfo, _ item: Item) -> SQLValue {
        guard let ttl = table.ttl, ttl.enabled, case .n(let text)? = item[ttl.attributeName],
            let number = try? DynamoNumber(parsing: text)
        else { return .null }
        return .double(number.doubleValue)
    }

    /// The 32-bit hash of the partition key that places an item in a scan segment.
    static func segment(of item: Item, schema: KeySchema) -> Int64 {
        let bytes = item[schema.partitionKey.name].flatMap { KeyEncoding.encode($0) } ?? []
        return Int64(KeyBytes.hash(bytes))
    }

    /// Recomputes the `ttl` column of every item of `table` (after UpdateTimeToLive).
    func refreshTTL(_ table: TableInfo) throws(DynamoError) {
        do {
            var updates: [([UInt8], SQLValue)] = []
            let s = try db.prepare("SELECT k, body FROM entries WHERE tid=? AND idx=0")
            try s.bind([.int(table.id)])
            while try s.step() {
                guard let item = ItemCodec.decode(s.blob(1)) else { continue }
                updates.append((s.blob(0), ttlValue(table, item)))
            }
            for (k, v) in updates {
                try db.run("UPDATE entries SET ttl=? WHERE tid=? AND idx=0 AND k=?", [v, .int(table.id), .blob(k)])
            }
        } catch {
            throw .internalServerError("\(error)")
        }
    }
}
