/// An expression resolved against a schema: column references are slots, every node has its type,
/// and implicit conversions are explicit `.cast` nodes.
struct BoundExpr: Sendable {
    indirect enum Kind: Sendable {
        case column(Int)
        case literal(QueryValue)
        /// `+ - * / %` on numbers; operands are already at the types the operation needs.
        case arithmetic(String, BoundExpr, BoundExpr)
        /// `= <> < <= > >=`; both operands have the same type.
        case compare(String, BoundExpr, BoundExpr)
        case and(BoundExpr, BoundExpr)
        case or(BoundExpr, BoundExpr)
        case not(BoundExpr)
        case negate(BoundExpr)
        case isNull(BoundExpr, negated: Bool)
        /// Items already converted to the operand's type.
        case inList(BoundExpr, [BoundExpr], negated: Bool)
        case like(BoundExpr, BoundExpr, negated: Bool, caseInsensitive: Bool)
        case concat(BoundExpr, BoundExpr)
        case cast(BoundExpr, QueryType)
        /// Scalar functions evaluated per row: lower, upper, length, abs, coalesce.
        case function(String, [BoundExpr])
    }

    var kind: Kind
    var type: QueryType

    /// Column slots this expression reads.
    var columns: Set<Int> {
        var out = Set<Int>()
        collect(&out)
        return out
    }

    private func collect(_ out: inout Set<Int>) {
        switch kind {
        case .column(let c): out.insert(c)
        case .literal: break
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b),
             .like(let a, let b, _, _), .concat(let a, let b):
            a.collect(&out); b.collect(&out)
        case .not(let a), .negate(let a), .isNull(let a, _), .cast(let a, _): a.collect(&out)
        case .inList(let a, let l, _): a.collect(&out); for e in l { e.collect(&out) }
        case .function(_, let l): for e in l { e.collect(&out) }
        }
    }

    /// The conjuncts of an `AND` tree.
    var conjuncts: [BoundExpr] {
        if case .and(let a, let b) = kind { return a.conjuncts + b.conjuncts }
        return [self]
    }
}

/// The aggregate functions.
enum AggregateFunction: String, Sendable {
    case countStar = "count_star"
    case count, sum, avg, min, max
}

/// One aggregate of a grouped query: its function and its argument over the input rows.
struct AggregateSpec: Sendable {
    var function: AggregateFunction
    var distinct: Bool
    var argument: BoundExpr?
    /// Result type.
    var type: QueryType
    /// Canonical text, to share identical aggregates.
    var key: String
}

/// One ORDER BY key over the output domain (input rows, or aggregated rows).
struct SortKey: Sendable {
    var expr: BoundExpr
    var descending: Bool
    var nullsFirst: Bool
}

/// A bound statement, ready to run.
struct QueryPlan: Sendable {
    var schema: QuerySchema
    var filter: BoundExpr?
    var isAggregate: Bool
    /// Group keys over input rows.
    var groupBy: [BoundExpr]
    var aggregates: [AggregateSpec]
    /// Over aggregated rows: slots are group keys, then aggregates.
    var having: BoundExpr?
    /// Over input rows (plain query) or aggregated rows.
    var outputs: [BoundExpr]
    var outputNames: [String]
    var sortKeys: [SortKey]
    var limit: Int?
    var offset: Int

    /// Input slots the plan reads.
    var neededColumns: Set<Int> {
        var out = filter?.columns ?? []
        if isAggregate {
            for g in groupBy { out.formUnion(g.columns) }
            for a in aggregates { out.formUnion(a.argument?.columns ?? []) }
        } else {
            for o in outputs { out.formUnion(o.columns) }
            for k in sortKeys { out.formUnion(k.expr.columns) }
        }
        return out
    }
}
