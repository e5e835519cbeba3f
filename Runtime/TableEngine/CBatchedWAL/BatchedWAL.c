// A SQLite VFS shim that batches WAL writes.
//
// SQLite appends each WAL frame with two writes: its 24-byte header, then the page. A commit of a
// dozen pages is two dozen `pwrite` calls before the `fdatasync`. This shim keeps contiguous WAL
// writes in a buffer and hands them to the wrapped VFS as one write at the first moment anything
// could look at the file: before a sync, read, size query, truncate, file control or close of the
// WAL, and before the database's shared-memory locks or barrier are used (that is where SQLite
// publishes a commit to other connections). Everything else is forwarded unchanged, so on-disk
// bytes, locking and recovery are SQLite's own.

#include "BatchedWAL.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define BATCHED_WAL_VFS_NAME "sluice-batched-wal"
/// Writes larger than this go straight through; the buffer never grows past it.
#define BUFFER_LIMIT (1 << 20)
/// The most handed to the wrapped VFS in one write: SQLite's unix VFS masks a write's length with
/// 0x1ffff, so a write of 128 KB or more must be split.
#define CHUNK_LIMIT (124 * 1024)

typedef struct BatchedFile BatchedFile;

struct BatchedFile {
    sqlite3_file base;      // pMethods: one of the two method tables below
    sqlite3_file *inner;    // the wrapped VFS's file, stored right after this struct
    BatchedFile *wal;       // database file: its connection's open WAL file
    BatchedFile *database;  // WAL file: the database file it belongs to
    unsigned char *buffer;
    sqlite3_int64 start;    // file offset of buffer[0]
    int length;
    int capacity;
    int deferredError;      // a flush that failed where SQLite could not be told (the barrier)
    long long writes;       // WAL file: writes SQLite asked for
    long long flushes;      // WAL file: writes handed to the wrapped VFS
};

static sqlite3_vfs *innerVfs;
static sqlite3_vfs batchedVfs;
static pthread_once_t registration = PTHREAD_ONCE_INIT;
static int registered;

static const sqlite3_io_methods walMethods;
static const sqlite3_io_methods databaseMethods;

static inline BatchedFile *batched(sqlite3_file *file) { return (BatchedFile *)file; }

/// Calls `method` of the wrapped file with `file`'s wrapped file and the other arguments.
#define FORWARD(file, method, ...) (batched(file)->inner->pMethods->method(batched(file)->inner, ##__VA_ARGS__))

/// Hands `amount` bytes at `offset` to the wrapped file, in pieces of at most CHUNK_LIMIT.
static int writeThrough(BatchedFile *f, const void *data, int amount, sqlite3_int64 offset) {
    int rc = SQLITE_OK;
    for (int done = 0; done < amount && rc == SQLITE_OK;) {
        int piece = amount - done < CHUNK_LIMIT ? amount - done : CHUNK_LIMIT;
        rc = f->inner->pMethods->xWrite(f->inner, (const unsigned char *)data + done, piece, offset + done);
        done += piece;
        f->flushes += 1;
    }
    return rc;
}

static int flush(BatchedFile *f) {
    int rc = writeThrough(f, f->buffer, f->length, f->start);
    f->length = 0;
    return rc;
}

/// Flushes and then reports (once) an error an earlier flush could not report.
static int flushReporting(BatchedFile *f) {
    int rc = flush(f);
    if (rc == SQLITE_OK && f->deferredError != SQLITE_OK) {
        rc = f->deferredError;
        f->deferredError = SQLITE_OK;
    }
    return rc;
}

// MARK: WAL file

static int walClose(sqlite3_file *file) {
    BatchedFile *f = batched(file);
    int rc = flushReporting(f);
    if (f->database != NULL) f->database->wal = NULL;
    f->database = NULL;
    free(f->buffer);
    f->buffer = NULL;
    int closeRC = f->inner->pMethods->xClose(f->inner);
    return rc != SQLITE_OK ? rc : closeRC;
}

static int walRead(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset) {
    BatchedFile *f = batched(file);
    int rc = flushReporting(f);
    if (rc != SQLITE_OK) return rc;
    return f->inner->pMethods->xRead(f->inner, data, amount, offset);
}

