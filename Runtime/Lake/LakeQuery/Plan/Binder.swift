/// Resolves a parsed statement against a schema: names to slots, types, implicit casts, aggregates.
struct Binder {
    let sql: String
    let schema: QuerySchema
    /// Canonical texts and bound types of the GROUP BY keys, when binding over aggregated rows.
    private var groups: [(canonical: String, type: QueryType)]?
    private(set) var aggregates: [AggregateSpec] = []

    static let aggregateNames: Set<String> = ["count", "sum", "avg", "min", "max", "mean"]

    init(sql: String, schema: QuerySchema) {
        self.sql = sql
        self.schema = schema
    }

    func position(_ e: Expr) -> SourcePosition { SourcePosition(offset: e.offset, in: sql) }

    // MARK: Statement

    /// Binds a whole statement into a plan.
    static func plan(_ s: SelectStatement, sql: String, schema: QuerySchema) throws(QueryError) -> QueryPlan {
        var b = Binder(sql: sql, schema: schema)
        let filter = try s.whereClause.map { e throws(QueryError) in try b.predicate(e) }
        let isAggregate = !s.groupBy.isEmpty || s.having != nil
            || s.items.contains { Self.hasAggregate($0.expr) } || s.orderBy.contains { Self.hasAggregate($0.expr) }

        // Expand `*` and name the outputs.
        var items: [(expr: Expr, name: String)] = []
        for item in s.items {
            if case .star = item.expr.kind {
                for c in schema.columns {
                    items.append((Expr(kind: .column(c.name), offset: item.expr.offset, text: c.name), c.name))
                }
            } else {
                items.append((item.expr, item.alias ?? Self.name(of: item.expr)))
            }
        }

        var groupBy: [BoundExpr] = []
        if isAggregate {
            var groups: [(String, QueryType)] = []
            for g in s.groupBy {
                let resolved = try b.resolveReference(g, items: items, clause: "GROUP BY")
                let bound = try b.bind(resolved)
                groupBy.append(bound)
                groups.append((resolved.canonical, bound.type))
            }
            b.groups = groups
        }
        var outputs: [BoundExpr] = []
        for item in items { outputs.append(try b.bind(item.expr)) }
        let having = try s.having.map { e throws(QueryError) in try b.predicate(e) }
        var sortKeys: [SortKey] = []
        for o in s.orderBy {
            let bound: BoundExpr
            if case .literal(.int64(let k)) = o.expr.kind {
                guard k >= 1, k <= outputs.count else {
                    throw .type("ORDER BY position \(k) is not in the select list (1…\(outputs.count))", at: b.position(o.expr))
                }
                bound = outputs[Int(k) - 1]
            } else if case .column(let n) = o.expr.kind, let i = items.firstIndex(where: { $0.name.lowercased() == n.lowercased() }) {
                bound = outputs[i]
            } else {
                bound = try b.bind(o.expr)
            }
            sortKeys.append(SortKey(expr: bound, descending: o.descending, nullsFirst: o.nullsFirst ?? false))
        }
        return QueryPlan(
            schema: schema, filter: filter, isAggregate: isAggregate, groupBy: groupBy, aggregates: b.aggregates,
            having: having, outputs: outputs, outputNames: items.map(\.name), sortKeys: sortKeys,
            limit: s.limit, offset: s.offset ?? 0)
    }

    /// The result column name DuckDB would give an expression.
    static func name(of e: Expr) -> String {
        switch e.kind {
        case .column(let n): n
        case .call("count", let a, false) where a.count == 1 && { if case .star = a[0].kind { true } else { false } }():
            "count_star()"
        default: e.text
        }
    }

    static func hasAggregate(_ e: Expr) -> Bool {
        if case .call(let f, _, _) = e.kind, aggregateNames.contains(f) { return true }
        return e.children.contains { hasAggregate($0) }
    }

