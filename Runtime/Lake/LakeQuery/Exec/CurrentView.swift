/// Merge-on-read of a change log: per key, the row with the greatest `_seq`; keys whose winning row is a
/// `REMOVE` are dropped. Equal `_seq` values keep the row read last (file order, then row order).
struct CurrentView {
    let keySlots: [Int]
    let seqSlot: Int
    let opSlot: Int

    private struct Winner {
        var seq: Int128
        var batch: Int32
        var row: Int32
    }

    /// The current rows of `batches` as one batch over the same schema.
    func merge(_ batches: [Batch], schema: QuerySchema) throws(QueryError) -> Batch {
        var single: [String?: Winner] = [:]
        var generic: [[QueryValue]: Winner] = [:]
        // String keys (one or several) hash as one string; other key types as boxed values.
        let singleString = keySlots.allSatisfy { schema.columns[$0].type == .string }
        for (b, batch) in batches.enumerated() {
            let seqs = try sequence(batch.columns[seqSlot])
            let lanes = keySlots.map { batch.columns[$0].stringLane }
            for r in 0..<batch.count {
                guard let seq = seqs[r] else { continue }
                let w = Winner(seq: seq, batch: Int32(b), row: Int32(r))
                if singleString {
                    var k: String? = lanes[0][r]
                    for lane in lanes.dropFirst() {
                        // Unit separator + a null marker keep ("a", "b|c") and ("a|b", "c") apart.
                        k = (k ?? "\u{0}") + "\u{1F}" + (lane[r] ?? "\u{0}")
                    }
                    if let old = single[k], old.seq > seq { continue }
                    single[k] = w
                } else {
                    let k = keySlots.map { batch.columns[$0][r] }
                    if let old = generic[k], old.seq > seq { continue }
                    generic[k] = w
                }
            }
        }
        var rowsByBatch = [[Int]](repeating: [], count: batches.count)
        for w in singleString ? Array(single.values) : Array(generic.values) {
            let op = batches[Int(w.batch)].columns[opSlot][Int(w.row)]
            if case .string(let s) = op, s.uppercased() == "REMOVE" { continue }
            rowsByBatch[Int(w.batch)].append(Int(w.row))
        }
        var parts: [[Vector]] = Array(repeating: [], count: schema.columns.count)
        var total = 0
        for (b, rows) in rowsByBatch.enumerated() where !rows.isEmpty {
            let sorted = rows.sorted()
            total += sorted.count
            for c in schema.columns.indices { parts[c].append(batches[b].columns[c].gather(sorted)) }
        }
        let columns = schema.columns.indices.map { c in
            parts[c].isEmpty ? Vector.constant(.null, count: 0) : Vector.concat(parts[c], type: schema.columns[c].type)
        }
        return Batch(columns: columns, count: total)
    }

    /// `_seq` as 128-bit integers (DECIMAL(38,0) normally; BIGINT and other decimals accepted).
    private func sequence(_ v: Vector) throws(QueryError) -> [Int128?] {
        switch v {
        case .decimal(let a, let s): return s == 0 ? a : a.map { $0.map { Decimal128.rescale($0, from: s, to: 0) } }
        case .int64(let a): return a.map { $0.map { Int128($0) } }
        case .string(let a): return a.map { $0.flatMap { Int128($0, radix: 10) } }
        case .constant(.null, let n): return [Int128?](repeating: nil, count: n)
        default: throw .runtime("_seq must be a DECIMAL or BIGINT column")
        }
    }
}
