import SluiceJSON

/// Writes JSON bytes through a pointer into memory the caller sized beforehand for the worst case, so
/// each write is a store rather than an array append. Strings are escaped by SluiceJSON's `JSONEscaping`,
/// binaries encoded by its `Base64`. Writing past the capacity stops the process (a wrong bound is a bug, not bad input).
struct BoundedJSONWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!
        capacity = buffer.count
    }

    private func ensure(_ n: Int) {
        precondition(count + n <= capacity, "BoundedJSONWriter: the bound was too small")
    }

    mutating func byte(_ b: UInt8) {
        ensure(1)
        base[count] = b
        count += 1
    }

    mutating func text(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        ensure(n)
        (base + count).update(from: s.utf8Start, count: n)
        count += n
    }

    mutating func raw(_ bytes: UnsafeRawBufferPointer) {
        ensure(bytes.count)
        if let source = bytes.baseAddress { UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count) }
        count += bytes.count
    }

    /// `bytes` (UTF-8) as a quoted JSON string, escaped by ``JSONEscaping``.
    mutating func string(_ bytes: UnsafeRawBufferPointer) {
        byte(UInt8(ascii: "\""))
        JSONEscaping.write(escaped: bytes.assumingMemoryBound(to: UInt8.self), to: &self)
        byte(UInt8(ascii: "\""))
    }

    /// `bytes` as a quoted standard base64 string with padding (``Base64``'s text).
    mutating func base64(_ bytes: UnsafeRawBufferPointer) {
        byte(UInt8(ascii: "\""))
        let n = Base64.encodedCount(bytes.count)
        ensure(n)
        count += Base64.encode(bytes.assumingMemoryBound(to: UInt8.self), into: base + count)
        byte(UInt8(ascii: "\""))
    }
}

extension BoundedJSONWriter: JSONByteOutput {
    mutating func append(_ byte: UInt8) { self.byte(byte) }
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) { raw(UnsafeRawBufferPointer(bytes)) }
}
