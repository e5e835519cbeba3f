/// Builds a dictionary (distinct values in first-seen order) and the index of every value.
enum DictionaryBuilder {
    /// The dictionary and indices, or `nil` when the dictionary's PLAIN size would pass `maxBytes`
    /// (the writer then falls back to PLAIN) or the type has no dictionary encoding (BOOLEAN).
    static func build(_ values: PhysicalValues, maxBytes: Int) -> (dictionary: PhysicalValues, indices: [UInt32])? {
        switch values {
        case .boolean:
            return nil
        case .int32(let v):
            return build(v, maxBytes: maxBytes) { _ in 4 }.map { (.int32($0), $1) }
        case .int64(let v):
            return build(v, maxBytes: maxBytes) { _ in 8 }.map { (.int64($0), $1) }
        case .float(let v):
            // Bit patterns keep NaN and -0.0 distinct and exact.
            return build(v.map(\.bitPattern), maxBytes: maxBytes) { _ in 4 }
                .map { (.float($0.map(Float.init(bitPattern:))), $1) }
        case .double(let v):
            return build(v.map(\.bitPattern), maxBytes: maxBytes) { _ in 8 }
                .map { (.double($0.map(Double.init(bitPattern:))), $1) }
        case .bytes(let v):
            return build(v, maxBytes: maxBytes) { 4 + $0.count }.map { (.bytes($0), $1) }
        case .fixed(let v, let w):
            return build(v, maxBytes: maxBytes) { _ in w }.map { (.fixed($0, width: w), $1) }
        }
    }

    private static func build<T: Hashable>(
        _ values: [T], maxBytes: Int, size: (T) -> Int
    ) -> ([T], [UInt32])? {
        var positions: [T: UInt32] = [:]
        var dictionary: [T] = []
        var indices: [UInt32] = []
        indices.reserveCapacity(values.count)
        var bytes = 0
        for v in values {
            if let i = positions[v] {
                indices.append(i)
            } else {
                bytes += size(v)
                if bytes > maxBytes { return nil }
                let i = UInt32(dictionary.count)
                positions[v] = i
                dictionary.append(v)
                indices.append(i)
            }
        }
        return (dictionary, indices)
    }
}
