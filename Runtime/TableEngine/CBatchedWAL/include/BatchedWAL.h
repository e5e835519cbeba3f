#ifndef SLUICE_BATCHED_WAL_H
#define SLUICE_BATCHED_WAL_H

#include <sqlite3.h>

/// Registers (once, thread-safe) a SQLite VFS that wraps the default one and gathers the small,
/// contiguous writes SQLite makes to a WAL file (a 24-byte frame header, then the page, for every
/// frame) into one write before the file is synced, read, sized, truncated or closed, and before
/// the database's shared-memory locks or barrier are used. Returns the VFS's name, or NULL if it
/// could not be registered (then callers use the default VFS).
const char *sluice_batched_wal_vfs(void);

/// The file-control code of ``sluice_batched_wal_counts``.
#define SLUICE_FCNTL_WAL_COUNTS 0x534c5743

/// For connection `db` opened through the VFS, and its open WAL file: the writes SQLite asked for and
/// the writes the VFS handed on. SQLITE_NOTFOUND (and zeros) for a connection of another VFS.
int sluice_batched_wal_counts(sqlite3 *db, long long *writes, long long *flushes);

#endif
