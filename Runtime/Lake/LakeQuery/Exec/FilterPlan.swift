/// A WHERE clause split into its top-level conjuncts, applied one after another to a narrowing
/// selection of rows. Simple conjuncts (`column op literal`, `column IN (literals)`) run as typed
/// kernels over the column — on dictionary codes for dictionary strings — and the others through
/// the `Evaluator` on the rows still selected. (A row is kept only when every conjunct is true,
/// so the order of evaluation does not change the result.)
struct FilterPlan {
    /// A conjunct with a typed kernel.
    enum Kernel {
        /// `column op 'literal'` on a string column.
        case string(slot: Int, op: String, value: String)
        /// `column IN ('a', 'b')` on a string column (literals non-null).
        case stringIn(slot: Int, values: Set<String>)
        /// `column op literal` on an int64/timestamp column (`value` in the column's unit) or a date column.
        case integer(slot: Int, op: String, value: Int64)
    }

    private(set) var kernels: [(Kernel, BoundExpr)] = []
    private(set) var rest: [BoundExpr] = []

    init(_ filter: BoundExpr) {
        for c in filter.conjuncts {
            if let k = Self.kernel(c) { kernels.append((k, c)) } else { rest.append(c) }
        }
    }

    private static let flipped = ["<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "<>": "<>"]

    private static func kernel(_ e: BoundExpr) -> Kernel? {
        switch e.kind {
        case .compare(let op, let a, let b):
            var slot: Int, value: QueryValue, op = op, type: QueryType
            if case .column(let s) = a.kind, case .literal(let v) = b.kind {
                slot = s; value = v; type = a.type
            } else if case .literal(let v) = a.kind, case .column(let s) = b.kind, let f = flipped[op] {
                slot = s; value = v; op = f; type = b.type
            } else { return nil }
            guard flipped[op] != nil else { return nil }
            switch (type, value) {
            case (.string, .string(let x)): return .string(slot: slot, op: op, value: x)
            case (.int64, .int64(let x)), (.timestamp, .timestamp(let x)): return .integer(slot: slot, op: op, value: x)
            case (.date, .date(let x)): return .integer(slot: slot, op: op, value: Int64(x))
            default: return nil
            }
        case .inList(let a, let items, false):
            guard case .column(let s) = a.kind, a.type == .string, !items.isEmpty else { return nil }
            var set = Set<String>()
            for i in items {
                guard case .literal(.string(let x)) = i.kind else { return nil }
                set.insert(x)
            }
            return .stringIn(slot: s, values: set)
        default: return nil
        }
    }

    /// The rows of `batch` that pass every conjunct (nil when none do).
    func apply(_ batch: Batch) throws(QueryError) -> Batch? {
        var selection: [Int]? = nil
        var leftover: [BoundExpr] = []
        for (k, e) in kernels {
            guard let s = Self.select(k, batch, selection) else { leftover.append(e); continue }
            if s.isEmpty { return nil }
            selection = s
        }
        var out = selection.map { $0.count == batch.count ? batch : batch.gather($0) } ?? batch
        for e in leftover + rest {
            let mask = try Evaluator.evaluate(e, out)
            if case .constant(.boolean(true), _) = mask { continue }
            let selected = Batch.selection(mask)
            if selected.isEmpty { return nil }
            if selected.count < out.count { out = out.gather(selected) }
        }
        return out
    }

    /// Rows of `selection` (all rows when nil) passing the kernel; nil when the column's vector has no kernel.
    private static func select(_ k: Kernel, _ batch: Batch, _ selection: [Int]?) -> [Int]? {
        switch k {
        case .string(let slot, let op, let value):
            switch batch.columns[slot] {
            case .dictionary(let d):
                let table = d.codeTable(stringTest(op, value))
                return filter(batch.count, selection) { table[Int(d.codes[$0])] }
            case .string(let v):
                let test = stringTest(op, value)
                return filter(batch.count, selection) { v[$0].map(test) ?? false }
            default: return nil
            }
        case .stringIn(let slot, let values):
            switch batch.columns[slot] {
            case .dictionary(let d):
                let table = d.codeTable { values.contains($0) }
                return filter(batch.count, selection) { table[Int(d.codes[$0])] }
            case .string(let v):
                return filter(batch.count, selection) { v[$0].map { values.contains($0) } ?? false }
            default: return nil
            }
        case .integer(let slot, let op, let value):
            switch batch.columns[slot] {
            case .int64(let v), .timestamp(let v): return integers(v, op, value, batch.count, selection)
            case .date(let v):
                guard let x = Int32(exactly: value) else { return nil }
                return integers(v, op, x, batch.count, selection)
            default: return nil
            }
        }
    }

    private static func stringTest(_ op: String, _ value: String) -> (String) -> Bool {
        switch op {
        case "=": { $0 == value }
        case "<>": { $0 != value }
        case "<": { $0 < value }
        case "<=": { $0 <= value }
        case ">": { $0 > value }
        default: { $0 >= value }
        }
    }

    private static func integers<T: FixedWidthInteger>(_ v: [T?], _ op: String, _ x: T, _ n: Int, _ selection: [Int]?) -> [Int] {
        switch op {
        case "=": filter(n, selection) { v[$0].map { $0 == x } ?? false }
        case "<>": filter(n, selection) { v[$0].map { $0 != x } ?? false }
        case "<": filter(n, selection) { v[$0].map { $0 < x } ?? false }
        case "<=": filter(n, selection) { v[$0].map { $0 <= x } ?? false }
        case ">": filter(n, selection) { v[$0].map { $0 > x } ?? false }
        default: filter(n, selection) { v[$0].map { $0 >= x } ?? false }
        }
    }

    @inline(__always)
    private static func filter(_ n: Int, _ selection: [Int]?, _ keep: (Int) -> Bool) -> [Int] {
        var out: [Int] = []
        if let selection {
            out.reserveCapacity(selection.count)
            for i in selection where keep(i) { out.append(i) }
        } else {
            out.reserveCapacity(n / 4)
            for i in 0..<n where keep(i) { out.append(i) }
        }
        return out
    }
}
