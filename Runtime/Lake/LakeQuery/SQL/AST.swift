/// A parsed expression with its place in the SQL text.
struct Expr: Sendable {
    indirect enum Kind: Sendable {
        case column(String)
        /// `*` as a select item or inside `count(*)`.
        case star
        case literal(QueryValue)
        /// `-x` or `NOT x`.
        case unary(String, Expr)
        /// Arithmetic (`+ - * / % ||`), comparison (`= <> < <= > >=`) and `AND` / `OR`.
        case binary(String, Expr, Expr)
        case isNull(Expr, negated: Bool)
        case between(Expr, Expr, Expr, negated: Bool)
        case inList(Expr, [Expr], negated: Bool)
        case like(Expr, Expr, negated: Bool, caseInsensitive: Bool)
        /// A function or aggregate call; `name` is lower-cased.
        case call(String, [Expr], distinct: Bool)
        case cast(Expr, QueryType)
    }

    var kind: Kind
    /// UTF-8 offset where the expression starts.
    var offset: Int
    /// The source text (used to name result columns).
    var text: String
    /// Levels of the tree below and including this node (1 for a leaf): the parser bounds it, so that the
    /// binder's and the evaluator's walks cannot exhaust the stack.
    let depth: Int

    init(kind: Kind, offset: Int, text: String) {
        self.kind = kind
        self.offset = offset
        self.text = text
        depth = 1 + (Self.children(of: kind).lazy.map(\.depth).max() ?? 0)
    }

    /// A normalised rendering that ignores spacing and case of names (to match GROUP BY expressions).
    var canonical: String {
        switch kind {
        case .column(let n): return "col(\(n.lowercased()))"
        case .star: return "*"
        case .literal(let v): return "lit(\(v.description))"
        case .unary(let op, let e): return "(\(op) \(e.canonical))"
        case .binary(let op, let a, let b): return "(\(a.canonical) \(op) \(b.canonical))"
        case .isNull(let e, let n): return "(\(e.canonical) is \(n ? "not " : "")null)"
        case .between(let e, let a, let b, let n): return "(\(e.canonical) \(n ? "not " : "")between \(a.canonical) and \(b.canonical))"
        case .inList(let e, let l, let n): return "(\(e.canonical) \(n ? "not " : "")in (\(l.map(\.canonical).joined(separator: ","))))"
        case .like(let e, let p, let n, let i): return "(\(e.canonical) \(n ? "not " : "")\(i ? "ilike" : "like") \(p.canonical))"
        case .call(let f, let a, let d): return "\(f)(\(d ? "distinct " : "")\(a.map(\.canonical).joined(separator: ",")))"
        case .cast(let e, let t): return "cast(\(e.canonical) as \(t))"
        }
    }

    /// Sub-expressions, for walks.
    var children: [Expr] { Self.children(of: kind) }

    private static func children(of kind: Kind) -> [Expr] {
        switch kind {
        case .column, .star, .literal: []
        case .unary(_, let e), .isNull(let e, _), .cast(let e, _): [e]
        case .binary(_, let a, let b), .like(let a, let b, _, _): [a, b]
        case .between(let e, let a, let b, _): [e, a, b]
        case .inList(let e, let l, _): [e] + l
        case .call(_, let a, _): a
        }
    }
}

/// One item of the select list.
struct SelectItem: Sendable {
    /// `*` (all columns) or an expression.
    var expr: Expr
    var alias: String?
}

/// One `ORDER BY` key.
struct OrderItem: Sendable {
    var expr: Expr
    var descending: Bool
    /// Explicit `NULLS FIRST` / `NULLS LAST`; nil means DuckDB's default (NULLS LAST).
    var nullsFirst: Bool?
}

/// A parsed `SELECT` statement.
struct SelectStatement: Sendable {
    var items: [SelectItem]
    var dataset: String
    var datasetOffset: Int
    var whereClause: Expr?
    var groupBy: [Expr] = []
    var having: Expr?
    var orderBy: [OrderItem] = []
    var limit: Int?
    var offset: Int?
}