static int walWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset) {
    BatchedFile *f = batched(file);
    f->writes += 1;
    if (f->deferredError != SQLITE_OK || (f->length > 0 && offset != f->start + f->length)
        || f->length + amount > BUFFER_LIMIT) {
        int rc = flushReporting(f);
        if (rc != SQLITE_OK) return rc;
    }
    // Without its database file the shim cannot flush before a commit is published: no buffering.
    if (amount > BUFFER_LIMIT || f->database == NULL) return writeThrough(f, data, amount, offset);
    if (f->length + amount > f->capacity) {
        int capacity = f->capacity == 0 ? 64 * 1024 : f->capacity;
        while (capacity < f->length + amount) capacity *= 2;
        if (capacity > BUFFER_LIMIT) capacity = BUFFER_LIMIT;
        unsigned char *grown = realloc(f->buffer, (size_t)capacity);
        if (grown == NULL) {
            // No memory for the buffer: write through, as the wrapped VFS would.
            int rc = flush(f);
            if (rc != SQLITE_OK) return rc;
            return writeThrough(f, data, amount, offset);
        }
        f->buffer = grown;
        f->capacity = capacity;
    }
    if (f->length == 0) f->start = offset;
    memcpy(f->buffer + f->length, data, (size_t)amount);
    f->length += amount;
    return SQLITE_OK;
}

static int walTruncate(sqlite3_file *file, sqlite3_int64 size) {
    BatchedFile *f = batched(file);
    int rc = flushReporting(f);
    if (rc != SQLITE_OK) return rc;
    return f->inner->pMethods->xTruncate(f->inner, size);
}

static int walSync(sqlite3_file *file, int flags) {
    BatchedFile *f = batched(file);
    int rc = flushReporting(f);
    if (rc != SQLITE_OK) return rc;
    return f->inner->pMethods->xSync(f->inner, flags);
}

static int walFileSize(sqlite3_file *file, sqlite3_int64 *size) {
    BatchedFile *f = batched(file);
    int rc = flushReporting(f);
    if (rc != SQLITE_OK) return rc;
    return f->inner->pMethods->xFileSize(f->inner, size);
}

static int walFileControl(sqlite3_file *file, int op, void *argument) {
    BatchedFile *f = batched(file);
    int rc = flushReporting(f);
    if (rc != SQLITE_OK) return rc;
    return f->inner->pMethods->xFileControl(f->inner, op, argument);
}

static int walFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **pointer) {
    BatchedFile *f = batched(file);
    *pointer = NULL;
    int rc = flushReporting(f);
    if (rc != SQLITE_OK) return rc;
    if (f->inner->pMethods->iVersion < 3) return SQLITE_OK;
    return f->inner->pMethods->xFetch(f->inner, offset, amount, pointer);
}

// MARK: Forwarded to the wrapped file (both kinds)

static int forwardLock(sqlite3_file *file, int level) { return FORWARD(file, xLock, level); }
static int forwardUnlock(sqlite3_file *file, int level) { return FORWARD(file, xUnlock, level); }
static int forwardCheckReservedLock(sqlite3_file *file, int *result) {
    return FORWARD(file, xCheckReservedLock, result);
}
static int forwardSectorSize(sqlite3_file *file) { return FORWARD(file, xSectorSize); }
static int forwardDeviceCharacteristics(sqlite3_file *file) { return FORWARD(file, xDeviceCharacteristics); }

static int forwardUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *pointer) {
    sqlite3_file *inner = batched(file)->inner;
    if (inner->pMethods->iVersion < 3) return SQLITE_OK;
    return inner->pMethods->xUnfetch(inner, offset, pointer);
}

// MARK: Database file (and every other file: journals, temporary files)

static int databaseClose(sqlite3_file *file) {
    BatchedFile *f = batched(file);
    if (f->wal != NULL) f->wal->database = NULL;
    f->wal = NULL;
    return f->inner->pMethods->xClose(f->inner);
}

