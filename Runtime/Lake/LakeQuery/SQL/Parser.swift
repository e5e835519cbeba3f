/// Recursive-descent parser for the supported `SELECT` subset.
///
/// ```
/// select   := SELECT item (, item)* FROM name [WHERE expr] [GROUP BY expr (, expr)*] [HAVING expr]
///             [ORDER BY expr [ASC|DESC] [NULLS FIRST|LAST] (, …)*] [LIMIT n [OFFSET m]] [;]
/// expr     := or;  or := and (OR and)*;  and := not (AND not)*;  not := NOT not | predicate
/// predicate:= sum [cmp sum | IS [NOT] NULL | [NOT] BETWEEN sum AND sum | [NOT] IN (expr, …) | [NOT] [I]LIKE sum]
/// sum      := product ((+|-|'||') product)*;  product := unary ((*|/|%) unary)*;  unary := (-|+) unary | primary
/// primary  := literal | name | name(args) | CAST(expr AS type) | DATE 'lit' | TIMESTAMP 'lit' | (expr)
/// ```
struct Parser {
    private let sql: String
    /// `sql`'s UTF-8 bytes, for the source text of each expression.
    private let bytes: [UInt8]
    private let tokens: [Token]
    private var i = 0
    /// Expressions, `NOT`s and signs open around the current token.
    private var nesting = 0

    /// The deepest expression accepted: deeper ones, nested or chained (`1 + 1 + …`), are a syntax error
    /// rather than a stack overflow in the parser, the binder or the evaluator (on a test thread's stack a
    /// debug build overflowed between 256 and 512 nested parentheses, and between 300 and 600 chained
    /// `OR`s before those were balanced). DuckDB's default `max_expression_depth` is 1,000.
    static let maxDepth = 256

    static let reserved: Set<String> = [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "AS", "AND", "OR", "NOT",
        "IN", "BETWEEN", "LIKE", "ILIKE", "IS", "NULL", "TRUE", "FALSE", "ASC", "DESC", "NULLS", "CAST", "DISTINCT", "ON",
    ]

    init(_ sql: String) throws(QueryError) {
        self.sql = sql
        self.bytes = Array(sql.utf8)
        self.tokens = try Lexer.tokenize(sql)
    }

    /// Parses one statement.
    static func parse(_ sql: String) throws(QueryError) -> SelectStatement {
        var p = try Parser(sql)
        return try p.statement()
    }

    // MARK: Helpers

    private var current: Token { tokens[i] }

    private func position(_ offset: Int) -> SourcePosition { SourcePosition(offset: offset, in: sql) }

    private func error(_ message: String, at token: Token? = nil) -> QueryError {
        .syntax(message, at: position((token ?? current).offset))
    }

