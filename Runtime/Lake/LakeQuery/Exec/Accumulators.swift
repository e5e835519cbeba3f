/// Per-group state of one aggregate, updated a batch at a time.
protocol Accumulator: AnyObject {
    /// Makes room for `groups` groups.
    func resize(_ groups: Int)
    /// Adds the rows of `values` (the argument, or nil for `count(*)`) to the groups in `ids`.
    func update(_ values: Vector?, _ ids: [Int32]) throws(QueryError)
    /// One result per group.
    func finish() throws(QueryError) -> Vector
    /// Adds the state of `other` (same aggregate over other rows); its group `g` is this one's `map[g]`.
    func merge(_ other: Accumulator, _ map: [Int32])
}

/// Calls `body(row, value)` for the non-null values of a lane.
@inline(__always)
func forEachValue<T>(_ lane: Lane<T>, _ n: Int, _ body: (Int, T) -> Void) {
    switch lane {
    case .array(let a): for i in 0..<n { if let v = a[i] { body(i, v) } }
    case .scalar(let s): if let s { for i in 0..<n { body(i, s) } }
    }
}

func makeAccumulator(_ spec: AggregateSpec) -> Accumulator {
    let argType = spec.argument?.type ?? .null
    switch spec.function {
    case .countStar: return CountAccumulator(star: true)
    case .count where spec.distinct: return DistinctAccumulator(mode: .count, type: .int64)
    case .count: return CountAccumulator(star: false)
    case .min, .max:
        let isMin = spec.function == .min
        switch argType {
        case .int64, .timestamp: return ExtremeAccumulator<Int64>(isMin: isMin, type: argType, lane: { $0.int64Lane }, build: { argType == .timestamp ? .timestamp($0) : .int64($0) })
        case .double: return ExtremeAccumulator<Double>(isMin: isMin, type: argType, lane: { $0.doubleLane }, build: { .double($0) })
        case .string: return ExtremeAccumulator<String>(isMin: isMin, type: argType, lane: { $0.stringLane }, build: { .string($0) })
        case .date: return ExtremeAccumulator<Int32>(isMin: isMin, type: argType, lane: { $0.dateLane }, build: { .date($0) })
        case .decimal(_, let s): return ExtremeAccumulator<Int128>(isMin: isMin, type: argType, lane: { $0.decimalLane(scale: s) }, build: { .decimal($0, scale: s) })
        default: return DistinctAccumulator(mode: isMin ? .min : .max, type: argType)
        }
    case .sum, .avg:
        return SumAccumulator(average: spec.function == .avg, argType: argType, resultType: spec.type)
    }
}

/// `count(*)` and `count(x)`.
final class CountAccumulator: Accumulator {
    let star: Bool
    var counts: [Int64] = []
    init(star: Bool) { self.star = star }
    func resize(_ groups: Int) { if counts.count < groups { counts += [Int64](repeating: 0, count: groups - counts.count) } }
    func update(_ values: Vector?, _ ids: [Int32]) {
        var counts = self.counts
        self.counts = []
        defer { self.counts = counts }
        guard !star, let values else {
            counts.withUnsafeMutableBufferPointer { c in for g in ids { c[Int(g)] += 1 } }
            return
        }
        switch values {
        case .string(let a): for i in 0..<ids.count where a[i] != nil { counts[Int(ids[i])] += 1 }
        case .int64(let a), .timestamp(let a): for i in 0..<ids.count where a[i] != nil { counts[Int(ids[i])] += 1 }
        case .double(let a): for i in 0..<ids.count where a[i] != nil { counts[Int(ids[i])] += 1 }
        case .constant(let c, _): if !c.isNull { for g in ids { counts[Int(g)] += 1 } }
        default: for i in 0..<ids.count where !values.isNull(i) { counts[Int(ids[i])] += 1 }
        }
    }
    func finish() -> Vector { .int64(counts) }
    func merge(_ other: Accumulator, _ map: [Int32]) {
        let o = other as! CountAccumulator
        for (g, c) in o.counts.enumerated() where g < map.count { counts[Int(map[g])] += c }
    }
}

/// `min` / `max` over a comparable lane.
final class ExtremeAccumulator<T: Comparable>: Accumulator {
    let isMin: Bool
    let type: QueryType
    let lane: (Vector) -> Lane<T>
    let build: (T) -> QueryValue
    var best: [T?] = []
    init(isMin: Bool, type: QueryType, lane: @escaping (Vector) -> Lane<T>, build: @escaping (T) -> QueryValue) {
        self.isMin = isMin
        self.type = type
        self.lane = lane
        self.build = build
    }
    func resize(_ groups: Int) { if best.count < groups { best += [T?](repeating: nil, count: groups - best.count) } }
    func update(_ values: Vector?, _ ids: [Int32]) {
        guard let values else { return }
        var best = self.best
        self.best = []
        defer { self.best = best }
        if isMin {
            forEachValue(lane(values), ids.count) { i, v in
                let g = Int(ids[i])
                if let b = best[g] { if v < b { best[g] = v } } else { best[g] = v }
            }
        } else {
            forEachValue(lane(values), ids.count) { i, v in
                let g = Int(ids[i])
                if let b = best[g] { if v > b { best[g] = v } } else { best[g] = v }
            }
        }
    }
    func finish() -> Vector {
        Vector.build(best.map { $0.map(build) ?? .null }, type: type)
    }
    func merge(_ other: Accumulator, _ map: [Int32]) {
        let o = other as! ExtremeAccumulator<T>
        for (g, v) in o.best.enumerated() where g < map.count {
            guard let v else { continue }
            let t = Int(map[g])
            if let b = best[t] { if isMin ? v < b : v > b { best[t] = v } } else { best[t] = v }
        }
    }
}

