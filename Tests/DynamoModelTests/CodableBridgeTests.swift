import Testing
@testable import DynamoModel

@Suite struct CodableBridgeTests {
    struct Address: Codable, Equatable {
        var street: String
        var zip: Int
    }

    struct Order: Codable, Equatable {
        enum Kind: String, Codable { case retail, wholesale }
        var pk: String
        var count: Int
        var price: Double
        var paid: Bool
        var note: String?
        var tags: Set<String>
        var scores: Set<Int>
        var lines: [String]
        var payload: [UInt8]
        var address: Address
        var history: [Address]
        var kind: Kind
        var exact: DynamoNumber
        var extra: [String: Int]
        var big: UInt64
    }

    static let order = Order(
        pk: "order#1", count: 3, price: 9.95, paid: true, note: nil, tags: ["x", "y"], scores: [3, 1],
        lines: ["a", "b"], payload: [0, 1, 255], address: Address(street: "Main", zip: 12345),
        history: [Address(street: "Old", zip: 1)], kind: .wholesale, exact: try! DynamoNumber(parsing: "1.10"),
        extra: ["k": 7], big: UInt64.max)

    @Test func encodesToDynamoTypes() throws {
        let item = try ItemEncoder().encode(Self.order)
        #expect(item["pk"] == .s("order#1"))
        #expect(item["count"] == .n("3"))
        #expect(item["price"] == .n("9.95"))
        #expect(item["paid"] == .bool(true))
        #expect(item["note"] == nil)
        #expect(item["tags"] == .ss(["x", "y"]))
        #expect(item["scores"] == .ns(["1", "3"]))
        #expect(item["lines"] == .l([.s("a"), .s("b")]))
        #expect(item["payload"] == .b([0, 1, 255]))
        #expect(item["address"] == .m(["street": .s("Main"), "zip": .n("12345")]))
        #expect(item["history"] == .l([.m(["street": .s("Old"), "zip": .n("1")])]))
        #expect(item["kind"] == .s("wholesale"))
        #expect(item["exact"] == .n("1.1"))
        #expect(item["extra"] == .m(["k": .n("7")]))
        #expect(item["big"] == .n("18446744073709551615"))
        try ItemSize.validate(item)
    }

    @Test func roundTrips() throws {
        let item = try ItemEncoder().encode(Self.order)
        let back = try ItemDecoder().decode(Order.self, from: item)
        #expect(back == Self.order)
        var withNote = Self.order
        withNote.note = "hi"
        #expect(try ItemDecoder().decode(Order.self, from: ItemEncoder().encode(withNote)) == withNote)
    }

    @Test func decodesDynamoForms() throws {
        struct Loose: Codable, Equatable {
            var n: Int
            var d: Double
            var opt: String?
            var nums: [Int]
            var set: Set<String>
            var raw: AttributeValue
        }
        let item: Item = [
            "n": .n("1E+3"), "d": .n("-0.25"), "opt": .null, "nums": .ns(["1", "2"]), "set": .ss(["q"]), "raw": .bool(false),
        ]
        #expect(try ItemDecoder().decode(Loose.self, from: item)
            == Loose(n: 1000, d: -0.25, opt: nil, nums: [1, 2], set: ["q"], raw: .bool(false)))
    }

    @Test func errors() {
        struct Bad: Codable { var d: Double }
        #expect(throws: EncodingError.self) { try ItemEncoder().encode(Bad(d: .nan)) }
        #expect(throws: EncodingError.self) { try ItemEncoder().encode([1, 2]) }
        #expect(throws: DecodingError.self) { try ItemDecoder().decode(Bad.self, from: ["d": .s("x")]) }
        #expect(throws: DecodingError.self) { try ItemDecoder().decode(Bad.self, from: [:]) }
        struct Small: Codable { var v: UInt8 }
        #expect(throws: DecodingError.self) { try ItemDecoder().decode(Small.self, from: ["v": .n("300")]) }
    }

    @Test func emptySetIsOmitted() throws {
        struct S: Codable { var tags: Set<String> }
        #expect(try ItemEncoder().encode(S(tags: [])) == [:])
    }
}
