/// Output options for serializing JSON.
///
/// The default (`[]`) is compact output with no whitespace and keys in their stored order, like
/// Foundation's `JSONEncoder`. Forward slashes are never escaped (Foundation's `.withoutEscapingSlashes`).
public struct JSONFormatting: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Newlines and two-space indentation, with `" : "` between keys and values (Foundation's layout).
    public static let prettyPrinted = JSONFormatting(rawValue: 1 << 0)
    /// Object members ordered by key (`String` ordering) instead of their stored order.
    public static let sortedKeys = JSONFormatting(rawValue: 1 << 1)
}

/// Writes ``JSONValue``s as UTF-8 JSON text.
///
/// Strings are escaped minimally: `"` and `\` and the control characters U+0000–U+001F (as `\b \f \n \r \t`
/// or `\u00XX`); everything else, including `/` and non-ASCII characters, is written as UTF-8.
/// Numbers are written as their literal text.
public enum JSONSerializer {
    /// The value as UTF-8 JSON text.
    public static func serialize(_ value: JSONValue, formatting: JSONFormatting = []) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        serialize(value, formatting: formatting, into: &bytes)
        return bytes
    }

    /// Appends the value as UTF-8 JSON text to `bytes`.
    public static func serialize(_ value: JSONValue, formatting: JSONFormatting = [], into bytes: inout [UInt8]) {
        var writer = _JSONWriter(
            out: bytes, pretty: formatting.contains(.prettyPrinted), sorted: formatting.contains(.sortedKeys))
        bytes = []
        writer.write(value)
        bytes = writer.out
    }

    /// Appends `string` as a quoted, escaped JSON string to `bytes`.
    public static func appendString(_ string: String, to bytes: inout [UInt8]) {
        _JSONWriter.appendString(string, to: &bytes)
    }

    /// ``appendString(_:to:)`` for a string given as its UTF-8 bytes: the same quoted, escaped bytes.
    public static func appendString(utf8 bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        _JSONWriter.appendEscaped(bytes.assumingMemoryBound(to: UInt8.self), to: &out)
        out.append(UInt8(ascii: "\""))
    }
}

struct _JSONWriter {
    var out: [UInt8]
    let pretty: Bool
    let sorted: Bool
    var indent = 0

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): b ? out.append(contentsOf: "true".utf8) : out.append(contentsOf: "false".utf8)
        case .number(let n): out.append(contentsOf: n.text.utf8)
        case .string(let s): Self.appendString(s, to: &out)
        case .array(let elements): writeArray(elements)
        case .object(let object): writeObject(sorted ? object.sortedByKey() : object)
        }
    }

    mutating func newline() {
        out.append(0x0A)
        for _ in 0..<indent { out.append(0x20) }
    }

    mutating func writeArray(_ elements: [JSONValue]) {
        out.append(UInt8(ascii: "["))
        guard !elements.isEmpty else {
            out.append(UInt8(ascii: "]"))
            return
        }
        indent += 2
        var first = true
        for element in elements {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            if pretty { newline() }
            write(element)
        }
        indent -= 2
        if pretty { newline() }
        out.append(UInt8(ascii: "]"))
    }

    mutating func writeObject(_ object: JSONObject) {
        out.append(UInt8(ascii: "{"))
        guard !object.isEmpty else {
            out.append(UInt8(ascii: "}"))
            return
        }
        indent += 2
        var first = true
        for member in object.members {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            if pretty { newline() }
            Self.appendString(member.key, to: &out)
            if pretty {
                out.append(contentsOf: " : ".utf8)
            } else {
                out.append(UInt8(ascii: ":"))
            }
            write(member.value)
        }
        indent -= 2
        if pretty { newline() }
        out.append(UInt8(ascii: "}"))
    }

    static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &out) }
        if done == nil {
            Array(string.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Copies runs of bytes that need no escaping in bulk.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        JSONEscaping.write(escaped: bytes, to: &out)
    }
}

/// Where escaped JSON text goes: a byte array, or a writer into memory sized beforehand.
public protocol JSONByteOutput {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: JSONByteOutput where Element == UInt8 {}

/// JSON string escaping, the one place it is written.
public enum JSONEscaping {
    /// Writes `bytes` (UTF-8) as the inside of a JSON string: `"` and `\` backslashed, control characters as
    /// `\b \f \n \r \t` or `\u00XX`, everything else copied, runs that need no escaping in bulk.
    @inlinable
    public static func write<Output: JSONByteOutput>(escaped bytes: UnsafeBufferPointer<UInt8>, to out: inout Output) {
        var runStart = 0
        for i in 0..<bytes.count {
            let byte = bytes[i]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            runStart = i + 1
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                out.append(UInt8(ascii: "u"))
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0"))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
            }
        }
        if runStart < bytes.count {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
    }

    @inlinable
    static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
