import DynamoModel

/// A compact binary form of items for storage: a tag byte per value, LEB128 lengths.
/// Numbers keep their decimal text, so nothing is lost.
enum ItemCodec {
    static func encode(_ item: Item) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        writeMap(item, into: &out)
        return out
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> Item? {
        var reader = Reader(bytes: bytes)
        return reader.readMap()
    }

    static func decode(_ bytes: [UInt8]) -> Item? {
        bytes.withUnsafeBytes { decode($0) }
    }

    private static func writeLength(_ n: Int, into out: inout [UInt8]) {
        var v = UInt(n)
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        let utf8 = s.utf8
        writeLength(utf8.count, into: &out)
        out.append(contentsOf: utf8)
    }

    private static func writeBytes(_ b: [UInt8], into out: inout [UInt8]) {
        writeLength(b.count, into: &out)
        out.append(contentsOf: b)
    }

    private static func writeMap(_ map: [String: AttributeValue], into out: inout [UInt8]) {
        writeLength(map.count, into: &out)
        for (k, v) in map {
            writeString(k, into: &out)
            write(v, into: &out)
        }
    }

    private static func write(_ value: AttributeValue, into out: inout [UInt8]) {
        switch value {
        case .s(let s): out.append(1); writeString(s, into: &out)
        case .n(let n): out.append(2); writeString(n, into: &out)
        case .b(let b): out.append(3); writeBytes(b, into: &out)
        case .bool(let v): out.append(v ? 4 : 5)
        case .null: out.append(6)
        case .m(let m): out.append(7); writeMap(m, into: &out)
        case .l(let l):
            out.append(8)
            writeLength(l.count, into: &out)
            for v in l { write(v, into: &out) }
        case .ss(let v):
            out.append(9)
            writeLength(v.count, into: &out)
            for s in v { writeString(s, into: &out) }
        case .ns(let v):
            out.append(10)
            writeLength(v.count, into: &out)
            for s in v { writeString(s, into: &out) }
        case .bs(let v):
            out.append(11)
            writeLength(v.count, into: &out)
            for b in v { writeBytes(b, into: &out) }
        }
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func length() -> Int? {
            var result = 0, shift = 0
            while let b = byte() {
                result |= Int(b & 0x7F) << shift
                if b & 0x80 == 0 { return result }
                shift += 7
                if shift > 56 { return nil }
            }
            return nil
        }

        mutating func raw() -> [UInt8]? {
            guard let n = length(), offset + n <= bytes.count else { return nil }
            defer { offset += n }
            return Array(bytes[offset..<(offset + n)])
        }

        /// The next length-prefixed bytes, in place.
        mutating func slice() -> UnsafeRawBufferPointer? {
            guard let n = length(), offset + n <= bytes.count else { return nil }
            defer { offset += n }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])
        }

        mutating func string() -> String? {
            guard let n = length(), offset + n <= bytes.count else { return nil }
            defer { offset += n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
        }

        mutating func readMap() -> [String: AttributeValue]? {
            guard let n = length() else { return nil }
            var map: [String: AttributeValue] = [:]
            map.reserveCapacity(n)
            for _ in 0..<n {
                guard let k = string(), let v = value() else { return nil }
                map[k] = v
            }
            return map
        }

        mutating func value() -> AttributeValue? {
            guard let tag = byte() else { return nil }
            switch tag {
            case 1: return string().map { .s($0) }
            case 2: return string().map { .n($0) }
            case 3: return raw().map { .b($0) }
            case 4: return .bool(true)
            case 5: return .bool(false)
            case 6: return .null
            case 7: return readMap().map { .m($0) }
            case 8:
                guard let n = length() else { return nil }
                var list: [AttributeValue] = []
                for _ in 0..<n {
                    guard let v = value() else { return nil }
                    list.append(v)
                }
                return .l(list)
            case 9, 10:
                guard let n = length() else { return nil }
                var list: [String] = []
                for _ in 0..<n {
                    guard let s = string() else { return nil }
                    list.append(s)
                }
                return tag == 9 ? .ss(list) : .ns(list)
            case 11:
                guard let n = length() else { return nil }
                var list: [[UInt8]] = []
                for _ in 0..<n {
                    guard let b = raw() else { return nil }
                    list.append(b)
                }
                return .bs(list)
            default: return nil
            }
        }
    }
}
