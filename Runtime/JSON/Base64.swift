/// Standard base64 (RFC 4648, with padding) without Foundation, for binary attribute values and event bodies.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    /// Encodes bytes as padded base64 text.
    public static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        // Called from other modules this generic function is not specialised: contiguous bytes take a loop
        // over a buffer instead of the generic iterator's witness calls per byte.
        if let text = bytes.withContiguousStorageIfAvailable({ encode(buffer: $0) }) { return text }
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var it = bytes.makeIterator()
        while let b0 = it.next() {
            let b1 = it.next(), b2 = it.next()
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | (b1 ?? 0) >> 4)])
            out.append(b1.map { alphabet[Int(($0 & 0x0F) << 2 | (b2 ?? 0) >> 6)] } ?? UInt8(ascii: "="))
            out.append(b2.map { alphabet[Int($0 & 0x3F)] } ?? UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func encode(buffer bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: encodedCount(bytes.count)) { out in encode(bytes, into: out.baseAddress!) }
    }

    /// Bytes of padded base64 text for `count` bytes.
    public static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Writes `bytes` as padded base64 text to `out`, which holds at least ``encodedCount(_:)`` bytes;
    /// returns how many it wrote.
    @discardableResult
    public static func encode(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        alphabet.withUnsafeBufferPointer { alphabet in
            var index = 0, written = 0
            func put(_ byte: UInt8) {
                out[written] = byte
                written += 1
            }
            while index + 3 <= bytes.count {
                let b0 = bytes[index], b1 = bytes[index + 1], b2 = bytes[index + 2]
                put(alphabet[Int(b0 >> 2)])
                put(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
                put(alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)])
                put(alphabet[Int(b2 & 0x3F)])
                index += 3
            }
            if index < bytes.count {
                let b0 = bytes[index]
                let b1: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
                put(alphabet[Int(b0 >> 2)])
                put(alphabet[Int((b0 & 0x03) << 4 | (b1 ?? 0) >> 4)])
                put(b1.map { alphabet[Int(($0 & 0x0F) << 2)] } ?? UInt8(ascii: "="))
                put(UInt8(ascii: "="))
            }
            return written
        }
    }

    /// Decodes padded or unpadded base64 text; `nil` when the text is not base64.
    public static func decode(_ text: String) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count / 4 * 3)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for c in text.utf8 {
            if c == UInt8(ascii: "=") { padding += 1; continue }
            if padding > 0 { return nil }  // data after padding
            let v = reverse[Int(c)]
            if v == 0xFF { return nil }
            accumulator = accumulator << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        if padding > 2 || bits >= 6 { return nil }
        return out
    }
}