    /// GROUP BY ordinals (`1`) and select aliases (when no column has that name) become the select expression.
    private func resolveReference(_ e: Expr, items: [(expr: Expr, name: String)], clause: String) throws(QueryError) -> Expr {
        if case .literal(.int64(let k)) = e.kind {
            guard k >= 1, k <= items.count else {
                throw .type("\(clause) position \(k) is not in the select list (1…\(items.count))", at: position(e))
            }
            return items[Int(k) - 1].expr
        }
        if case .column(let n) = e.kind, schema.index(of: n) == nil,
           let item = items.first(where: { $0.name.lowercased() == n.lowercased() }) {
            return item.expr
        }
        return e
    }

    // MARK: Expressions

    /// A condition: a boolean expression (NULL counts as false).
    mutating func predicate(_ e: Expr) throws(QueryError) -> BoundExpr {
        try coerce(try bind(e), to: .boolean, at: e)
    }

    mutating func bind(_ e: Expr) throws(QueryError) -> BoundExpr {
        if let groups, let g = groups.firstIndex(where: { $0.canonical == e.canonical }) {
            return BoundExpr(kind: .column(g), type: groups[g].type)
        }
        switch e.kind {
        case .column(let name):
            guard let i = schema.index(of: name) else { throw .unknownColumn(name, at: position(e)) }
            if groups != nil {
                throw .type("column '\(name)' must appear in the GROUP BY clause or be used in an aggregate function", at: position(e))
            }
            return BoundExpr(kind: .column(i), type: schema.columns[i].type)
        case .star:
            throw .syntax("* is only allowed in the select list and in count(*)", at: position(e))
        case .literal(let v):
            return BoundExpr(kind: .literal(v), type: Self.type(of: v))
        case .unary("NOT", let x):
            return BoundExpr(kind: .not(try predicate(x)), type: .boolean)
        case .unary(_, let x):
            let a = try bind(x)
            guard a.type.isNumeric else { throw .type("cannot negate a \(a.type) value", at: position(e)) }
            return BoundExpr(kind: .negate(a), type: a.type)
        case .binary("AND", let x, let y):
            return BoundExpr(kind: .and(try predicate(x), try predicate(y)), type: .boolean)
        case .binary("OR", let x, let y):
            return BoundExpr(kind: .or(try predicate(x), try predicate(y)), type: .boolean)
        case .binary("||", let x, let y):
            return BoundExpr(kind: .concat(try coerce(try bind(x), to: .string, at: x), try coerce(try bind(y), to: .string, at: y)), type: .string)
        case .binary(let op, let x, let y) where ["=", "<>", "<", "<=", ">", ">="].contains(op):
            let (a, b) = try comparable(try bind(x), try bind(y), at: e)
            return BoundExpr(kind: .compare(op, a, b), type: .boolean)
        case .binary(let op, let x, let y):
            return try arithmetic(op, try bind(x), try bind(y), at: e)
        case .isNull(let x, let negated):
            return BoundExpr(kind: .isNull(try bind(x), negated: negated), type: .boolean)
        case .between(let x, let lo, let hi, let negated):
            let v = try bind(x)
            let (a1, b1) = try comparable(v, try bind(lo), at: e)
            let (a2, b2) = try comparable(v, try bind(hi), at: e)
            let both = BoundExpr(kind: .and(BoundExpr(kind: .compare(">=", a1, b1), type: .boolean),
                                           BoundExpr(kind: .compare("<=", a2, b2), type: .boolean)), type: .boolean)
            return negated ? BoundExpr(kind: .not(both), type: .boolean) : both
        case .inList(let x, let list, let negated):
            var v = try bind(x)
            var items: [BoundExpr] = []
            for item in list { items.append(try bind(item)) }
            var common = v
            for item in items { (common, _) = try comparable(common, item, at: e) }
            v = try coerce(v, to: common.type, at: x)
            for k in items.indices { items[k] = try coerce(items[k], to: common.type, at: list[k]) }
            return BoundExpr(kind: .inList(v, items, negated: negated), type: .boolean)
        case .like(let x, let p, let negated, let ci):
            let a = try coerce(try bind(x), to: .string, at: x)
            let b = try coerce(try bind(p), to: .string, at: p)
            return BoundExpr(kind: .like(a, b, negated: negated, caseInsensitive: ci), type: .boolean)
        case .cast(let x, let t):
            let a = try bind(x)
            if case .literal(let v) = a.kind {
                do { return BoundExpr(kind: .literal(try Cast.value(v, to: t)), type: t) }
                catch { throw .type("cannot cast \(v) to \(t)", at: position(e)) }
            }
            return BoundExpr(kind: .cast(a, t), type: t)
        case .call(let f, let args, let distinct):
            if Self.aggregateNames.contains(f) { return try aggregate(f, args, distinct: distinct, at: e) }
            return try function(f, args, at: e)
        }
    }

