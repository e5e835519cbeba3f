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
final class Checkpointer: @unchecked Sendable {
    private let db: Database
    private let condition = ConditionLock()
    private var requested = false
    private var closed = false
    /// Passes started and finished.
    private var started = 0
    private var finished = 0
    private var thread: pthread_t?

    /// Opens its own connection to the database at `path` and starts the thread.
    init(path: String) throws(SQLiteError) {
        db = try Database(path: path)
        // The checkpoint syncs the WAL before copying and the database file after (as the writer's would).
        try db.execute("PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=0;")
        thread = startEngineThread { self.loop() }
    }

    /// Asks for a pass and returns its number (at once): requests made while a pass runs fold into the
    /// next one, which starts after it.
    @discardableResult
    func request() -> Int {
        condition.lock()
        defer { condition.unlock() }
        requested = true
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
            started += 1
            condition.unlock()
            Self.checkpoint(db)
            condition.lock()
            finished += 1
            condition.unlock()
        }
    }
}
