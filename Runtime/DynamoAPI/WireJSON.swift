import DynamoModel
import SluiceJSON

/// The outputs a table server sends most (GetItem, Query, Scan) written straight to JSON bytes, items and
/// all, without the Codable containers or a ``JSONValue`` tree. The bytes are exactly those
/// `SluiceJSONEncoder().encode(output)` writes: members in declaration order, `nil` members left out.
public protocol WireJSONEncodable: Encodable {
    /// The compact JSON of the value.
    func wireJSON() throws -> [UInt8]
}

extension QueryOutput: WireJSONEncodable {
    public func wireJSON() throws -> [UInt8] {
        var itemElements: [UInt8]?
        if let items {
            var out: [UInt8] = []
            out.reserveCapacity(items.count * 256)
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.appendJSON(to: &out)
            }
            itemElements = out
        }
        return try Self.wireJSON(
            itemElements: itemElements, count: count, scannedCount: scannedCount, lastEvaluatedKey: lastEvaluatedKey,
            consumedCapacity: consumedCapacity)
    }

    /// The compact JSON of an output whose items are already written: `itemElements` holds the items'
    /// DynamoDB JSON separated by commas (nil: no `Items` member). The bytes are those ``wireJSON()`` writes
    /// for the output with those items.
    public static func wireJSON(
        itemElements: [UInt8]?, count: Int, scannedCount: Int, lastEvaluatedKey: Item?, consumedCapacity: ConsumedCapacity?
    ) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + (itemElements?.count ?? 0))
        var members = WireJSONMembers()
        out.append(UInt8(ascii: "{"))
        if let itemElements {
            members.key("Items", to: &out)
            out.append(UInt8(ascii: "["))
            out.append(contentsOf: itemElements)
            out.append(UInt8(ascii: "]"))
        }
        members.key("Count", to: &out)
        out.append(contentsOf: String(count).utf8)
        members.key("ScannedCount", to: &out)
        out.append(contentsOf: String(scannedCount).utf8)
        if let lastEvaluatedKey {
            members.key("LastEvaluatedKey", to: &out)
            lastEvaluatedKey.appendJSON(to: &out)
        }
        if let consumedCapacity {
            members.key("ConsumedCapacity", to: &out)
            out.append(contentsOf: try SluiceJSONEncoder().encode(consumedCapacity))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

extension GetItemOutput: WireJSONEncodable {
    public func wireJSON() throws -> [UInt8] {
        var itemJSON: [UInt8]?
        if let item {
            var out: [UInt8] = []
            out.reserveCapacity(512)
            item.appendJSON(to: &out)
            itemJSON = out
        }
        return try Self.wireJSON(itemJSON: itemJSON, consumedCapacity: consumedCapacity)
    }

    /// The compact JSON of an output whose item is already written as DynamoDB JSON (nil: no `Item`
    /// member): the bytes ``wireJSON()`` writes for the output with that item.
    public static func wireJSON(itemJSON: [UInt8]?, consumedCapacity: ConsumedCapacity?) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + (itemJSON?.count ?? 0))
        var members = WireJSONMembers()
        out.append(UInt8(ascii: "{"))
        if let itemJSON {
            members.key("Item", to: &out)
            out.append(contentsOf: itemJSON)
        }
        if let consumedCapacity {
            members.key("ConsumedCapacity", to: &out)
            out.append(contentsOf: try SluiceJSONEncoder().encode(consumedCapacity))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

/// Writes the commas and keys of one JSON object's members.
struct WireJSONMembers {
    private var first = true

    mutating func key(_ name: String, to out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: "\":".utf8)
    }
}
