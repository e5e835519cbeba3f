extension Array where Element == UInt8 {
    /// Appends a fixed-width integer in little-endian byte order.
    @inline(__always)
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

/// A bounds-checked cursor over a byte range; every read throws `truncated` instead of trapping.
struct ByteReader {
    let bytes: [UInt8]
    var position: Int
    let end: Int
    /// What is being read, for error messages.
    let context: String

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil, context: String) {
        self.bytes = bytes
        self.position = max(0, min(start, bytes.count))
        self.end = max(self.position, min(end ?? bytes.count, bytes.count))
        self.context = context
    }

    var remaining: Int { end - position }

    func require(_ n: Int) throws {
        guard n >= 0, n <= remaining else {
            throw ParquetError.truncated("\(context): need \(n) bytes, \(remaining) remain")
        }
    }

    mutating func readByte() throws -> UInt8 {
        try require(1)
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readLE<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        try require(size)
        var value: T = 0
        for i in 0..<size {
            value |= T(truncatingIfNeeded: bytes[position + i]) << (8 * i)
        }
        position += size
        return value
    }

    mutating func readBytes(_ n: Int) throws -> [UInt8] {
        try require(n)
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    mutating func skip(_ n: Int) throws {
        try require(n)
        position += n
    }

    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            guard shift < 64 else { throw ParquetError.corrupt("\(context): varint longer than 10 bytes") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }
}