    static func type(of v: QueryValue) -> QueryType {
        switch v {
        case .null: .null
        case .string: .string
        case .int64: .int64
        case .double: .double
        case .decimal(let d, let s): .decimal(precision: max(s + 1, String(d.magnitude).count, 1), scale: s)
        case .boolean: .boolean
        case .date: .date
        case .timestamp: .timestamp
        case .binary: .binary
        }
    }

    /// `e` converted to `type` (literals folded at bind time).
    func coerce(_ e: BoundExpr, to type: QueryType, at source: Expr) throws(QueryError) -> BoundExpr {
        if e.type == type { return e }
        if case .literal(let v) = e.kind {
            do { return BoundExpr(kind: .literal(try Cast.value(v, to: type)), type: type) }
            catch { throw .type("cannot convert \(v) to \(type)", at: position(source)) }
        }
        if type == .boolean, e.type != .null {
            throw .type("expected a boolean condition, found a \(e.type) expression", at: position(source))
        }
        return BoundExpr(kind: .cast(e, type), type: type)
    }

    /// The common type of two numbers.
    static func numericCommon(_ a: QueryType, _ b: QueryType) -> QueryType {
        switch (a, b) {
        case (.null, let x), (let x, .null): return x
        case (.int64, .int64): return .int64
        case (.double, _), (_, .double): return .double
        default:
            let s = max(a.scale, b.scale)
            let digits = max(a.precisionDigits - a.scale, b.precisionDigits - b.scale)
            return .decimal(precision: min(38, digits + s), scale: s)
        }
    }

    /// Both operands of a comparison at one type.
    func comparable(_ a: BoundExpr, _ b: BoundExpr, at e: Expr) throws(QueryError) -> (BoundExpr, BoundExpr) {
        let target: QueryType
        switch (a.type, b.type) {
        case let (x, y) where x == y: return (a, b)
        case (.null, let y): target = y
        case (let x, .null): target = x
        case let (x, y) where x.isNumeric && y.isNumeric: target = Self.numericCommon(x, y)
        case (.string, let y): target = y
        case (let x, .string): target = x
        case (.date, .timestamp), (.timestamp, .date): target = .timestamp
        default: throw .type("cannot compare \(a.type) with \(b.type)", at: position(e))
        }
        return (try coerce(a, to: target, at: e), try coerce(b, to: target, at: e))
    }

    private func arithmetic(_ op: String, _ a: BoundExpr, _ b: BoundExpr, at e: Expr) throws(QueryError) -> BoundExpr {
        guard a.type.isNumeric, b.type.isNumeric else {
            throw .type("operator \(op) needs numbers, found \(a.type) and \(b.type)", at: position(e))
        }
        let common = Self.numericCommon(a.type, b.type)
        switch (op, common) {
        case ("/", _), ("%", .double), ("%", .decimal):
            return BoundExpr(kind: .arithmetic(op, try coerce(a, to: .double, at: e), try coerce(b, to: .double, at: e)), type: .double)
        case ("*", .decimal):
            let x = a.type == .int64 || a.type == .null ? try coerce(a, to: .decimal(precision: 19, scale: 0), at: e) : a
            let y = b.type == .int64 || b.type == .null ? try coerce(b, to: .decimal(precision: 19, scale: 0), at: e) : b
            let type = QueryType.decimal(precision: min(38, x.type.precisionDigits + y.type.precisionDigits), scale: x.type.scale + y.type.scale)
            return BoundExpr(kind: .arithmetic(op, x, y), type: type)
        case (_, .decimal(let p, let s)):
            let type = QueryType.decimal(precision: min(38, p + 1), scale: s)
            return BoundExpr(kind: .arithmetic(op, try coerce(a, to: type, at: e), try coerce(b, to: type, at: e)), type: type)
        default:
            let type = common == .null ? QueryType.int64 : common
            return BoundExpr(kind: .arithmetic(op, try coerce(a, to: type, at: e), try coerce(b, to: type, at: e)), type: type)
        }
    }

