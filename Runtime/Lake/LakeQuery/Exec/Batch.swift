/// Rows of a batch as one vector per schema slot (slots a query does not read are null constants).
struct Batch: Sendable {
    var columns: [Vector]
    var count: Int

    /// The rows at `indices`.
    func gather(_ indices: [Int]) -> Batch {
        Batch(columns: columns.map { $0.gather(indices) }, count: indices.count)
    }

    /// Indices of rows where `mask` is true (false and NULL drop the row).
    static func selection(_ mask: Vector) -> [Int] {
        switch mask {
        case .boolean(let v):
            var out: [Int] = []
            out.reserveCapacity(v.count / 4)
            for i in 0..<v.count where v[i] == true { out.append(i) }
            return out
        case .constant(.boolean(true), let n): return Array(0..<n)
        default: return []
        }
    }
}
