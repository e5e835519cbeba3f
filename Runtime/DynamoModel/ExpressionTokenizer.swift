/// Which expression parameter a text came from; its raw value prefixes error messages
/// (`Invalid ConditionExpression: …`).
public enum ExpressionKind: String, Sendable, Hashable {
    case condition = "ConditionExpression"
    case filter = "FilterExpression"
    case keyCondition = "KeyConditionExpression"
    case projection = "ProjectionExpression"
    case update = "UpdateExpression"
}

/// One lexical token of an expression, with its position in the source (UTF-8 offsets).
struct ExpressionToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A bare identifier: attribute name, keyword or function name.
        case identifier
        /// `#name`
        case nameRef
        /// `:value`
        case valueRef
        /// A run of digits (only valid as a list index).
        case integer
        /// Punctuation or an operator: `= <> < <= > >= ( ) [ ] , . + -`.
        case symbol
        /// A character that starts no token.
        case invalid
        case end
    }

    var kind: Kind
    var text: String
    var start: Int
    var end: Int

    /// Case-insensitive keyword test (`AND`, `between`, …).
    func isKeyword(_ word: String) -> Bool {
        kind == .identifier && text.uppercased() == word
    }

    func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
}

/// Splits expression text into tokens.
enum ExpressionTokenizer {
    static func tokenize(_ source: String) -> [ExpressionToken] {
        let bytes = Array(source.utf8)
        var tokens: [ExpressionToken] = []
        var i = 0
        func isIdentifierByte(_ c: UInt8) -> Bool {
            (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 95
        }
        func text(_ s: Int, _ e: Int) -> String { String(decoding: bytes[s..<e], as: UTF8.self) }
        while i < bytes.count {
            let c = bytes[i]
            if c == 32 || c == 9 || c == 10 || c == 13 {
                i += 1
                continue
            }
            let start = i
            if (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 {
                while i < bytes.count, isIdentifierByte(bytes[i]) { i += 1 }
                tokens.append(.init(kind: .identifier, text: text(start, i), start: start, end: i))
            } else if c >= 48 && c <= 57 {
                while i < bytes.count, isIdentifierByte(bytes[i]) { i += 1 }
                let t = text(start, i)
                let allDigits = t.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
                tokens.append(.init(kind: allDigits ? .integer : .invalid, text: t, start: start, end: i))
            } else if c == UInt8(ascii: "#") || c == UInt8(ascii: ":") {
                i += 1
                while i < bytes.count, isIdentifierByte(bytes[i]) { i += 1 }
                let kind: ExpressionToken.Kind = i - start == 1 ? .invalid : (c == UInt8(ascii: "#") ? .nameRef : .valueRef)
                tokens.append(.init(kind: kind, text: text(start, i), start: start, end: i))
            } else if c == UInt8(ascii: "<") || c == UInt8(ascii: ">") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "=") || (c == UInt8(ascii: "<") && bytes[i] == UInt8(ascii: ">")) {
                    i += 1
                }
                tokens.append(.init(kind: .symbol, text: text(start, i), start: start, end: i))
            } else if "=()[],.+-".utf8.contains(c) {
                i += 1
                tokens.append(.init(kind: .symbol, text: text(start, i), start: start, end: i))
            } else {
                // One whole (possibly multi-byte) character.
                i += 1
                while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
                tokens.append(.init(kind: .invalid, text: text(start, i), start: start, end: i))
            }
        }
        tokens.append(.init(kind: .end, text: "<EOF>", start: bytes.count, end: bytes.count))
        return tokens
    }
}
