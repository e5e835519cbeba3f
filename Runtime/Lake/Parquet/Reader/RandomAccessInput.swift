/// Bytes a reader fetches by range: a file, or an object store answering ranged GETs. ``ParquetReader``
/// reads the footer first, then only the column chunks it is asked for.
public protocol RandomAccessInput: Sendable {
    /// Total size in bytes.
    var count: Int { get }
    /// The bytes of `range` (within `0..<count`).
    func read(_ range: Range<Int>) throws -> [UInt8]
}

/// A ``RandomAccessInput`` over another that fetches the last `tailBytes` (the footer, and the whole
/// file when it is small) with the first read and serves every read inside them from memory: opening a
/// file on an object store then costs one request instead of three (head magic, footer length, footer).
public final class TailCachedInput: RandomAccessInput {
    public let base: any RandomAccessInput
    private let tail: [UInt8]
    private let tailStart: Int

    public init(_ base: any RandomAccessInput, tailBytes: Int = 64 * 1024) throws {
        self.base = base
        tailStart = max(0, base.count - tailBytes)
        tail = try base.read(tailStart..<base.count)
    }

    public var count: Int { base.count }

    public func read(_ range: Range<Int>) throws -> [UInt8] {
        if range.lowerBound >= tailStart, range.upperBound <= count {
            return Array(tail[(range.lowerBound - tailStart)..<(range.upperBound - tailStart)])
        }
        return try base.read(range)
    }
}

/// A file on disk read by ranges with `pread` (kept open while the value lives).
public final class FileBytes: RandomAccessInput {
    let source: ByteSource

    public init(path: String) throws { source = try ByteSource(path: path) }

    public var count: Int { source.count }

    public func read(_ range: Range<Int>) throws -> [UInt8] {
        let (bytes, base) = try source.range(range.lowerBound, range.upperBound)
        if base == range.lowerBound, bytes.count == range.count { return bytes }
        let lo = min(bytes.count, range.lowerBound - base), hi = min(bytes.count, range.upperBound - base)
        return Array(bytes[lo..<hi])
    }
}