/// `sum` and `avg` (exact 128-bit sums for integers and decimals).
final class SumAccumulator: Accumulator {
    let average: Bool
    let argType: QueryType
    let resultType: QueryType
    var exact: [Int128] = []
    var float: [Double] = []
    var counts: [Int64] = []

    init(average: Bool, argType: QueryType, resultType: QueryType) {
        self.average = average
        self.argType = argType
        self.resultType = resultType
    }

    func resize(_ groups: Int) {
        let extra = groups - counts.count
        guard extra > 0 else { return }
        exact += [Int128](repeating: 0, count: extra)
        float += [Double](repeating: 0, count: extra)
        counts += [Int64](repeating: 0, count: extra)
    }

    func update(_ values: Vector?, _ ids: [Int32]) throws(QueryError) {
        guard let values else { return }
        // Work on uniquely referenced locals (no exclusivity checks or copy-on-write in the loop).
        var exact = self.exact, float = self.float, counts = self.counts
        self.exact = []; self.float = []; self.counts = []
        defer { self.exact = exact; self.float = float; self.counts = counts }
        // Group ids are below the resized counts (see `HashAggregator.consume`).
        exact.withUnsafeMutableBufferPointer { exact in
            float.withUnsafeMutableBufferPointer { float in
                counts.withUnsafeMutableBufferPointer { counts in
                    switch argType {
                    case .double:
                        forEachValue(values.doubleLane, ids.count) { i, v in
                            let g = Int(ids[i]); float[g] += v; counts[g] += 1
                        }
                    case .decimal(_, let s):
                        forEachValue(values.decimalLane(scale: s), ids.count) { i, v in
                            let g = Int(ids[i]); exact[g] &+= v; counts[g] += 1
                        }
                    default:
                        forEachValue(values.int64Lane, ids.count) { i, v in
                            let g = Int(ids[i]); exact[g] &+= Int128(v); counts[g] += 1
                        }
                    }
                }
            }
        }
    }

    func merge(_ other: Accumulator, _ map: [Int32]) {
        let o = other as! SumAccumulator
        for g in 0..<min(o.counts.count, map.count) {
            let t = Int(map[g])
            exact[t] &+= o.exact[g]
            float[t] += o.float[g]
            counts[t] += o.counts[g]
        }
    }

    func finish() throws(QueryError) -> Vector {
        let n = counts.count
        if average {
            var out = [Double?](repeating: nil, count: n)
            for g in 0..<n where counts[g] > 0 {
                switch argType {
                case .double: out[g] = float[g] / Double(counts[g])
                case .decimal(_, let s): out[g] = Double(exact[g]) / Decimal128.pow10Double(s) / Double(counts[g])
                default: out[g] = Double(exact[g]) / Double(counts[g])
                }
            }
            return .double(out)
        }
        switch argType {
        case .double: return .double((0..<n).map { counts[$0] > 0 ? float[$0] : nil })
        case .decimal(_, let s): return .decimal((0..<n).map { counts[$0] > 0 ? exact[$0] : nil }, scale: s)
        default:
            var out = [Int64?](repeating: nil, count: n)
            for g in 0..<n where counts[g] > 0 {
                guard let v = Int64(exactly: exact[g]) else { throw .runtime("sum \(exact[g]) does not fit in BIGINT") }
                out[g] = v
            }
            return .int64(out)
        }
    }
}

/// `count(DISTINCT x)`, and `min`/`max` of types without a typed fast path.
final class DistinctAccumulator: Accumulator {
    enum Mode { case count, min, max }
    let mode: Mode
    let type: QueryType
    var sets: [Set<QueryValue>] = []
    var best: [QueryValue] = []
    init(mode: Mode, type: QueryType) {
        self.mode = mode
        self.type = type
    }
    func resize(_ groups: Int) {
        let extra = groups - best.count
        guard extra > 0 else { return }
        best += [QueryValue](repeating: .null, count: extra)
        if mode == .count { sets += [Set<QueryValue>](repeating: [], count: extra) }
    }
    func update(_ values: Vector?, _ ids: [Int32]) {
        guard let values else { return }
        for i in 0..<ids.count {
            let v = values[i]
            if v.isNull { continue }
            let g = Int(ids[i])
            switch mode {
            case .count: sets[g].insert(v)
            case .min: if best[g].isNull || QueryValue.order(v, best[g]) < 0 { best[g] = v }
            case .max: if best[g].isNull || QueryValue.order(v, best[g]) > 0 { best[g] = v }
            }
        }
    }
    func merge(_ other: Accumulator, _ map: [Int32]) {
        let o = other as! DistinctAccumulator
        for g in 0..<min(o.best.count, map.count) {
            let t = Int(map[g])
            switch mode {
            case .count: sets[t].formUnion(o.sets[g])
            case .min: if !o.best[g].isNull, best[t].isNull || QueryValue.order(o.best[g], best[t]) < 0 { best[t] = o.best[g] }
            case .max: if !o.best[g].isNull, best[t].isNull || QueryValue.order(o.best[g], best[t]) > 0 { best[t] = o.best[g] }
            }
        }
    }
    func finish() -> Vector {
        mode == .count ? .int64(sets.map { Int64($0.count) }) : Vector.build(best, type: type)
    }
}
