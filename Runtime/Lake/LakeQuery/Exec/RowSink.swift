/// Consumes scanned batches: filters, then aggregates or projects; finally sorts and applies LIMIT/OFFSET.
struct RowSink {
    let plan: QueryPlan
    private(set) var aggregator: HashAggregator?
    private let filter: FilterPlan?
    /// Output values followed by sort-key values, per row.
    private var rows: [[QueryValue]] = []

    init(plan: QueryPlan) throws(QueryError) {
        self.plan = plan
        aggregator = plan.isAggregate ? HashAggregator(plan: plan) : nil
        filter = plan.filter.map(FilterPlan.init)
    }

    /// Adds the groups of a sink of the same plan that consumed other input (for aggregates).
    func merge(_ other: RowSink) {
        if let aggregator, let o = other.aggregator { aggregator.merge(o) }
    }

    /// Rows needed before a plain query without ORDER BY can stop reading.
    private var enough: Int? {
        guard !plan.isAggregate, plan.sortKeys.isEmpty, let limit = plan.limit else { return nil }
        return limit + plan.offset
    }

    /// Takes one batch; returns false when no more input is needed.
    mutating func consume(_ input: Batch) throws(QueryError) -> Bool {
        var batch = input
        if let filter {
            guard let kept = try filter.apply(batch) else { return true }
            batch = kept
        }
        if let aggregator {
            try aggregator.consume(batch)
            return true
        }
        try project(batch)
        if let enough, rows.count >= enough { return false }
        return true
    }

    /// Evaluates outputs and sort keys and appends the rows.
    private mutating func project(_ batch: Batch) throws(QueryError) {
        guard batch.count > 0 else { return }
        var vectors: [Vector] = []
        for o in plan.outputs { vectors.append(try Evaluator.evaluate(o, batch)) }
        for k in plan.sortKeys { vectors.append(try Evaluator.evaluate(k.expr, batch)) }
        var take = batch.count
        if let enough { take = min(take, enough - rows.count) }
        rows.reserveCapacity(rows.count + take)
        for r in 0..<take { rows.append(vectors.map { $0[r] }) }
    }

    /// The final rows (outputs only).
    mutating func finish() throws(QueryError) -> [[QueryValue]] {
        if let aggregator {
            var grouped = try aggregator.finish()
            if let having = plan.having {
                let selected = Batch.selection(try Evaluator.evaluate(having, grouped))
                grouped = grouped.gather(selected)
            }
            try project(grouped)
        }
        let width = plan.outputs.count
        if !plan.sortKeys.isEmpty {
            let keys = plan.sortKeys
            rows.sort { a, b in
                for (k, key) in keys.enumerated() {
                    let x = a[width + k], y = b[width + k]
                    if x.isNull || y.isNull {
                        if x.isNull && y.isNull { continue }
                        return x.isNull == key.nullsFirst
                    }
                    let c = QueryValue.order(x, y)
                    if c != 0 { return key.descending ? c > 0 : c < 0 }
                }
                return false
            }
        }
        var out = rows.dropFirst(min(plan.offset, rows.count))
        if let limit = plan.limit { out = out.prefix(limit) }
        return out.map { width == $0.count ? $0 : Array($0.prefix(width)) }
    }
}
