/// Order-preserving byte encodings of key values (S, N, B): the encoded bytes compare with
/// `memcmp` (SQLite BLOB order) exactly as DynamoDB orders the values.
///
/// - Strings: their UTF-8 bytes (DynamoDB orders strings by UTF-8 bytes).
/// - Binaries: the raw bytes (DynamoDB orders binaries as unsigned bytes).
/// - Numbers: a class byte (`0x01` negative, `0x02` zero, `0x03` positive), then an exponent
///   byte and one byte per digit, closed by a terminator; for negatives every byte is inverted
///   so that larger magnitudes sort first.
public enum KeyEncoding {
    /// The plain order-preserving encoding of a key value; `nil` for types that cannot be keys.
    public static func encode(_ value: AttributeValue) -> [UInt8]? {
        switch value {
        case .s(let s): Array(s.utf8)
        case .b(let b): b
        case .n(let text): (try? DynamoNumber(parsing: text)).map(encode)
        default: nil
        }
    }

    /// The order-preserving encoding of a number.
    public static func encode(_ number: DynamoNumber) -> [UInt8] {
        if number.isZero { return [0x02] }
        // exponent in -129...126 maps onto 0...255
        let exponentByte = UInt8(clamping: number.exponent - DynamoNumber.minExponent)
        var out: [UInt8] = []
        out.reserveCapacity(number.digits.count + 3)
        if number.isNegative {
            out.append(0x01)
            out.append(255 - exponentByte)
            for d in number.digits { out.append(10 - d) }  // 1...10, reversed order
            out.append(0xFF)
        } else {
            out.append(0x03)
            out.append(exponentByte)
            for d in number.digits { out.append(d + 1) }  // 1...10
            out.append(0x00)
        }
        return out
    }

    /// Decodes bytes produced by ``encode(_:)-(DynamoNumber)``.
    public static func decodeNumber(_ bytes: [UInt8]) -> DynamoNumber? {
        guard let first = bytes.first else { return nil }
        if first == 0x02 { return bytes.count == 1 ? .zero : nil }
        guard bytes.count >= 3, first == 0x01 || first == 0x03 else { return nil }
        let negative = first == 0x01
        let exponentByte = negative ? 255 - bytes[1] : bytes[1]
        var digits: [UInt8] = []
        for b in bytes[2..<(bytes.count - 1)] {
            let d = negative ? 10 &- b : b &- 1
            guard d <= 9 else { return nil }
            digits.append(d)
        }
        return try? DynamoNumber(
            checkingNegative: negative, digits: digits, exponent: Int(exponentByte) + DynamoNumber.minExponent)
    }

    /// A self-delimiting form of ``encode(_:)-(AttributeValue)`` for composite keys
    /// (partition key bytes followed by sort key bytes): `0x00` is escaped as `0x00 0xFF`
    /// and the component ends with `0x00 0x01`, so concatenations still sort component-wise.
    public static func encodeComponent(_ value: AttributeValue) -> [UInt8]? {
        guard let plain = encode(value) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(plain.count + 2)
        for b in plain {
            out.append(b)
            if b == 0 { out.append(0xFF) }
        }
        out.append(0x00)
        out.append(0x01)
        return out
    }

    /// Compares two byte strings like `memcmp` with shorter-prefix-first (SQLite BLOB order).
    public static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
