/// Hash aggregation: assigns each input row a group id from its GROUP BY key, then updates the aggregates.
final class HashAggregator {
    let plan: QueryPlan
    private var accumulators: [Accumulator]
    /// Key values of each group, in first-seen order.
    private(set) var keys: [[QueryValue]] = []
    private var stringGroups: [String?: Int32] = [:]
    private var intGroups: [Int64?: Int32] = [:]
    private var genericGroups: [[QueryValue]: Int32] = [:]
    /// Last few single-key groups seen (cheap check before hashing when groups are few).
    private var recentStrings: [(String?, Int32)] = []

    init(plan: QueryPlan) {
        self.plan = plan
        accumulators = plan.aggregates.map(makeAccumulator)
        if plan.groupBy.isEmpty {
            keys = [[]]   // a global aggregate has one row even without input
            for a in accumulators { a.resize(1) }
        }
    }

    var groupCount: Int { keys.count }

    /// Adds one (filtered) batch.
    func consume(_ batch: Batch) throws(QueryError) {
        let n = batch.count
        guard n > 0 else { return }
        let ids: [Int32]
        if plan.groupBy.count == 1, case .column(let s) = plan.groupBy[0].kind, case .dictionary(let d) = batch.columns[s] {
            ids = groupIds(d)
        } else {
            var keyVectors: [Vector] = []
            for g in plan.groupBy { keyVectors.append(try Evaluator.evaluate(g, batch)) }
            ids = groupIds(keyVectors, n)
        }
        for a in accumulators { a.resize(keys.count) }
        for (spec, acc) in zip(plan.aggregates, accumulators) {
            let values = try spec.argument.map { e throws(QueryError) in try Evaluator.evaluate(e, batch) }
            try acc.update(values, ids)
        }
    }

    /// Group ids of a dictionary-coded string key: one lookup per dictionary entry, then one per code.
    /// Groups are created when a code first occurs (not for unused dictionary entries), in row order.
    private func groupIds(_ d: DictionaryVector) -> [Int32] {
        var table = [Int32](repeating: -1, count: d.values.count + 1)
        let values = d.values
        return table.withUnsafeMutableBufferPointer { t in
            d.codes.map { code in
                let c = Int(code)
                if t[c] < 0 { t[c] = stringId(c < values.count ? values[c] : nil) }
                return t[c]
            }
        }
    }

    /// Adds another aggregator's groups (same plan) to this one's; groups new here are appended in
    /// the other's order, so merging partial results in input order keeps the first-seen order.
    func merge(_ other: HashAggregator) {
        var map = [Int32](repeating: 0, count: other.keys.count)
        for (g, key) in other.keys.enumerated() { map[g] = groupId(forKey: key) }
        for a in accumulators { a.resize(keys.count) }
        for b in other.accumulators { b.resize(other.keys.count) }
        for (a, b) in zip(accumulators, other.accumulators) { a.merge(b, map) }
    }

    /// The group of a whole key (found or created), consistent with the batch paths.
    private func groupId(forKey key: [QueryValue]) -> Int32 {
        if plan.groupBy.isEmpty { return 0 }
        if plan.groupBy.count == 1 { return id(of: key[0], type: plan.groupBy[0].type) }
        if let g = genericGroups[key] { return g }
        let g = newGroup(key)
        genericGroups[key] = g
        return g
    }

    private func newGroup(_ key: [QueryValue]) -> Int32 {
        keys.append(key)
        return Int32(keys.count - 1)
    }

    private func groupIds(_ vectors: [Vector], _ n: Int) -> [Int32] {
        if vectors.isEmpty { return [Int32](repeating: 0, count: n) }
        if vectors.count == 1 {
            let type = plan.groupBy[0].type
            switch (vectors[0], type) {
            case (.constant(let c, _), _):
                return [Int32](repeating: id(of: c, type: type), count: n)
            case (.string(let a), _):
                var out = [Int32](repeating: 0, count: n)
                for i in 0..<n { out[i] = stringId(a[i]) }
                return out
            case (.int64(let a), _), (.timestamp(let a), _):
                var out = [Int32](repeating: 0, count: n)
                for i in 0..<n { out[i] = intId(a[i], type) }
                return out
            case (.date(let a), _):
                var out = [Int32](repeating: 0, count: n)
                for i in 0..<n { out[i] = intId(a[i].map(Int64.init), type) }
                return out
            default: break
            }
        }
        var out = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let key = vectors.map { $0[i] }
            if let g = genericGroups[key] { out[i] = g } else {
                let g = newGroup(key)
                genericGroups[key] = g
                out[i] = g
            }
        }
        return out
    }

    /// The group of a single-key constant (consistent with the typed dictionaries).
    private func id(of c: QueryValue, type: QueryType) -> Int32 {
        switch (c, type) {
        case (.string(let s), _): return stringId(s)
        case (.null, .string): return stringId(nil)
        case (.int64(let v), _), (.timestamp(let v), _): return intId(v, type)
        case (.date(let v), _): return intId(Int64(v), type)
        case (.null, .int64), (.null, .timestamp), (.null, .date): return intId(nil, type)
        default:
            if let g = genericGroups[[c]] { return g }
            let g = newGroup([c])
            genericGroups[[c]] = g
            return g
        }
    }

    @inline(__always) private func stringId(_ s: String?) -> Int32 {
        for (k, g) in recentStrings where k == s { return g }
        let g: Int32
        if let found = stringGroups[s] { g = found } else {
            g = newGroup([s.map(QueryValue.string) ?? .null])
            stringGroups[s] = g
        }
        if recentStrings.count < 8 { recentStrings.append((s, g)) }
        return g
    }

    @inline(__always) private func intId(_ v: Int64?, _ type: QueryType) -> Int32 {
        if let g = intGroups[v] { return g }
        let value: QueryValue
        switch (v, type) {
        case (nil, _): value = .null
        case (let x?, .date): value = .date(Int32(x))
        case (let x?, .timestamp): value = .timestamp(x)
        case (let x?, _): value = .int64(x)
        }
        let g = newGroup([value])
        intGroups[v] = g
        return g
    }

    /// The aggregated rows as a batch: group keys, then one column per aggregate.
    func finish() throws(QueryError) -> Batch {
        for a in accumulators { a.resize(keys.count) }
        var columns: [Vector] = []
        for (k, g) in plan.groupBy.enumerated() { columns.append(Vector.build(keys.map { $0[k] }, type: g.type)) }
        for a in accumulators { columns.append(try a.finish()) }
        return Batch(columns: columns, count: keys.count)
    }
}
