/// A strict RFC 8259 JSON parser.
///
/// - Accepts any value at the top level (`"x"`, `1`, `null` as well as objects and arrays), surrounded only
///   by JSON whitespace (space, tab, LF, CR). A byte order mark is rejected.
/// - Rejects: trailing commas, comments, single quotes, unquoted keys, leading zeros, `NaN`/`Infinity`,
///   `+1`, `.5`, `1.`, unescaped control characters in strings, invalid escapes, unpaired UTF-16
///   surrogates in `\u` escapes (a Swift `String` cannot hold them), and any ill-formed UTF-8
///   (overlong forms, encoded surrogates, code points above U+10FFFF, truncated sequences).
/// - Nesting of arrays and objects is limited (``defaultMaxDepth``) so hostile input cannot exhaust the stack.
/// - Duplicate object keys are all kept, in order; lookups see the last one (see ``JSONObject``).
///
/// Errors are ``JSONParseError``s carrying the byte offset and what was expected there.
public enum JSONParser {
    /// The default limit on nested arrays/objects: 512.
    public static let defaultMaxDepth = 512

    /// Parses a complete JSON text from UTF-8 bytes.
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth)
        throws(JSONParseError) -> JSONValue
    {
        var parser = _JSONParser(bytes.assumingMemoryBound(to: UInt8.self), maxDepth: maxDepth)
        return try parser.parseDocument()
    }

    /// Parses a complete JSON text from UTF-8 bytes.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = _JSONParser(buffer, maxDepth: maxDepth)
            return Result { () throws(JSONParseError) in try parser.parseDocument() }
        }
        return try result.get()
    }

    /// Parses a complete JSON text.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONParseError> = text.withUTF8 { buffer in
            var parser = _JSONParser(buffer, maxDepth: maxDepth)
            return Result { () throws(JSONParseError) in try parser.parseDocument() }
        }
        return try result.get()
    }
}

private extension UInt8 {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")

    var isDigit: Bool { self &- UInt8.zero < 10 }
}

/// The parser's state over one input buffer. Recursive descent; `depth` bounds the recursion.
struct _JSONParser {
    let buf: UnsafeBufferPointer<UInt8>
    let end: Int
    let maxDepth: Int
    var pos = 0
    var depth = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    init(_ buf: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.buf = buf
        self.end = buf.count
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        let value = try parseValue()
        skipWhitespace()
        if pos < end { throw unexpected(expected: "end of input") }
        return value
    }