static int databaseRead(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset) {
    return FORWARD(file, xRead, data, amount, offset);
}
static int databaseWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset) {
    return FORWARD(file, xWrite, data, amount, offset);
}
static int databaseTruncate(sqlite3_file *file, sqlite3_int64 size) { return FORWARD(file, xTruncate, size); }
static int databaseSync(sqlite3_file *file, int flags) { return FORWARD(file, xSync, flags); }
static int databaseFileSize(sqlite3_file *file, sqlite3_int64 *size) { return FORWARD(file, xFileSize, size); }

static int databaseFileControl(sqlite3_file *file, int op, void *argument) {
    BatchedFile *f = batched(file);
    if (op == SLUICE_FCNTL_WAL_COUNTS) {
        long long *counts = argument;
        counts[0] = f->wal != NULL ? f->wal->writes : 0;
        counts[1] = f->wal != NULL ? f->wal->flushes : 0;
        return SQLITE_OK;
    }
    return f->inner->pMethods->xFileControl(f->inner, op, argument);
}

static int databaseFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **pointer) {
    sqlite3_file *inner = batched(file)->inner;
    *pointer = NULL;
    if (inner->pMethods->iVersion < 3) return SQLITE_OK;
    return inner->pMethods->xFetch(inner, offset, amount, pointer);
}

/// The connection's WAL writes reach the file before a shared-memory lock changes: a commit becomes
/// visible to other connections through the wal-index, which these locks guard.
static int databaseShmLock(sqlite3_file *file, int offset, int n, int flags) {
    BatchedFile *f = batched(file);
    if (f->wal != NULL) {
        int rc = flushReporting(f->wal);
        if (rc != SQLITE_OK) return rc;
    }
    return f->inner->pMethods->xShmLock(f->inner, offset, n, flags);
}

/// SQLite writes the wal-index header around this barrier; frames must be in the file first.
static void databaseShmBarrier(sqlite3_file *file) {
    BatchedFile *f = batched(file);
    if (f->wal != NULL) {
        int rc = flush(f->wal);
        if (rc != SQLITE_OK) f->wal->deferredError = rc;
    }
    f->inner->pMethods->xShmBarrier(f->inner);
}

static int databaseShmMap(sqlite3_file *file, int page, int size, int extend, void volatile **pointer) {
    return FORWARD(file, xShmMap, page, size, extend, pointer);
}

static int databaseShmUnmap(sqlite3_file *file, int deleteFlag) {
    BatchedFile *f = batched(file);
    if (f->wal != NULL) {
        int rc = flush(f->wal);
        if (rc != SQLITE_OK) f->wal->deferredError = rc;
    }
    return f->inner->pMethods->xShmUnmap(f->inner, deleteFlag);
}

static const sqlite3_io_methods walMethods = {
    3, walClose, walRead, walWrite, walTruncate, walSync, walFileSize, forwardLock, forwardUnlock,
    forwardCheckReservedLock, walFileControl, forwardSectorSize, forwardDeviceCharacteristics,
    databaseShmMap, databaseShmLock, databaseShmBarrier, databaseShmUnmap, walFetch, forwardUnfetch,
};

static const sqlite3_io_methods databaseMethods = {
    3, databaseClose, databaseRead, databaseWrite, databaseTruncate, databaseSync, databaseFileSize,
    forwardLock, forwardUnlock, forwardCheckReservedLock, databaseFileControl, forwardSectorSize,
    forwardDeviceCharacteristics, databaseShmMap, databaseShmLock, databaseShmBarrier, databaseShmUnmap,
    databaseFetch, forwardUnfetch,
};

// MARK: The VFS

static int batchedOpen(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *outFlags) {
    (void)vfs;
    BatchedFile *f = batched(file);
    memset(f, 0, sizeof *f);
    f->inner = (sqlite3_file *)(f + 1);
    int rc = innerVfs->xOpen(innerVfs, name, f->inner, flags, outFlags);
    // SQLite calls xClose after a failed xOpen only when pMethods is set.
    if (f->inner->pMethods == NULL) {
        f->base.pMethods = NULL;
        return rc;
    }
    if ((flags & SQLITE_OPEN_WAL) != 0 && name != NULL) {
        f->base.pMethods = &walMethods;
        sqlite3_file *database = sqlite3_database_file_object(name);
        if (database != NULL && database->pMethods == &databaseMethods) {
            f->database = batched(database);
            f->database->wal = f;
        }
    } else {
        f->base.pMethods = &databaseMethods;
    }
    return rc;
}

