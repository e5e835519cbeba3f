/// Writes JSON bytes through a pointer into memory the caller sized beforehand for the worst case, so
/// each write is a store rather than an array append. Strings are escaped exactly as `JSONSerializer`
/// escapes them. Writing past the capacity stops the process (a wrong bound is a bug, not bad input).
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

    /// `bytes` (UTF-8) as a quoted JSON string: `"` and `\` backslashed, control characters as `\b \f \n \r
    /// \t` or `\u00XX`, everything else copied.
    mutating func string(_ bytes: UnsafeRawBufferPointer) {
        byte(UInt8(ascii: "\""))
        var runStart = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
            if runStart < i { raw(UnsafeRawBufferPointer(rebasing: bytes[runStart..<i])) }
            runStart = i + 1
            byte(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte(b)
            case 0x08: byte(UInt8(ascii: "b"))
            case 0x0C: byte(UInt8(ascii: "f"))
            case 0x0A: byte(UInt8(ascii: "n"))
            case 0x0D: byte(UInt8(ascii: "r"))
            case 0x09: byte(UInt8(ascii: "t"))
            default:
                text("u00")
                byte(Self.hexDigit(b >> 4))
                byte(Self.hexDigit(b & 0xF))
            }
        }
        if runStart < bytes.count { raw(UnsafeRawBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
        byte(UInt8(ascii: "\""))
    }

    /// `bytes` as a quoted standard base64 string with padding (what `Base64.encode` writes).
    mutating func base64(_ bytes: UnsafeRawBufferPointer) {
        byte(UInt8(ascii: "\""))
        var index = 0
        while index + 3 <= bytes.count {
            let b0 = bytes[index], b1 = bytes[index + 1], b2 = bytes[index + 2]
            byte(Self.base64Digit(b0 >> 2))
            byte(Self.base64Digit((b0 & 0x03) << 4 | b1 >> 4))
            byte(Self.base64Digit((b1 & 0x0F) << 2 | b2 >> 6))
            byte(Self.base64Digit(b2 & 0x3F))
            index += 3
        }
        if index < bytes.count {
            let b0 = bytes[index]
            byte(Self.base64Digit(b0 >> 2))
            if index + 1 < bytes.count {
                let b1 = bytes[index + 1]
                byte(Self.base64Digit((b0 & 0x03) << 4 | b1 >> 4))
                byte(Self.base64Digit((b1 & 0x0F) << 2))
            } else {
                byte(Self.base64Digit((b0 & 0x03) << 4))
                byte(UInt8(ascii: "="))
            }
            byte(UInt8(ascii: "="))
        }
        byte(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
    }

    private static func base64Digit(_ v: UInt8) -> UInt8 {
        switch v {
        case 0..<26: UInt8(ascii: "A") + v
        case 26..<52: UInt8(ascii: "a") + v - 26
        case 52..<62: UInt8(ascii: "0") + v - 52
        case 62: UInt8(ascii: "+")
        default: UInt8(ascii: "/")
        }
    }
}