    // MARK: Helpers

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            switch buf[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    func unexpected(expected: String) -> JSONParseError {
        pos < end
            ? JSONParseError(.unexpectedByte(buf[pos], expected: expected), at: pos)
            : JSONParseError(.unexpectedEndOfInput(expected: expected), at: pos)
    }

    // MARK: Values

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard pos < end else { throw unexpected(expected: "a value") }
        switch buf[pos] {
        case .quote: return .string(try parseString())
        case .openBrace: return try parseObject()
        case .openBracket: return try parseArray()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case .minus, .zero...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw unexpected(expected: "a value")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        for i in 0..<literal.utf8CodeUnitCount {
            guard pos < end, buf[pos] == literal.utf8Start[i] else { throw unexpected(expected: "'\(literal)'") }
            pos += 1
        }
    }

    mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth { throw JSONParseError(.nestingTooDeep(limit: maxDepth), at: pos) }
        pos += 1
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if pos < end, buf[pos] == .closeBracket {
            pos += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard pos < end else { throw unexpected(expected: "',' or ']'") }
            switch buf[pos] {
            case .comma:
                pos += 1
            case .closeBracket:
                pos += 1
                depth -= 1
                return .array(elements)
            default:
                throw unexpected(expected: "',' or ']'")
            }
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        var object = JSONObject()
        skipWhitespace()
        if pos < end, buf[pos] == .closeBrace {
            pos += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard pos < end, buf[pos] == .quote else { throw unexpected(expected: "a string key") }
            let key = try parseString()
            skipWhitespace()
            guard pos < end, buf[pos] == .colon else { throw unexpected(expected: "':'") }
            pos += 1
            let value = try parseValue()
            object.append(key: key, value: value)
            skipWhitespace()
            guard pos < end else { throw unexpected(expected: "',' or '}'") }
            switch buf[pos] {
            case .comma:
                pos += 1
            case .closeBrace:
                pos += 1
                depth -= 1
                return .object(object)
            default:
                throw unexpected(expected: "',' or '}'")
            }
        }
    }

    // MARK: Numbers

    mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = pos
        if buf[pos] == .minus { pos += 1 }
        guard pos < end, buf[pos].isDigit else { throw unexpected(expected: "a digit") }
        if buf[pos] == .zero {
            pos += 1
            if pos < end, buf[pos].isDigit { throw JSONParseError(.leadingZero, at: start) }
        } else {
            while pos < end, buf[pos].isDigit { pos += 1 }
        }
        if pos < end, buf[pos] == .dot {
            pos += 1
            guard pos < end, buf[pos].isDigit else { throw unexpected(expected: "a digit after '.'") }
            while pos < end, buf[pos].isDigit { pos += 1 }
        }
        if pos < end, buf[pos] | 0x20 == UInt8(ascii: "e") {
            pos += 1
            if pos < end, buf[pos] == .plus || buf[pos] == .minus { pos += 1 }
            guard pos < end, buf[pos].isDigit else { throw unexpected(expected: "a digit in the exponent") }
            while pos < end, buf[pos].isDigit { pos += 1 }
        }
        return JSONNumber(unchecked: String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self))
    }

    // MARK: Strings

    /// Parses a string starting at the opening quote; leaves `pos` after the closing quote.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = pos + 1
        var i = start
        // Fast path: no escapes, so the string is a slice of the input.
        while i < end {
            let byte = buf[i]
            if byte == .quote {
                pos = i + 1
                return String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self)
            }
            if byte == .backslash { break }
            if byte < 0x20 { throw JSONParseError(.controlCharacterInString(byte), at: i) }
            i = byte < 0x80 ? i + 1 : try validateUTF8(at: i)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i]))
        while i < end {
            let byte = buf[i]
            switch byte {
            case .quote:
                pos = i + 1
                return String(decoding: scratch, as: UTF8.self)
            case .backslash:
                i = try parseEscape(at: i)
            case 0..<0x20:
                throw JSONParseError(.controlCharacterInString(byte), at: i)
            case 0x80...:
                let next = try validateUTF8(at: i)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<next]))
                i = next
            default:
                // Copy the run of plain ASCII up to the next quote, escape, control character or non-ASCII byte
                // in one append (strings holding escaped JSON, such as a Lambda proxy response's body, are
                // mostly such runs between escapes).
                var runEnd = i + 1
                while runEnd < end {
                    let next = buf[runEnd]
                    if next == .quote || next == .backslash || next < 0x20 || next >= 0x80 { break }
                    runEnd += 1
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<runEnd]))
                i = runEnd
            }
        }
        pos = end
        throw unexpected(expected: "'\"' to close the string")
    }

    /// Decodes the escape at `i` (a backslash) into `scratch`; returns the index after it.
    mutating func parseEscape(at i: Int) throws(JSONParseError) -> Int {
        guard i + 1 < end else {
            pos = end
            throw unexpected(expected: "an escape character")
        }
        let byte = buf[i + 1]
        switch byte {
        case .quote, .backslash, UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hex4(at: i + 2)
            var scalar = UInt32(unit)
            var next = i + 6
            if (0xD800...0xDBFF).contains(unit) {
                guard next + 1 < end, buf[next] == .backslash, buf[next + 1] == UInt8(ascii: "u") else {
                    throw JSONParseError(.unpairedSurrogate(unit), at: i)
                }
                let low = try hex4(at: next + 2)
                guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.unpairedSurrogate(unit), at: i) }
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                next += 6
            } else if (0xDC00...0xDFFF).contains(unit) {
                throw JSONParseError(.unpairedSurrogate(unit), at: i)
            }
            appendUTF8(scalar)
            return next
        default:
            throw JSONParseError(.invalidEscape(byte), at: i)
        }
        return i + 2
    }

    func hex4(at i: Int) throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for j in i..<(i + 4) {
            guard j < end else { throw JSONParseError(.invalidUnicodeEscape, at: i - 2) }
            let byte = buf[j]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(.invalidUnicodeEscape, at: i - 2)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Validates one multi-byte UTF-8 sequence starting at `i` (whose lead byte is ≥ 0x80);
    /// returns the index after it. Follows the well-formed byte sequences table of Unicode §3.9.
    func validateUTF8(at i: Int) throws(JSONParseError) -> Int {
        let lead = buf[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw JSONParseError(.invalidUTF8, at: i)
        }
        guard i + length <= end else { throw JSONParseError(.invalidUTF8, at: i) }
        let second = buf[i + 1]
        guard second >= low, second <= high else { throw JSONParseError(.invalidUTF8, at: i) }
        for j in (i + 2)..<(i + length) where buf[j] & 0xC0 != 0x80 {
            throw JSONParseError(.invalidUTF8, at: i)
        }
        return i + length
    }
}
