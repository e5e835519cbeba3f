/// The SQLite schema of `table.db`.
///
/// - `tables`: the catalog (definition = the CreateTable request in ItemCodec form).
/// - `streams`: every stream a table had (a disabled one stays readable for the retention period).
/// - `entries`: table items (`idx` 0) and index entries (`idx` ≥ 1) by order-preserving key bytes;
///   `seg` is a 32-bit hash of the partition key (scan segments), `ttl` the expiry of items with TTL on.
/// - `records`: stream records per stream and shard, by global sequence counter.
/// - `trims`: per shard, the highest sequence counter removed by retention.
enum Schema {
    static let version = 1

    static let statements = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS tables(
            name TEXT PRIMARY KEY, id INTEGER NOT NULL UNIQUE, created REAL NOT NULL, definition BLOB NOT NULL,
            ttl_attr TEXT, ttl_enabled INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS streams(
            id INTEGER PRIMARY KEY, table_name TEXT NOT NULL, table_id INTEGER NOT NULL, label TEXT NOT NULL,
            view_type TEXT NOT NULL, created REAL NOT NULL, disabled_at REAL, shard_count INTEGER NOT NULL,
            key_schema TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS entries(
            tid INTEGER NOT NULL, idx INTEGER NOT NULL, k BLOB NOT NULL, seg INTEGER NOT NULL, size INTEGER NOT NULL,
            ttl REAL, body BLOB NOT NULL, PRIMARY KEY(tid, idx, k)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS entries_ttl ON entries(tid, ttl) WHERE ttl IS NOT NULL;
        CREATE TABLE IF NOT EXISTS records(
            stream INTEGER NOT NULL, shard INTEGER NOT NULL, seq INTEGER NOT NULL, created REAL NOT NULL,
            body BLOB NOT NULL, PRIMARY KEY(stream, shard, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS trims(
            stream INTEGER NOT NULL, shard INTEGER NOT NULL, upto INTEGER NOT NULL, PRIMARY KEY(stream, shard)) WITHOUT ROWID;
        INSERT OR IGNORE INTO meta(key, value) VALUES('schema', 1), ('counter', 0), ('next_table_id', 1);
        """

    /// Connection settings: WAL, and `synchronous=FULL` on the writer so an acknowledged commit survives power
    /// loss. No automatic checkpoints: ``Checkpointer`` runs them off the commit path.
    static let writerPragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-16000; PRAGMA wal_autocheckpoint=0; PRAGMA mmap_size=1073741824;"
    static let readerPragmas = "PRAGMA query_only=1; PRAGMA cache_size=-8000; PRAGMA mmap_size=1073741824;"
}
