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
/// Here the writer's connection has automatic checkpoints off. Once the WAL holds
/// ``EngineConfiguration/checkpointPages`` frames, the writer asks this thread for a PASSIVE checkpoint,
/// which copies what it can while commits go on. It asks again after each further `checkpointPages` of
/// growth, not after every commit: back-to-back checkpoints, each syncing the database file, took a third
/// off a lone writer's rate. SQLite starts the WAL over only when a write begins with every frame copied,
/// which a steady stream of commits rarely allows, so past four times `checkpointPages` the writer
/// checkpoints itself after answering its group; most frames are copied by then.
final class Checkpointer: @unchecked Sendable {
    private let db: Database
    private let condition = ConditionLock()
    private var requested = false
    private var closed = false
    private var thread: pthread_t?

    /// Opens its own connection to the database at `path` and starts the thread.
    init(path: String) throws(SQLiteError) {
        db = try Database(path: path)
        // The checkpoint syncs the WAL before copying and the database file after (as the writer's would).
        try db.execute("PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=0;")
        thread = startEngineThread { self.loop() }
    }

    /// Asks for a checkpoint (returns at once; requests made while one runs fold into one more).
    func request() {
        condition.lock()
        requested = true
        condition.signal()
        condition.unlock()
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
            condition.unlock()
            Self.checkpoint(db)
        }
    }
}
