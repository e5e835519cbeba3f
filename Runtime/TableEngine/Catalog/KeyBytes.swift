import DynamoModel

/// Order-preserving storage keys of items and index entries, and the range bounds of queries.
///
/// A table row's key is `component(partition) + component(sort)`; an index entry's key is
/// `component(index partition) + component(index sort) + table key`, so entries are unique and
/// pagination within an index is exact. Components come from `KeyEncoding.encodeComponent`
/// (self-delimiting, ending in `00 01`).
enum KeyBytes {
    static func component(_ value: AttributeValue) -> [UInt8] {
        KeyEncoding.encodeComponent(value) ?? []
    }

    /// The storage key of `item` under `schema`; `nil` if a key attribute is missing or mistyped (sparse index).
    static func key(of item: Item, schema: KeySchema) -> [UInt8]? {
        guard let pk = item[schema.partitionKey.name], pk.typeDescriptor == schema.partitionKey.type.rawValue,
            KeyEncoding.encode(pk).map({ !$0.isEmpty }) ?? false
        else { return nil }
        var out = component(pk)
        if let sort = schema.sortKey {
            guard let sk = item[sort.name], sk.typeDescriptor == sort.type.rawValue,
                KeyEncoding.encode(sk).map({ !$0.isEmpty }) ?? false
            else { return nil }
            out += component(sk)
        }
        return out
    }

    /// The smallest byte string greater than every string that starts with `prefix`.
    static func successor(ofPrefix prefix: [UInt8]) -> [UInt8]? {
        var out = prefix
        while let last = out.last {
            if last == 0xFF {
                out.removeLast()
            } else {
                out[out.count - 1] = last + 1
                return out
            }
        }
        return nil
    }

    /// Escaped bytes of a `begins_with` prefix (the component encoding without its terminator).
    static func escapedPrefix(_ value: AttributeValue) -> [UInt8] {
        let full = component(value)
        return Array(full.dropLast(2))
    }

    /// A 32-bit FNV-1a hash (stable across runs): scan segments and stream shards.
    static func hash(_ bytes: [UInt8]) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in bytes {
            h ^= UInt32(b)
            h = h &* 16_777_619
        }
        // final avalanche so neighbouring keys spread over segments
        h ^= h >> 16
        h = h &* 0x85EB_CA6B
        h ^= h >> 13
        return h
    }
}

/// Inclusive lower / exclusive upper bounds of a key range.
struct KeyRange {
    var lower: [UInt8]?
    var upper: [UInt8]?

    /// The range of `partition`'s items under `condition` (a table's or an index's sort key condition).
    init(partition: AttributeValue, condition: KeyConditionExpression.SortKeyCondition?) {
        let p = KeyBytes.component(partition)
        func x(_ v: AttributeValue) -> [UInt8] { p + KeyBytes.component(v) }
        func after(_ v: AttributeValue) -> [UInt8] { KeyBytes.successor(ofPrefix: x(v)) ?? [] }
        let end = KeyBytes.successor(ofPrefix: p)
        switch condition {
        case nil: (lower, upper) = (p, end)
        case .equal(let v)?: (lower, upper) = (x(v), after(v))
        case .less(let v)?: (lower, upper) = (p, x(v))
        case .lessOrEqual(let v)?: (lower, upper) = (p, after(v))
        case .greater(let v)?: (lower, upper) = (after(v), end)
        case .greaterOrEqual(let v)?: (lower, upper) = (x(v), end)
        case .between(let a, let b)?: (lower, upper) = (x(a), after(b))
        case .beginsWith(let v)?:
            let start = p + KeyBytes.escapedPrefix(v)
            (lower, upper) = (start, KeyBytes.successor(ofPrefix: start))
        }
    }
}
