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
        var out: [UInt8] = []
        out.reserveCapacity(256 + (items?.count ?? 0) * 256)
        var members = WireJSONMembers()
        out.append(UInt8(ascii: "{"))
        if let items {
            members.key("Items", to: &out)
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.appendJSON(to: &out)
            }
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
        var out: [UInt8] = []
        out.reserveCapacity(512)
        var members = WireJSONMembers()
        out.append(UInt8(ascii: "{"))
        if let item {
            members.key("Item", to: &out)
            item.appendJSON(to: &out)
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
