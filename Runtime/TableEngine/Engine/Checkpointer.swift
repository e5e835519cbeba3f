#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSQLite

/// Copies the WAL back into the database file on a thread of its own, off the writer's commit path.
///
/// SQLite's automatic checkpoint runs inside the COMMIT that crosses the threshold: every request of
/// that group, and every request queued behind it, waits for 4,000 pages to be copied and the database
/// file synced. That was the tail of write latency: p99 of `POST /users/{id}/tasks` through start-api was
/// 26–28 ms with it and 15 ms with no checkpoints at all.
///
/// Here the writer's connection has automatic checkpoints off and asks this thread for PASSIVE passes,
/// which copy what they can while commits go on; ``CheckpointSchedule`` says when, and when the writer
/// has to checkpoint inline so that the WAL starts over.
///
/// SQLite syncs the database file only at the end of a checkpoint that reaches the end of the WAL, which
/// a pass during steady writes never does: everything the passes copied stayed dirty in the page cache
/// until the writer's inline checkpoint, whose sync then wrote it all back while every write waited (5 ms
/// early in a POST run, 95 ms after a minute). So the pass that precedes an inline checkpoint (the final
/// one, see ``CheckpointSchedule``) syncs the database file itself, and the inline checkpoint syncs only
/// the few pages it copied. The other passes do not: a page copied again by a later pass is then written
/// back once, not once per pass (syncing after every pass cost a lone writer 6–18% of its rate).
final class Checkpointer: @unchecked Sendable {
    private let db: Database
    private let condition = ConditionLock()
    private var requested = false
    /// The next pass ends with a sync of the database file.
    private var syncRequested = false
    private var closed = false
    /// Passes started and finished.
    private var started = 0
    private var finished = 0
    private var thread: pthread_t?
    /// The database file, for syncing it after a final pass.
    private let databaseFile: Int32

    /// Opens its own connection to the database at `path` and starts the thread.
    init(path: String) throws(SQLiteError) {
        db = try Database(path: path)
        // A pass syncs the WAL before copying; SQLite syncs the database file only after a complete pass.
        try db.execute("PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=0;")
        databaseFile = open(path, O_RDONLY | O_CLOEXEC)
        thread = startEngineThread { self.loop() }
    }

    deinit {
        if databaseFile >= 0 { closeFile(databaseFile) }
    }

    /// Asks for a pass, ending with a sync of the database file when `sync`, and returns its number (at
    /// once): requests made while a pass runs fold into the next one, which starts after it.
    func request(sync: Bool) -> Int {
        condition.lock()
        defer { condition.unlock() }
        requested = true
        syncRequested = syncRequested || sync
        condition.signal()
        return started + 1
    }

    /// How many passes have finished.
    var finishedPasses: Int {
        condition.lock()
        defer { condition.unlock() }
        return finished
    }

    /// Stops the thread (a running checkpoint finishes first).
    func close() {
        stopEngineThread(&thread, condition) { closed = true }
    }

    /// A PASSIVE checkpoint on `db`: copies the frames no reader still needs, never waits for a lock.
    static func checkpoint(_ db: Database) {
        _ = sqlite3_wal_checkpoint_v2(db.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    }

    private func loop() {
        while true {
            condition.lock()
            while !requested && !closed { condition.wait() }
            if closed {
                condition.unlock()
                return
            }
            requested = false
            let sync = syncRequested
            syncRequested = false
            started += 1
            condition.unlock()
            Self.checkpoint(db)
            if sync, databaseFile >= 0 { fdatasync(databaseFile) }  // what the passes copied, now rather than inline
            condition.lock()
            finished += 1
            condition.unlock()
        }
    }
}

/// `close(2)` (inside ``Checkpointer`` the name is its own method).
private func closeFile(_ descriptor: Int32) {
    _ = close(descriptor)
}
