/// Splits SQL text into tokens; skips whitespace, `-- line` and `/* block */` comments.
struct Lexer {
    let sql: String
    private let bytes: [UInt8]
    private var i = 0

    init(_ sql: String) {
        self.sql = sql
        self.bytes = Array(sql.utf8)
    }

    /// All tokens, ending with `.end`.
    static func tokenize(_ sql: String) throws(QueryError) -> [Token] {
        var lexer = Lexer(sql)
        var out: [Token] = []
        while true {
            let t = try lexer.next()
            out.append(t)
            if t.kind == .end { return out }
        }
    }

    private func error(_ message: String, at offset: Int) -> QueryError {
        .syntax(message, at: SourcePosition(offset: offset, in: sql))
    }

    private func peek(_ k: Int = 0) -> UInt8? { i + k < bytes.count ? bytes[i + k] : nil }

    private static func isWordStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f || c >= 0x80
    }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    mutating func next() throws(QueryError) -> Token {
        // Whitespace and comments.
        while let c = peek() {
            if c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d { i += 1; continue }
            if c == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                while let d = peek(), d != 0x0a { _ = d; i += 1 }
                continue
            }
            if c == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                let start = i
                i += 2
                while i < bytes.count, !(bytes[i] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) { i += 1 }
                guard i < bytes.count else { throw error("unterminated /* comment", at: start) }
                i += 2
                continue
            }
            break
        }
        let start = i
        guard let c = peek() else { return Token(kind: .end, offset: i, end: i) }

        if Self.isWordStart(c) {
            while let d = peek(), Self.isWordStart(d) || Self.isDigit(d) { i += 1 }
            return Token(kind: .word(text(start, i)), offset: start, end: i)
        }
        if Self.isDigit(c) || (c == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true) {
            while let d = peek(), Self.isDigit(d) { i += 1 }
            if peek() == UInt8(ascii: ".") {
                i += 1
                while let d = peek(), Self.isDigit(d) { i += 1 }
            }
            if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                var k = 1
                if let s = peek(1), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { k = 2 }
                if let d = peek(k), Self.isDigit(d) {
                    i += k
                    while let d = peek(), Self.isDigit(d) { i += 1 }
                }
            }
            if let d = peek(), Self.isWordStart(d) { throw error("malformed number", at: start) }
            return Token(kind: .number(text(start, i)), offset: start, end: i)
        }
        if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
            let quote = c
            i += 1
            var out: [UInt8] = []
            while true {
                guard let d = peek() else {
                    throw error(quote == UInt8(ascii: "'") ? "unterminated string literal" : "unterminated quoted identifier", at: start)
                }
                i += 1
                if d == quote {
                    if peek() == quote { out.append(quote); i += 1; continue }
                    break
                }
                out.append(d)
            }
            let s = String(decoding: out, as: UTF8.self)
            return Token(kind: quote == UInt8(ascii: "'") ? .string(s) : .quotedIdentifier(s), offset: start, end: i)
        }
        let two = peek(1) != nil ? text(start, start + 2) : ""
        if ["<>", "!=", "<=", ">=", "||", "=="].contains(two) {
            i += 2
            return Token(kind: .symbol(two == "==" ? "=" : two), offset: start, end: i)
        }
        let single = "(),.*+-/%=<>;"
        if single.utf8.contains(c) {
            i += 1
            return Token(kind: .symbol(text(start, i)), offset: start, end: i)
        }
        throw error("unexpected character '\(String(decoding: [c], as: UTF8.self))'", at: start)
    }

    private func text(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a..<min(b, bytes.count)], as: UTF8.self) }
}
