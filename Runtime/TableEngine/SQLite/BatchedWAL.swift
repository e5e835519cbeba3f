import CBatchedWAL
import CSQLite

/// The SQLite VFS the writer connection opens its database through: SQLite's default VFS, except that
/// the small contiguous writes of each commit's WAL frames (a 24-byte header and a page per frame)
/// reach the file as one `pwrite`, before the sync. The bytes on disk, locking and recovery are
/// SQLite's own; see `CBatchedWAL/BatchedWAL.c` for when the buffer is flushed.
enum BatchedWAL {
    /// The VFS's name, or nil when it could not be registered (the default VFS is used then).
    static let vfsName: String? = sluice_batched_wal_vfs().map { String(cString: $0) }

    /// For `database` (opened through this VFS) and its open WAL file: the writes SQLite asked for and the
    /// writes that reached the file. Nil for a connection of another VFS.
    static func counts(_ database: Database) -> (writes: Int, flushes: Int)? {
        var writes: Int64 = 0
        var flushes: Int64 = 0
        guard sluice_batched_wal_counts(database.handle, &writes, &flushes) == SQLITE_OK else { return nil }
        return (Int(writes), Int(flushes))
    }
}