static int batchedDelete(sqlite3_vfs *vfs, const char *name, int syncDirectory) {
    (void)vfs;
    return innerVfs->xDelete(innerVfs, name, syncDirectory);
}

static int batchedAccess(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
    (void)vfs;
    return innerVfs->xAccess(innerVfs, name, flags, result);
}

static int batchedFullPathname(sqlite3_vfs *vfs, const char *name, int size, char *output) {
    (void)vfs;
    return innerVfs->xFullPathname(innerVfs, name, size, output);
}

static void *batchedDlOpen(sqlite3_vfs *vfs, const char *name) {
    (void)vfs;
    return innerVfs->xDlOpen(innerVfs, name);
}

static void batchedDlError(sqlite3_vfs *vfs, int size, char *message) {
    (void)vfs;
    innerVfs->xDlError(innerVfs, size, message);
}

static void (*batchedDlSym(sqlite3_vfs *vfs, void *handle, const char *symbol))(void) {
    (void)vfs;
    return innerVfs->xDlSym(innerVfs, handle, symbol);
}

static void batchedDlClose(sqlite3_vfs *vfs, void *handle) {
    (void)vfs;
    innerVfs->xDlClose(innerVfs, handle);
}

static int batchedRandomness(sqlite3_vfs *vfs, int size, char *output) {
    (void)vfs;
    return innerVfs->xRandomness(innerVfs, size, output);
}

static int batchedSleep(sqlite3_vfs *vfs, int microseconds) {
    (void)vfs;
    return innerVfs->xSleep(innerVfs, microseconds);
}

static int batchedCurrentTime(sqlite3_vfs *vfs, double *now) {
    (void)vfs;
    return innerVfs->xCurrentTime(innerVfs, now);
}

static int batchedGetLastError(sqlite3_vfs *vfs, int size, char *message) {
    (void)vfs;
    return innerVfs->xGetLastError(innerVfs, size, message);
}

static int batchedCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *now) {
    (void)vfs;
    if (innerVfs->iVersion >= 2 && innerVfs->xCurrentTimeInt64 != NULL) return innerVfs->xCurrentTimeInt64(innerVfs, now);
    double days = 0;
    int rc = innerVfs->xCurrentTime(innerVfs, &days);
    *now = (sqlite3_int64)(days * 86400000.0);
    return rc;
}

static void registerVFS(void) {
    innerVfs = sqlite3_vfs_find(NULL);
    if (innerVfs == NULL) return;
    batchedVfs = (sqlite3_vfs){
        .iVersion = 2,
        .szOsFile = (int)sizeof(BatchedFile) + innerVfs->szOsFile,
        .mxPathname = innerVfs->mxPathname,
        .zName = BATCHED_WAL_VFS_NAME,
        .xOpen = batchedOpen,
        .xDelete = batchedDelete,
        .xAccess = batchedAccess,
        .xFullPathname = batchedFullPathname,
        .xDlOpen = batchedDlOpen,
        .xDlError = batchedDlError,
        .xDlSym = batchedDlSym,
        .xDlClose = batchedDlClose,
        .xRandomness = batchedRandomness,
        .xSleep = batchedSleep,
        .xCurrentTime = batchedCurrentTime,
        .xGetLastError = batchedGetLastError,
        .xCurrentTimeInt64 = batchedCurrentTimeInt64,
    };
    registered = sqlite3_vfs_register(&batchedVfs, 0) == SQLITE_OK;
}

const char *sluice_batched_wal_vfs(void) {
    pthread_once(&registration, registerVFS);
    return registered ? BATCHED_WAL_VFS_NAME : NULL;
}

int sluice_batched_wal_counts(sqlite3 *db, long long *writes, long long *flushes) {
    long long counts[2] = {0, 0};
    int rc = sqlite3_file_control(db, "main", SLUICE_FCNTL_WAL_COUNTS, counts);
    *writes = counts[0];
    *flushes = counts[1];
    return rc;
}
