import DynamoAPI
import DynamoModel
import SluiceJSON
import Testing
@testable import TableEngine

/// ``ItemCodec``'s JSON straight from stored bytes against the decoded item's `appendJSON`.
@Suite struct StoredItemJSONTests {
    /// One value of every kind, with escaping, unicode, binary and nesting.
    static let values: [AttributeValue] = [
        .s(""), .s("plain"), .s("quote \" backslash \\ slash / tab \t newline \n nul \u{0} bell \u{7} del \u{7F}"),
        .s("ünïcödé ✓ 𝄞 日本語 \u{2028}"), .s("\r\u{8}\u{C}\u{1F}\u{1B}[0m\\\""), .s(String(repeating: "long \\ \"x\" ", count: 200)), .n("0"), .n("-12.5E+3"), .n("12345678901234567890.123"),
        .b([]), .b([0, 1, 2, 250, 255]), .b(Array("hello world!?".utf8)), .b((0..<256).map { UInt8($0) }), .bool(true), .bool(false), .null,
        .m([:]), .m(["a": .s("x")]), .m(["nested": .m(["deeper": .l([.n("1"), .m(["k": .ss(["v"])])])])]),
        .l([]), .l([.s("a"), .n("1"), .bool(false), .null, .b([9]), .l([.l([])])]),
        .ss(["a", "b \"q\"", "ü"]), .ns(["1", "-2.5", "3e10"]), .bs([[1], [], [255, 254, 253]]),
    ]

    static func stored(_ item: Item) -> [UInt8] { ItemCodec.encode(item) }

    static func transcoded(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        let ok = bytes.withUnsafeBytes { ItemCodec.appendJSON($0, to: &out) }
        return ok ? out : nil
    }

    @Test(arguments: values)
    func oneAttributeItemIsByteForByteTheDecodedPath(_ value: AttributeValue) throws {
        // With one attribute per object there is only one member order, so the bytes must be equal.
        let item: Item = ["attr \"ü\"": value]
        let bytes = Self.stored(item)
        var expected: [UInt8] = []
        ItemCodec.decode(bytes)!.appendJSON(to: &expected)
        #expect(Self.transcoded(bytes) == expected)
    }

    @Test func manyAttributesReadBackAsTheSameItem() throws {
        var item: Item = [:]
        for (index, value) in Self.values.enumerated() { item["a\(index)"] = value }
        item["all"] = .m(item)
        item["list"] = .l(Self.values)
        let json = try #require(Self.transcoded(Self.stored(item)))
        let parsed = try SluiceJSONDecoder().decode(Item.self, from: json)
        #expect(parsed == ItemCodec.decode(Self.stored(item)))
        #expect(parsed == item)
    }

    @Test func oneScratchBufferServesItemsOfEverySize() throws {
        let items: [Item] = [["big": .s(String(repeating: "x", count: 5000))], [:], ["v": .b([1, 2])], ["l": .l(Self.values)]]
        var together: [UInt8] = []
        var scratch: [UInt8] = []
        var separately: [UInt8] = []
        for item in items {
            let bytes = Self.stored(item)
            #expect(bytes.withUnsafeBytes { ItemCodec.appendJSON($0, to: &together, scratch: &scratch) })
            separately += try #require(Self.transcoded(bytes))
        }
        #expect(together == separately)
        let corrupt = Array(Self.stored(["k": .s("v")]).dropLast())
        #expect(!corrupt.withUnsafeBytes { ItemCodec.appendJSON($0, to: &together, scratch: &scratch) })
        #expect(together == separately)  // unchanged by the failure
    }

    @Test func emptyItem() {
        #expect(Self.transcoded(Self.stored([:])) == Array("{}".utf8))
    }

    @Test func corruptBytesAreRejected() {
        let bytes = Self.stored(["pk": .s("x"), "m": .m(["a": .l([.n("1")])])])
        for cut in 0..<bytes.count {
            #expect(Self.transcoded(Array(bytes[..<cut])) == nil, "cut at \(cut)")
        }
        #expect(Self.transcoded([1, 1, 1, 99]) == nil)  // unknown tag
    }

    @Test func attributesPicksOnlyTheNamedValues() throws {
        let item: Item = ["pk": .s("p"), "sk": .n("7"), "skip": .m(["x": .l([.ss(["a"]), .bs([[1]])])]), "b": .b([1])]
        let bytes = Self.stored(item)
        let names = ["sk", "missing", "pk", "b", "pk"].map { Array($0.utf8) }
        let values = try #require(bytes.withUnsafeBytes { ItemCodec.attributes(names, of: $0) })
        #expect(values == [.n("7"), nil, .s("p"), .b([1]), .s("p")])
        #expect(Array(bytes.dropLast()).withUnsafeBytes { ItemCodec.attributes(names, of: $0) } == nil)
        let empty = Self.stored(["": .s("e"), "k": .n("1")])
        #expect(empty.withUnsafeBytes { ItemCodec.attributes([[], Array("k".utf8)], of: $0) } == [.s("e"), .n("1")])
    }
}
