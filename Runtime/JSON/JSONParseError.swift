/// Why a JSON text was rejected, and where: ``offset`` is the zero-based byte offset into the input.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The input ended where `expected` should have followed.
        case unexpectedEndOfInput(expected: String)
        /// A byte that cannot start or continue what was `expected`.
        case unexpectedByte(UInt8, expected: String)
        /// A byte sequence that is not well-formed UTF-8 (overlong, surrogate, out of range or truncated).
        case invalidUTF8
        /// An unescaped control character (U+0000–U+001F) inside a string.
        case controlCharacterInString(UInt8)
        /// A backslash followed by something other than `" \ / b f n r t u`.
        case invalidEscape(UInt8)
        /// `\u` not followed by four hex digits.
        case invalidUnicodeEscape
        /// A `\uD800`–`\uDFFF` escape that is not part of a high/low surrogate pair.
        case unpairedSurrogate(UInt16)
        /// A number with a leading zero, such as `01`.
        case leadingZero
        /// Arrays/objects nested deeper than the parser's limit.
        case nestingTooDeep(limit: Int)
    }

    /// What went wrong.
    public let reason: Reason
    /// Zero-based byte offset into the input where the problem was found.
    public let offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        let what: String
        switch reason {
        case .unexpectedEndOfInput(let expected):
            what = "unexpected end of input; expected \(expected)"
        case .unexpectedByte(let byte, let expected):
            what = "unexpected \(Self.describe(byte)); expected \(expected)"
        case .invalidUTF8:
            what = "invalid UTF-8"
        case .controlCharacterInString(let byte):
            what = "unescaped control character \(Self.hex(byte)) in string"
        case .invalidEscape(let byte):
            what = "invalid escape sequence '\\\(Self.printable(byte))' in string"
        case .invalidUnicodeEscape:
            what = "invalid \\u escape; expected four hex digits"
        case .unpairedSurrogate(let unit):
            what = "unpaired UTF-16 surrogate \\u\(String(unit, radix: 16, uppercase: true)) in string"
        case .leadingZero:
            what = "leading zeros are not allowed in numbers"
        case .nestingTooDeep(let limit):
            what = "arrays and objects nested deeper than \(limit) levels"
        }
        return "Invalid JSON at byte offset \(offset): \(what)"
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" + digits : digits)
    }

    private static func printable(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : hex(byte)
    }

    private static func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(String(UnicodeScalar(byte)))'" : "byte \(hex(byte))"
    }
}
