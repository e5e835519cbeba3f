import DynamoModel

/// Outputs a client reads straight from the response bytes with ``DynamoJSONScanner`` when they have the
/// plain form; nil sends the bytes through the general path (parser and decoder), which then reads or
/// rejects them with its own errors.
public protocol WireJSONDecodable: Decodable {
    init?(wireJSON bytes: [UInt8])
}

extension QueryOutput: WireJSONDecodable {
    public init?(wireJSON bytes: [UInt8]) {
        let output: QueryOutput? = bytes.withUnsafeBufferPointer { buffer in
            var scanner = DynamoJSONScanner(buffer)
            var items: [Item]?
            var count: Int?
            var scannedCount: Int?
            var lastEvaluatedKey: Item?
            var seen: Set<String> = []
            let read = scanner.object { scanner, key in
                guard seen.insert(key).inserted else { return false }  // repeated members: the general path
                switch key {
                case "Items":
                    if scanner.consumeNull() { return true }
                    var list: [Item] = []
                    guard scanner.array({ scanner in
                        guard let item = scanner.item() else { return false }
                        list.append(item)
                        return true
                    }) else { return false }
                    items = list
                case "Count": count = scanner.integer()
                case "ScannedCount": scannedCount = scanner.integer()
                case "LastEvaluatedKey":
                    if scanner.consumeNull() { return true }
                    guard let key = scanner.item() else { return false }
                    lastEvaluatedKey = key
                default: return false  // ConsumedCapacity or anything else: the general path
                }
                return (key != "Count" || count != nil) && (key != "ScannedCount" || scannedCount != nil)
            }
            guard read, scanner.isAtEnd(), let count, let scannedCount else { return nil }
            return QueryOutput(items: items, count: count, scannedCount: scannedCount, lastEvaluatedKey: lastEvaluatedKey)
        }
        guard let output else { return nil }
        self = output
    }
}

extension GetItemOutput: WireJSONDecodable {
    public init?(wireJSON bytes: [UInt8]) {
        let output: GetItemOutput? = bytes.withUnsafeBufferPointer { buffer in
            var scanner = DynamoJSONScanner(buffer)
            var item: Item?
            var seen = false
            let read = scanner.object { scanner, key in
                guard key == "Item", !seen else { return false }
                seen = true
                if scanner.consumeNull() { return true }
                item = scanner.item()
                return item != nil
            }
            guard read, scanner.isAtEnd() else { return nil }
            return GetItemOutput(item: item)
        }
        guard let output else { return nil }
        self = output
    }
}
