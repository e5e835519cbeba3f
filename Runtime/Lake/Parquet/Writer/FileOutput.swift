#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `write(2)`, named apart from `FileOutput.write(_:)`.
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}

/// Writes a file under a temporary name and publishes it atomically: fsync, rename, fsync the folder.
final class FileOutput {
    let path: String
    let temporaryPath: String
    private var fd: Int32

    init(path: String) throws {
        self.path = path
        self.temporaryPath = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileOutput.error("open", temporaryPath) }
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(temporaryPath)
        }
    }

    static func error(_ call: String, _ path: String) -> ParquetError {
        let code = errno
        return .io("\(call)(\(path)) failed: \(String(cString: strerror(code))) (errno \(code))")
    }

    func write(_ bytes: [UInt8]) throws {
        guard fd >= 0 else { throw ParquetError.writerClosed }
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileOutput.error("write", temporaryPath)
                }
                done += n
            }
        }
    }

    /// Flushes to disk and renames the temporary file to `path`.
    func publish() throws {
        guard fd >= 0 else { throw ParquetError.writerClosed }
        guard fsync(fd) == 0 else { throw FileOutput.error("fsync", temporaryPath) }
        guard close(fd) == 0 else {
            fd = -1
            unlink(temporaryPath)
            throw FileOutput.error("close", temporaryPath)
        }
        fd = -1
        guard rename(temporaryPath, path) == 0 else {
            let e = FileOutput.error("rename", path)
            unlink(temporaryPath)
            throw e
        }
        // Make the rename itself durable.
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// Closes and removes the temporary file.
    func abort() {
        if fd >= 0 {
            close(fd)
            fd = -1
            unlink(temporaryPath)
        }
    }
}
