/// Evaluates bound expressions over a batch, a whole column at a time.
enum Evaluator {
    static func evaluate(_ e: BoundExpr, _ batch: Batch) throws(QueryError) -> Vector {
        let n = batch.count
        switch e.kind {
        case .column(let i): return batch.columns[i].materialized
        case .literal(let v): return .constant(v, count: n)
        case .cast(let x, let t): return try Cast.vector(try evaluate(x, batch), from: x.type, to: t)
        case .compare(let op, let a, let b):
            return try compare(op, try evaluate(a, batch), try evaluate(b, batch), type: a.type == .null ? b.type : a.type, n)
        case .and(let a, let b):
            let x = try evaluate(a, batch)
            if case .constant(.boolean(false), _) = x { return x }
            return logic(x, try evaluate(b, batch), n, and: true)
        case .or(let a, let b):
            let x = try evaluate(a, batch)
            if case .constant(.boolean(true), _) = x { return x }
            return logic(x, try evaluate(b, batch), n, and: false)
        case .not(let a):
            let x = try evaluate(a, batch)
            if case .constant(let c, _) = x { return .constant(c.isNull ? .null : .boolean(c != .boolean(true)), count: n) }
            return .boolean(x.boolArray(n).map { $0.map { !$0 } })
        case .negate(let a):
            let x = try evaluate(a, batch)
            switch x {
            case .int64(let v): return .int64(v.map { $0.map { 0 &- $0 } })
            case .double(let v): return .double(v.map { $0.map { -$0 } })
            case .decimal(let v, let s): return .decimal(v.map { $0.map { -$0 } }, scale: s)
            default: return try rowWise(n, e.type) { i throws(QueryError) in try Cast.value(negated(x[i]), to: e.type) }
            }
        case .isNull(let a, let negated):
            let x = try evaluate(a, batch)
            if case .constant(let c, _) = x { return .constant(.boolean(c.isNull != negated), count: n) }
            var out = [Bool?](repeating: false, count: n)
            for i in 0..<n { out[i] = x.isNull(i) != negated }
            return .boolean(out)
        case .inList(let a, let items, let negated):
            let r = try inList(try evaluate(a, batch), items, batch, a.type)
            return negated ? .boolean(r.boolArray(n).map { $0.map { !$0 } }) : r
        case .like(let a, let p, let negated, let ci):
            let x = try evaluate(a, batch)
            let pat = try evaluate(p, batch)
            let strings = x.stringLane
            if case .constant(let pv, _) = pat {
                guard case .string(let ps) = pv else { return .constant(.null, count: n) }
                let matcher = LikePattern(ps, caseInsensitive: ci)
                return .boolean(map2(strings, Lane<Bool>.scalar(true), n) { s, _ in matcher.matches(ci ? s.lowercased() : s) != negated })
            }
            return .boolean(map2(strings, pat.stringLane, n) { s, ps in
                LikePattern(ps, caseInsensitive: ci).matches(ci ? s.lowercased() : s) != negated
            })
        case .concat(let a, let b):
            return .string(map2(try evaluate(a, batch).stringLane, try evaluate(b, batch).stringLane, n) { $0 + $1 })
        case .arithmetic(let op, let a, let b):
            return try arithmetic(op, try evaluate(a, batch), try evaluate(b, batch), a.type, b.type, e.type, n)
        case .function(let f, let args):
            var vs: [Vector] = []
            for a in args { vs.append(try evaluate(a, batch)) }
            return try rowWise(n, e.type) { i throws(QueryError) in try Functions.call(f, vs.map { $0[i] }) }
        }
    }

    private static func negated(_ v: QueryValue) -> QueryValue {
        switch v {
        case .int64(let x): .int64(0 &- x)
        case .double(let x): .double(-x)
        case .decimal(let x, let s): .decimal(-x, scale: s)
        default: .null
        }
    }

    /// Slow path: one boxed value per row.
    static func rowWise(_ n: Int, _ type: QueryType, _ f: (Int) throws(QueryError) -> QueryValue) throws(QueryError) -> Vector {
        var out: [QueryValue] = []
        out.reserveCapacity(n)
        for i in 0..<n { out.append(try f(i)) }
        return Vector.build(out, type: type)
    }

    // MARK: Comparison

    private static func compare(_ op: String, _ a: Vector, _ b: Vector, type: QueryType, _ n: Int) throws(QueryError) -> Vector {
        if case .constant(let x, _) = a, case .constant(let y, _) = b {
            if x.isNull || y.isNull { return .constant(.null, count: n) }
            return .constant(.boolean(test(op, QueryValue.order(x, y))), count: n)
        }
        switch type {
        case .int64, .timestamp: return .boolean(cmp(op, a.int64Lane, b.int64Lane, n))
        case .double: return .boolean(cmp(op, a.doubleLane, b.doubleLane, n))
        case .decimal(_, let s): return .boolean(cmp(op, a.decimalLane(scale: s), b.decimalLane(scale: s), n))
        case .string: return .boolean(cmp(op, a.stringLane, b.stringLane, n))
        case .date: return .boolean(cmp(op, a.dateLane, b.dateLane, n))
        default:
            var out = [Bool?](repeating: nil, count: n)
            for i in 0..<n {
                let x = a[i], y = b[i]
                if !x.isNull, !y.isNull { out[i] = test(op, QueryValue.order(x, y)) }
            }
            return .boolean(out)
        }
    }

