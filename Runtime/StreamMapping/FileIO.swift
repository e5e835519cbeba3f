#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small POSIX file helpers: crash-safe replacement, durable appends, whole-file reads.
enum FileIO {
    /// Creates `path` and its parents (like `mkdir -p`).
    static func makeDirectories(_ path: String) throws(StreamMappingError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw .io(path: current, message: String(cString: strerror(errno)))
            }
        }
    }

    /// Replaces `path` atomically: writes a temporary file, fsyncs it, renames it over `path`, fsyncs the directory.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(StreamMappingError) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: temporary, message: String(cString: strerror(errno))) }
        do throws(StreamMappingError) {
            try writeAll(fd, bytes, path: temporary)
            guard fsync(fd) == 0 else { throw StreamMappingError.io(path: temporary, message: String(cString: strerror(errno))) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
        syncDirectory(of: path)
    }

    /// Appends `bytes` to `path` (created if missing) and fsyncs.
    static func append(_ bytes: [UInt8], to path: String) throws(StreamMappingError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
        guard fsync(fd) == 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
    }

    /// The file's bytes, or nil when it does not exist.
    static func read(_ path: String) throws(StreamMappingError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .io(path: path, message: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, message: String(cString: strerror(errno)))
            }
            if n == 0 { return out }
            out += chunk[0..<n]
        }
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
        #else
        Darwin.read(fd, buffer, count)
        #endif
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StreamMappingError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, message: String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    private static func syncDirectory(of path: String) {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