    private mutating func aggregate(_ f: String, _ args: [Expr], distinct: Bool, at e: Expr) throws(QueryError) -> BoundExpr {
        guard let groups else {
            throw .type("aggregate function \(f)() is not allowed here (WHERE, GROUP BY or inside another aggregate)", at: position(e))
        }
        guard args.count == 1 else { throw .unknownFunction("\(f)() takes one argument, got \(args.count)", at: position(e)) }
        let key = e.canonical
        if let j = aggregates.firstIndex(where: { $0.key == key }) {
            return BoundExpr(kind: .column(groups.count + j), type: aggregates[j].type)
        }
        let spec: AggregateSpec
        if case .star = args[0].kind {
            guard f == "count", !distinct else { throw .syntax("* is only allowed in count(*)", at: position(args[0])) }
            spec = AggregateSpec(function: .countStar, distinct: false, argument: nil, type: .int64, key: key)
        } else {
            // The argument is over input rows.
            var inner = self
            inner.groups = nil
            let arg = try inner.bind(args[0])
            let fn = f == "mean" ? AggregateFunction.avg : AggregateFunction(rawValue: f)!
            if distinct, fn != .count, fn != .min, fn != .max {
                throw .unknownFunction("DISTINCT is supported in count, min and max only", at: position(e))
            }
            let type: QueryType
            switch fn {
            case .count, .countStar: type = .int64
            case .min, .max: type = arg.type
            case .sum, .avg:
                guard arg.type.isNumeric else { throw .type("\(f)() needs a number, found \(arg.type)", at: position(args[0])) }
                switch (fn, arg.type) {
                case (.avg, _): type = .double
                case (_, .decimal(_, let s)): type = .decimal(precision: 38, scale: s)
                case (_, .null): type = .int64
                default: type = arg.type
                }
            }
            spec = AggregateSpec(function: fn, distinct: distinct, argument: arg, type: type, key: key)
        }
        aggregates.append(spec)
        return BoundExpr(kind: .column(groups.count + aggregates.count - 1), type: spec.type)
    }

    private mutating func function(_ f: String, _ args: [Expr], at e: Expr) throws(QueryError) -> BoundExpr {
        var bound: [BoundExpr] = []
        for a in args { bound.append(try bind(a)) }
        func arity(_ n: Int) throws(QueryError) {
            guard bound.count == n else { throw .unknownFunction("\(f)() takes \(n) argument\(n == 1 ? "" : "s"), got \(bound.count)", at: position(e)) }
        }
        switch f {
        case "lower", "upper":
            try arity(1)
            return BoundExpr(kind: .function(f, [try coerce(bound[0], to: .string, at: args[0])]), type: .string)
        case "length":
            try arity(1)
            return BoundExpr(kind: .function(f, [try coerce(bound[0], to: .string, at: args[0])]), type: .int64)
        case "abs":
            try arity(1)
            guard bound[0].type.isNumeric else { throw .type("abs() needs a number, found \(bound[0].type)", at: position(args[0])) }
            return BoundExpr(kind: .function(f, bound), type: bound[0].type)
        case "coalesce":
            guard !bound.isEmpty else { throw .unknownFunction("coalesce() needs at least one argument", at: position(e)) }
            var common = bound[0]
            for b in bound.dropFirst() { (common, _) = try comparable(common, b, at: e) }
            for k in bound.indices { bound[k] = try coerce(bound[k], to: common.type, at: args[k]) }
            return BoundExpr(kind: .function(f, bound), type: common.type)
        default:
            throw .unknownFunction("no function named '\(f)' (supported: count, sum, avg, min, max, lower, upper, length, abs, coalesce)", at: position(e))
        }
    }
}
