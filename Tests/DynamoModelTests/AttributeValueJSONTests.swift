import Foundation
import SluiceJSON
import Testing
@testable import DynamoModel

/// The direct JSONValue path of attribute values and items agrees with their Codable path (run here by
/// Foundation's coders, which know nothing of it), and malformed values still get the Codable errors.
@Suite struct AttributeValueJSONTests {
    static let item: Item = [
        "PK": .s("USER#u1"), "n": .n("-12.50"), "b": .b([0, 1, 2, 255]), "yes": .bool(true), "nothing": .null,
        "m": .m(["inner": .l([.s("x"), .n("1"), .m([:])]), "tags": .ss(["a", "b"])]), "ns": .ns(["1", "2.5"]),
        "bs": .bs([[1], [2, 3]]), "empty": .l([]),
    ]

    @Test func directPathMatchesCodable() throws {
        let codable = try JSONValue(parsing: Array(try JSONEncoder().encode(Self.item)))
        #expect(Self.item.jsonValue.objectValue.map(Self.sorted) == codable.objectValue.map(Self.sorted))
        let direct = try SluiceJSONEncoder().encode(Self.item)
        #expect(try JSONDecoder().decode(Item.self, from: Data(direct)) == Self.item)
        #expect(try SluiceJSONDecoder().decode(Item.self, from: Array(try JSONEncoder().encode(Self.item))) == Self.item)
        #expect(Item(jsonValue: codable) == Self.item)
    }

    @Test(arguments: [#"{"S":1}"#, #"{"NULL":false}"#, #"{"S":"a","N":"1"}"#, #"{}"#, #"{"X":"1"}"#, #"{"B":"%%%"}"#, #"{"M":{"a":{"N":2}}}"#])
    func malformedValuesKeepTheCodableErrors(text: String) throws {
        #expect(AttributeValue(jsonValue: try JSONValue(parsing: text)) == nil)
        #expect(throws: DecodingError.self) { try SluiceJSONDecoder().decode(AttributeValue.self, from: text) }
    }

    /// An object's members by key, nested objects included (dictionary order is not part of the format).
    static func sorted(_ object: JSONObject) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in object {
            result[key] = value.objectValue.map { "\(sorted($0).sorted { $0.key < $1.key })" } ?? value.jsonString(formatting: [])
        }
        return result
    }
}
