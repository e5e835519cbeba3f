#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from: an array in memory, or an open file read with `pread` on demand
/// (the footer when opening, then one column chunk at a time), so opening a file does not load it whole.
final class ByteSource: Sendable {
    private enum Storage {
        case memory([UInt8])
        case file(fd: Int32, path: String)
        case input(any RandomAccessInput)
    }
    private let storage: Storage
    /// Total size in bytes.
    let count: Int

    init(bytes: [UInt8]) {
        storage = .memory(bytes)
        count = bytes.count
    }

    init(input: any RandomAccessInput) {
        storage = .input(input)
        count = input.count
    }

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileOutput.error("open", path) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = FileOutput.error("fstat", path)
            close(fd)
            throw e
        }
        storage = .file(fd: fd, path: path)
        count = Int(st.st_size)
    }

    /// Whether bytes come from a ``RandomAccessInput`` (an object store: each read may be a request).
    var isRemote: Bool { if case .input = storage { true } else { false } }

    deinit {
        if case .file(let fd, _) = storage { close(fd) }
    }

    /// The bytes of `start..<end` (clamped to the source) and the offset of their first byte:
    /// for memory the whole array with offset 0 (no copy), for a file just that range.
    func range(_ start: Int, _ end: Int) throws -> (bytes: [UInt8], base: Int) {
        switch storage {
        case .memory(let bytes): return (bytes, 0)
        case .file(let fd, let path):
            let lo = max(0, min(start, count)), hi = max(lo, min(end, count))
            return (try Self.pread(fd, path: path, offset: lo, count: hi - lo), lo)
        case .input(let input):
            let lo = max(0, min(start, count)), hi = max(lo, min(end, count))
            return (try input.read(lo..<hi), lo)
        }
    }

    /// All bytes (a copy read from disk for files).
    var all: [UInt8] {
        get throws {
            switch storage {
            case .memory(let bytes): return bytes
            case .file(let fd, let path): return try Self.pread(fd, path: path, offset: 0, count: count)
            case .input(let input): return try input.read(0..<count)
            }
        }
    }

    private static func pread(_ fd: Int32, path: String, offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        try bytes.withUnsafeMutableBytes { buffer in
            while done < count {
                #if canImport(Glibc)
                let n = Glibc.pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                #else
                let n = Darwin.pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                #endif
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileOutput.error("pread", path)
                }
                if n == 0 { break }
                done += n
            }
        }
        if done < count { throw ParquetError.truncated("\(path): file shrank while reading (\(done) of \(count) bytes at \(offset))") }
        return bytes
    }
}
