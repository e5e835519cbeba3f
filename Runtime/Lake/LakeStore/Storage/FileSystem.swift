#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What can go wrong in the lake.
public enum LakeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed.
    case io(String)
    /// A lake file (`_schema.json`, `_manifest.json`) does not parse.
    case corrupt(String)
    /// A stream record cannot be written (no usable sequence number, time or keys).
    case malformedRecord(String)
    /// The caller asked for something that does not exist or does not fit.
    case invalidArgument(String)
    /// A fault injected by a test or callback stopped an operation midway.
    case interrupted(String)
    /// The object store failed or refused (S3: no such bucket, access denied, unreachable endpoint…).
    case storage(String)
    /// Another writer changed the manifest or schema first (a conditional write lost); retry the operation.
    case conflict(String)

    public var description: String {
        switch self {
        case .io(let m): "Lake I/O error: \(m). Check the lake folder's path, permissions and free space."
        case .corrupt(let m): "Corrupt lake metadata: \(m)."
        case .malformedRecord(let m): "Malformed stream record: \(m)."
        case .invalidArgument(let m): "Invalid argument: \(m)."
        case .interrupted(let m): "Interrupted: \(m)."
        case .storage(let m): "Lake storage error: \(m)."
        case .conflict(let m): "Concurrent lake write: \(m); retry."
        }
    }
}

extension LakeError {
    var isConflict: Bool { if case .conflict = self { true } else { false } }
}

/// `write(2)` under a name that does not clash with methods.
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}

private func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, p, n)
    #else
    return Darwin.read(fd, p, n)
    #endif
}

/// File operations on Glibc, without Foundation.
enum FS {
    static func error(_ call: String, _ path: String) -> LakeError {
        let code = errno
        return .io("\(call)(\(path)) failed: \(String(cString: strerror(code))) (errno \(code))")
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Size in bytes, or nil when the file does not exist.
    static func size(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_size)
    }

    /// `mkdir -p`.
    static func makeDirectories(_ path: String) throws {
        if isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw error("mkdir", prefix) }
            if !isDirectory(prefix) { throw LakeError.io("\(prefix) exists and is not a folder") }
            prefix += "/"
        }
    }

    /// Names in a folder (without `.` and `..`), sorted; empty when the folder does not exist.
    static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error("open", path) }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw error("read", path)
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// Writes `bytes` under a temporary name, fsyncs, renames over `path` and fsyncs the folder.
    static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws {
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw error("open", temporary) }
        var failure: LakeError? = nil
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = error("write", temporary)
                    return
                }
                done += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = error("fsync", temporary) }
        if close(fd) != 0, failure == nil { failure = error("close", temporary) }
        if failure == nil, rename(temporary, path) != 0 { failure = error("rename", path) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        syncFolder(of: path)
    }

    static func syncFolder(of path: String) {
        let folder = parent(path)
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func remove(_ path: String) {
        unlink(path)
    }

    static func removeFolderIfEmpty(_ path: String) {
        rmdir(path)
    }
}

/// An exclusive `flock(2)` on a dataset's `_lock` file: serialises the ETL, compaction and snapshots of
/// one dataset across threads and processes.
final class DatasetLock {
    private let fd: Int32

    init(folder: String) throws {
        try FS.makeDirectories(folder)
        let path = folder + "/_lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FS.error("open", path) }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let e = FS.error("flock", path)
            close(fd)
            throw e
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Runs `body` holding the lock of `folder`.
    static func with<T>(_ folder: String, _ body: () throws -> T) throws -> T {
        let lock = try DatasetLock(folder: folder)
        defer { withExtendedLifetime(lock) {} }
        return try body()
    }
}