    private func isKeyword(_ k: String) -> Bool { current.keyword == k }
    private func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }

    @discardableResult
    private mutating func accept(_ k: String) -> Bool {
        if isKeyword(k) { i += 1; return true }
        return false
    }

    @discardableResult
    private mutating func acceptSymbol(_ s: String) -> Bool {
        if isSymbol(s) { i += 1; return true }
        return false
    }

    private mutating func expect(_ k: String, _ context: String) throws(QueryError) {
        guard accept(k) else { throw error("expected \(k) \(context), found \(current.display)") }
    }

    private mutating func expectSymbol(_ s: String, _ context: String) throws(QueryError) {
        guard acceptSymbol(s) else { throw error("expected '\(s)' \(context), found \(current.display)") }
    }

    /// The source from `start` to the end of the last token read.
    private func text(_ start: Int) -> String {
        text(start, tokens[max(0, i - 1)].end)
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// An identifier: a non-reserved word or a quoted identifier.
    private mutating func identifier(_ what: String) throws(QueryError) -> String {
        switch current.kind {
        case .word(let w) where !Self.reserved.contains(w.uppercased()): i += 1; return w
        case .quotedIdentifier(let w): i += 1; return w
        default: throw error("expected \(what), found \(current.display)")
        }
    }

    private mutating func integer(_ what: String) throws(QueryError) -> Int {
        guard case .number(let n) = current.kind, let v = Int(n), v >= 0 else {
            throw error("expected a non-negative integer after \(what), found \(current.display)")
        }
        i += 1
        return v
    }

    // MARK: Statement

    mutating func statement() throws(QueryError) -> SelectStatement {
        try expect("SELECT", "at the start of the query")
        var items: [SelectItem] = []
        repeat { items.append(try selectItem()) } while acceptSymbol(",")
        try expect("FROM", "after the select list")
        let datasetOffset = current.offset
        let dataset = try identifier("a dataset name")
        if accept("AS") { _ = try identifier("a table alias") }
        else if case .word(let w) = current.kind, !Self.reserved.contains(w.uppercased()) { i += 1 }
        var s = SelectStatement(items: items, dataset: dataset, datasetOffset: datasetOffset)
        if accept("WHERE") { s.whereClause = try expression() }
        if accept("GROUP") {
            try expect("BY", "after GROUP")
            repeat { s.groupBy.append(try expression()) } while acceptSymbol(",")
        }
        if accept("HAVING") { s.having = try expression() }
        if accept("ORDER") {
            try expect("BY", "after ORDER")
            repeat {
                let e = try expression()
                var desc = false
                if accept("DESC") { desc = true } else { accept("ASC") }
                var nullsFirst: Bool?
                if accept("NULLS") {
                    if accept("FIRST") { nullsFirst = true }
                    else if accept("LAST") { nullsFirst = false }
                    else { throw error("expected FIRST or LAST after NULLS, found \(current.display)") }
                }
                s.orderBy.append(OrderItem(expr: e, descending: desc, nullsFirst: nullsFirst))
            } while acceptSymbol(",")
        }
        if accept("LIMIT") { s.limit = try integer("LIMIT") }
        if accept("OFFSET") { s.offset = try integer("OFFSET") }
        acceptSymbol(";")
        guard current.kind == .end else { throw error("unexpected \(current.display) after the end of the query") }
        return s
    }

    private mutating func selectItem() throws(QueryError) -> SelectItem {
        if isSymbol("*") {
            let t = current
            i += 1
            return SelectItem(expr: Expr(kind: .star, offset: t.offset, text: "*"))
        }
        let e = try expression()
        if accept("AS") { return SelectItem(expr: e, alias: try identifier("an alias after AS")) }
        switch current.kind {
        case .word(let w) where !Self.reserved.contains(w.uppercased()): i += 1; return SelectItem(expr: e, alias: w)
        case .quotedIdentifier(let w): i += 1; return SelectItem(expr: e, alias: w)
        default: return SelectItem(expr: e)
        }
    }

    // MARK: Expressions

    mutating func expression() throws(QueryError) -> Expr {
        try enter()
        defer { nesting -= 1 }
        return try bounded(try or())
    }

    /// One more level of recursion, refused past ``maxDepth``.
    private mutating func enter() throws(QueryError) {
        nesting += 1
        if nesting > Self.maxDepth { throw tooDeep() }
    }

    /// `e`, unless its tree is deeper than ``maxDepth`` (a long chain of operators).
    private func bounded(_ e: Expr) throws(QueryError) -> Expr {
        if e.depth > Self.maxDepth { throw tooDeep() }
        return e
    }

    private func tooDeep() -> QueryError {
        error("expression nested too deeply: more than \(Self.maxDepth) levels")
    }

    private mutating func or() throws(QueryError) -> Expr {
        var terms = [try and()]
        while accept("OR") { terms.append(try and()) }
        return try balanced("OR", terms[...])
    }

    private mutating func and() throws(QueryError) -> Expr {
        var terms = [try not()]
        while accept("AND") { terms.append(try not()) }
        return try balanced("AND", terms[...])
    }

    /// `op` (AND or OR, both associative, also with NULLs) over `terms` as a balanced tree: a generated
    /// filter of a thousand `OR`s is ten levels deep, not a thousand.
    private func balanced(_ op: String, _ terms: ArraySlice<Expr>) throws(QueryError) -> Expr {
        guard terms.count > 1 else { return terms[terms.startIndex] }
        let middle = terms.startIndex + terms.count / 2
        let left = try balanced(op, terms[..<middle]), right = try balanced(op, terms[middle...])
        let end = right.offset + right.text.utf8.count
        return try bounded(Expr(kind: .binary(op, left, right), offset: left.offset, text: text(left.offset, end)))
    }

    private mutating func not() throws(QueryError) -> Expr {
        let start = current.offset
        if accept("NOT") {
            try enter()
            defer { nesting -= 1 }
            return Expr(kind: .unary("NOT", try not()), offset: start, text: text(start))
        }
        return try predicate()
    }

    private mutating func predicate() throws(QueryError) -> Expr {
        let start = current.offset
        let left = try sum()
        func make(_ k: Expr.Kind) -> Expr { Expr(kind: k, offset: start, text: text(start)) }
        if case .symbol(let s) = current.kind, ["=", "<>", "!=", "<", "<=", ">", ">="].contains(s) {
            i += 1
            let right = try sum()
            return make(.binary(s == "!=" ? "<>" : s, left, right))
        }
        if accept("IS") {
            let negated = accept("NOT")
            try expect("NULL", "after IS")
            return make(.isNull(left, negated: negated))
        }
        let negated = accept("NOT")
        if accept("BETWEEN") {
            let lo = try sum()
            try expect("AND", "in BETWEEN")
            let hi = try sum()
            return make(.between(left, lo, hi, negated: negated))
        }
        if accept("IN") {
            try expectSymbol("(", "after IN")
            var list: [Expr] = []
            repeat { list.append(try expression()) } while acceptSymbol(",")
            try expectSymbol(")", "to close the IN list")
            return make(.inList(left, list, negated: negated))
        }
        if isKeyword("LIKE") || isKeyword("ILIKE") {
            let ci = isKeyword("ILIKE")
            i += 1
            return make(.like(left, try sum(), negated: negated, caseInsensitive: ci))
        }
        if negated { throw error("expected BETWEEN, IN or LIKE after NOT, found \(current.display)") }
        return left
    }

    private mutating func sum() throws(QueryError) -> Expr {
        let start = current.offset
        var e = try product()
        while case .symbol(let s) = current.kind, s == "+" || s == "-" || s == "||" {
            i += 1
            e = try bounded(Expr(kind: .binary(s, e, try product()), offset: start, text: text(start)))
        }
        return e
    }

    private mutating func product() throws(QueryError) -> Expr {
        let start = current.offset
        var e = try unary()
        while case .symbol(let s) = current.kind, s == "*" || s == "/" || s == "%" {
            i += 1
            e = try bounded(Expr(kind: .binary(s, e, try unary()), offset: start, text: text(start)))
        }
        return e
    }

    private mutating func unary() throws(QueryError) -> Expr {
        let start = current.offset
        guard isSymbol("-") || isSymbol("+") else { return try primary() }
        try enter()
        defer { nesting -= 1 }
        if acceptSymbol("-") {
            let e = try unary()
            // Fold negative numeric literals so that `-9223372036854775808` and stats pruning work.
            if case .literal(let v) = e.kind {
                switch v {
                case .int64(let n): return Expr(kind: .literal(.int64(-n)), offset: start, text: text(start))
                case .double(let d): return Expr(kind: .literal(.double(-d)), offset: start, text: text(start))
                case .decimal(let d, let s): return Expr(kind: .literal(.decimal(-d, scale: s)), offset: start, text: text(start))
                default: break
                }
            }
            return Expr(kind: .unary("-", e), offset: start, text: text(start))
        }
        i += 1  // unary `+`
        return try unary()
    }

    private mutating func primary() throws(QueryError) -> Expr {
        let t = current
        func lit(_ v: QueryValue) -> Expr { Expr(kind: .literal(v), offset: t.offset, text: text(t.offset)) }
        switch t.kind {
        case .number(let n):
            i += 1
            if n.contains("e") || n.contains("E") {
                guard let d = Double(n) else { throw error("malformed number \(n)", at: t) }
                return lit(.double(d))
            }
            if !n.contains("."), let v = Int64(n) { return lit(.int64(v)) }
            guard let (v, s) = Decimal128.parse(n) else { throw error("number \(n) has more than 38 digits", at: t) }
            return lit(.decimal(v, scale: s))
        case .string(let s):
            i += 1
            return lit(.string(s))
        case .symbol("("):
            i += 1
            var e = try expression()
            try expectSymbol(")", "to close the parenthesis")
            e.offset = t.offset
            e.text = text(t.offset)
            return e
        case .quotedIdentifier(let name):
            i += 1
            return Expr(kind: .column(name), offset: t.offset, text: name)
        case .word(let w):
            let k = w.uppercased()
            switch k {
            case "NULL": i += 1; return lit(.null)
            case "TRUE": i += 1; return lit(.boolean(true))
            case "FALSE": i += 1; return lit(.boolean(false))
            case "CAST":
                i += 1
                try expectSymbol("(", "after CAST")
                let e = try expression()
                try expect("AS", "in CAST")
                let type = try typeName()
                try expectSymbol(")", "to close CAST")
                return Expr(kind: .cast(e, type), offset: t.offset, text: text(t.offset))
            case "DATE", "TIMESTAMP", "TIMESTAMPTZ":
                if case .string(let s) = tokens[i + 1].kind {
                    i += 2
                    if k == "DATE" {
                        guard let d = CivilDate.parseDate(s) else { throw error("invalid DATE literal '\(s)'", at: tokens[i - 1]) }
                        return lit(.date(d))
                    }
                    guard let ts = CivilDate.parseTimestamp(s) else { throw error("invalid TIMESTAMP literal '\(s)'", at: tokens[i - 1]) }
                    return lit(.timestamp(ts))
                }
            default: break
            }
            if Self.reserved.contains(k) { throw error("expected an expression, found \(t.display)") }
            i += 1
            if acceptSymbol("(") {
                let name = w.lowercased()
                if isSymbol("*") {
                    let star = current
                    i += 1
                    try expectSymbol(")", "after *")
                    return Expr(kind: .call(name, [Expr(kind: .star, offset: star.offset, text: "*")], distinct: false),
                                offset: t.offset, text: text(t.offset))
                }
                let distinct = accept("DISTINCT")
                var args: [Expr] = []
                if !isSymbol(")") { repeat { args.append(try expression()) } while acceptSymbol(",") }
                try expectSymbol(")", "to close the argument list of \(w)")
                return Expr(kind: .call(name, args, distinct: distinct), offset: t.offset, text: text(t.offset))
            }
            if acceptSymbol(".") {
                // `alias.column`: the alias is not checked (one table only).
                let c = current
                let name = try identifier("a column name after '.'")
                return Expr(kind: .column(name), offset: c.offset, text: name)
            }
            return Expr(kind: .column(w), offset: t.offset, text: w)
        case .end:
            throw error("expected an expression, found end of input")
        default:
            throw error("expected an expression, found \(t.display)")
        }
    }

    private mutating func typeName() throws(QueryError) -> QueryType {
        let t = current
        guard let k = t.keyword else { throw error("expected a type name, found \(t.display)") }
        i += 1
        switch k {
        case "VARCHAR", "TEXT", "STRING": return .string
        case "BIGINT", "INT", "INTEGER", "INT64", "INT8", "LONG", "SMALLINT", "INT4": return .int64
        case "DOUBLE", "FLOAT", "REAL", "FLOAT8": return .double
        case "BOOLEAN", "BOOL": return .boolean
        case "DATE": return .date
        case "TIMESTAMP", "TIMESTAMPTZ":
            if accept("WITH") {
                guard accept("TIME"), accept("ZONE") else { throw error("expected TIME ZONE after WITH") }
            }
            return .timestamp
        case "BLOB", "BYTEA": return .binary
        case "DECIMAL", "NUMERIC":
            var p = 18, s = 3
            if acceptSymbol("(") {
                p = try integer("DECIMAL(")
                s = acceptSymbol(",") ? try integer("DECIMAL(p,") : 0
                try expectSymbol(")", "to close DECIMAL(p,s)")
            }
            guard (1...38).contains(p), s <= p else { throw error("DECIMAL(\(p),\(s)) needs 1 ≤ precision ≤ 38 and scale ≤ precision", at: t) }
            return .decimal(precision: p, scale: s)
        default: throw error("unknown type \(t.display)", at: t)
        }
    }
}
