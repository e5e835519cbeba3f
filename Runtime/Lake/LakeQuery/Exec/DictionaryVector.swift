/// A string column kept as read from a dictionary-encoded Parquet chunk: the distinct strings once,
/// and one code per row (`nullCode` for NULL). Filters and GROUP BY work on the codes; other
/// expressions see it materialized as `.string` (see `Evaluator`).
struct DictionaryVector: Sendable {
    /// The dictionary (may repeat a value if the file's writer did).
    var values: [String]
    /// One per row: an index into `values`, or `nullCode`.
    var codes: [UInt32]

    var nullCode: UInt32 { UInt32(values.count) }
    var count: Int { codes.count }

    /// One optional string per row.
    var strings: [String?] {
        let n = nullCode
        let values = self.values
        return codes.map { $0 == n ? nil : values[Int($0)] }
    }

    subscript(row: Int) -> String? {
        let c = codes[row]
        return c == nullCode ? nil : values[Int(c)]
    }

    /// The rows at `indices`, sharing the dictionary.
    func gather(_ indices: [Int]) -> DictionaryVector {
        DictionaryVector(values: values, codes: indices.map { codes[$0] })
    }

    /// For each code (null included, last), whether `predicate` holds for its string (false for NULL).
    func codeTable(_ predicate: (String) -> Bool) -> [Bool] {
        values.map(predicate) + [false]
    }
}
