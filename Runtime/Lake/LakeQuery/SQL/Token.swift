/// One lexical token of the SQL text.
struct Token: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// A bare word (keywords are recognised by the parser, case-insensitively).
        case word(String)
        /// A `"quoted"` identifier (never a keyword).
        case quotedIdentifier(String)
        /// An integer or decimal literal as written.
        case number(String)
        /// A `'string'` literal with `''` unescaped.
        case string(String)
        /// Punctuation and operators: `( ) , . * + - / % = <> != < <= > >= ||` and `;`.
        case symbol(String)
        case end
    }

    var kind: Kind
    /// UTF-8 offset of the first character.
    var offset: Int
    /// UTF-8 offset just past the token.
    var end: Int

    /// The upper-cased word, if this is a bare word.
    var keyword: String? {
        if case .word(let w) = kind { return w.uppercased() }
        return nil
    }

    var display: String {
        switch kind {
        case .word(let w): "'\(w)'"
        case .quotedIdentifier(let w): "\"\(w)\""
        case .number(let n): n
        case .string(let s): "'\(s)'"
        case .symbol(let s): "'\(s)'"
        case .end: "end of input"
        }
    }
}