    @inline(__always) static func test(_ op: String, _ c: Int) -> Bool {
        switch op {
        case "=": c == 0
        case "<>": c != 0
        case "<": c < 0
        case "<=": c <= 0
        case ">": c > 0
        default: c >= 0
        }
    }

    private static func cmp<T: Comparable>(_ op: String, _ a: Lane<T>, _ b: Lane<T>, _ n: Int) -> [Bool?] {
        switch op {
        case "=": map2(a, b, n) { $0 == $1 }
        case "<>": map2(a, b, n) { $0 != $1 }
        case "<": map2(a, b, n) { $0 < $1 }
        case "<=": map2(a, b, n) { $0 <= $1 }
        case ">": map2(a, b, n) { $0 > $1 }
        default: map2(a, b, n) { $0 >= $1 }
        }
    }

    // MARK: Logic

    private static func logic(_ a: Vector, _ b: Vector, _ n: Int, and: Bool) -> Vector {
        let x = a.boolArray(n), y = b.boolArray(n)
        var out = [Bool?](repeating: nil, count: n)
        for i in 0..<n {
            let p = x[i], q = y[i]
            if and {
                out[i] = p == false || q == false ? false : (p == nil || q == nil ? nil : true)
            } else {
                out[i] = p == true || q == true ? true : (p == nil || q == nil ? nil : false)
            }
        }
        return .boolean(out)
    }

    private static func inList(_ x: Vector, _ items: [BoundExpr], _ batch: Batch, _ type: QueryType) throws(QueryError) -> Vector {
        let n = batch.count
        var literals: [QueryValue] = []
        for item in items {
            guard case .literal(let v) = item.kind else { literals = []; break }
            literals.append(v)
        }
        if literals.count == items.count {
            let hasNull = literals.contains(.null)
            let miss: Bool? = hasNull ? nil : false
            switch x {
            case .string(let v):
                let set = Set(literals.compactMap { if case .string(let s) = $0 { s } else { nil } })
                return .boolean(v.map { $0.map { set.contains($0) ? true : miss } ?? nil })
            case .int64(let v):
                let set = Set(literals.compactMap { if case .int64(let s) = $0 { s } else { nil } })
                return .boolean(v.map { $0.map { set.contains($0) ? true : miss } ?? nil })
            default:
                let set = Set(literals)
                var out = [Bool?](repeating: nil, count: n)
                for i in 0..<n {
                    let v = x[i]
                    if !v.isNull { out[i] = set.contains(v) ? true : miss }
                }
                return .boolean(out)
            }
        }
        var result: Vector = .constant(.boolean(false), count: n)
        for item in items {
            let eq = try compare("=", x, try evaluate(item, batch), type: type, n)
            result = logic(result, eq, n, and: false)
        }
        return result
    }

    // MARK: Arithmetic

    private static func arithmetic(
        _ op: String, _ a: Vector, _ b: Vector, _ ta: QueryType, _ tb: QueryType, _ type: QueryType, _ n: Int
    ) throws(QueryError) -> Vector {
        switch type {
        case .double:
            let x = a.doubleLane, y = b.doubleLane
            switch op {
            case "+": return .double(map2(x, y, n) { $0 + $1 })
            case "-": return .double(map2(x, y, n) { $0 - $1 })
            case "*": return .double(map2(x, y, n) { $0 * $1 })
            case "/": return .double(map2(x, y, n) { $0 / $1 })
            default: return .double(map2(x, y, n) { $1 == 0 ? nil : $0.truncatingRemainder(dividingBy: $1) })
            }
        case .int64:
            let x = a.int64Lane, y = b.int64Lane
            var overflow = false
            let out: [Int64?]
            switch op {
            case "+": out = map2(x, y, n) { let r = $0.addingReportingOverflow($1); overflow = overflow || r.overflow; return r.partialValue }
            case "-": out = map2(x, y, n) { let r = $0.subtractingReportingOverflow($1); overflow = overflow || r.overflow; return r.partialValue }
            case "*": out = map2(x, y, n) { let r = $0.multipliedReportingOverflow(by: $1); overflow = overflow || r.overflow; return r.partialValue }
            default: out = map2(x, y, n) { $1 == 0 ? nil : $0.remainderReportingOverflow(dividingBy: $1).partialValue }
            }
            if overflow { throw .runtime("BIGINT overflow in \(op)") }
            return .int64(out)
        case .decimal(_, let s):
            if op == "*" {
                let x = a.decimalLane(scale: ta.scale), y = b.decimalLane(scale: tb.scale)
                var overflow = false
                let out = map2(x, y, n) { let r = $0.multipliedReportingOverflow(by: $1); overflow = overflow || r.overflow; return r.partialValue }
                if overflow { throw .runtime("DECIMAL overflow in *") }
                return .decimal(out, scale: s)
            }
            let x = a.decimalLane(scale: s), y = b.decimalLane(scale: s)
            return .decimal(op == "+" ? map2(x, y, n) { $0 &+ $1 } : map2(x, y, n) { $0 &- $1 }, scale: s)
        default:
            return .constant(.null, count: n)
        }
    }
}

extension Vector {
    /// Booleans (constants expanded).
    func boolArray(_ n: Int) -> [Bool?] {
        switch self {
        case .boolean(let v): v
        case .constant(.boolean(let b), _): [Bool?](repeating: b, count: n)
        default: [Bool?](repeating: nil, count: n)
        }
    }
}
