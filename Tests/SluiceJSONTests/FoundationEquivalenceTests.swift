import Foundation
import Testing

@testable import SluiceJSON

struct Item: Codable, Equatable {
    var id: Int
    var name: String
    var price: Double
    var quantity: UInt32
    var active: Bool
    var tags: [String]
    var rating: Float?
    var owner: Owner

    struct Owner: Codable, Equatable {
        var login: String
        var id: Int64
    }

    static func sample(_ i: Int) -> Item {
        Item(
            id: i, name: "item \(i) \"quoted\" ünïcode 😀", price: Double(i) * 1.25 + 0.1, quantity: UInt32(i % 1000),
            active: i % 2 == 0, tags: ["a", "tag-\(i)", "c/d"], rating: i % 3 == 0 ? nil : Float(i) / 7,
            owner: Owner(login: "user\(i)", id: Int64(i) * 1_000_003))
    }
}

struct Everything: Codable, Equatable {
    var ints: [Int]
    var doubles: [Double]
    var strings: [String]
    var optionals: [Int?]
    var dict: [String: [Int]]
    var intDict: [Int: Bool]
    var nested: [[String: Double]]
    var empty: [String]
    var maybe: String?
}

/// JSON inputs both decoders must agree on (decoded into `Everything`).
let corpus: [String] = [
    #"{"ints":[0,-1,9223372036854775807,-9223372036854775808,1e3],"doubles":[0.1,1e308,5e-324,-0.0,1.7976931348623157e308,2.5E-3],"strings":["","\u00e9\ud83d\ude00","\/\"\\\b\f\n\r\t","日本"],"optionals":[null,1,null],"dict":{"a":[1],"b":[]},"intDict":{"1":true,"-2":false},"nested":[{"x":1.5},{}],"empty":[],"maybe":null}"#,
    #"  {"maybe":"here","empty":[],"nested":[],"intDict":{},"dict":{},"optionals":[],"strings":["a"],"doubles":[1],"ints":[1]}  "#,
    #"{"ints":[],"doubles":[123456789012345678901234567890,0.30000000000000004],"strings":[" \u0000 "],"optionals":[2],"dict":{"":[0]},"intDict":{"0":true},"nested":[{"k":-1e-10}],"empty":[],"extra":{"ignored":[1,2,3]}}"#,
    #"{"ints":[1,2,3],"doubles":[1E+2,1e-2],"strings":["dup"],"optionals":[],"dict":{"k":[1],"j":[2]},"intDict":{},"nested":[],"empty":[]}"#,
]

@Suite struct FoundationEquivalenceTests {
    @Test(arguments: corpus)
    func sameAsFoundationDecoder(_ json: String) throws {
        let ours = try SluiceJSONDecoder().decode(Everything.self, from: json)
        let theirs = try JSONDecoder().decode(Everything.self, from: Data(json.utf8))
        #expect(ours == theirs)
    }

    @Test func encodersAgree() throws {
        let items = (0..<50).map(Item.sample)
        let ours = try SluiceJSONEncoder().encode(items)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let theirs = try encoder.encode(items)
        // Same values both ways.
        #expect(try JSONDecoder().decode([Item].self, from: Data(ours)) == items)
        #expect(try SluiceJSONDecoder().decode([Item].self, from: [UInt8](theirs)) == items)
        // Same text once keys are sorted (Foundation's key order is not declaration order on every platform).
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        var sluice = SluiceJSONEncoder()
        sluice.outputFormatting = .sortedKeys
        #expect(try sluice.encodeToString(items) == String(decoding: try encoder.encode(items), as: UTF8.self))
    }

    @Test func bothRejectMalformed() {
        for json in ["[1,]", "{\"a\":01}", "[\"\\uZZZZ\"]", "[NaN]", "{'a':1}"] {
            #expect(throws: DecodingError.self) { try SluiceJSONDecoder().decode([String: Int].self, from: json) }
            #expect(throws: (any Error).self) { try JSONDecoder().decode([String: Int].self, from: Data(json.utf8)) }
        }
    }

    @Test func jsonValueThroughFoundationCoders() throws {
        let value: JSONValue = ["a": [1, 2.5, "x", nil, true], "b": ["c": -7]]
        let data = try JSONEncoder().encode(value)
        let back = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(back["a"] == [1, 2.5, "x", nil, true])
        #expect(back["b"]?["c"]?.intValue == -7)
    }
}

@Suite struct Benchmark {
    @Test func encodeDecodeVersusFoundation() throws {
        let items = (0..<1000).map(Item.sample)
        let rounds = 20
        let clock = ContinuousClock()
        func measure(_ body: () throws -> Void) rethrows -> Duration {
            try body()  // warm up
            var best = Duration.seconds(1000)
            for _ in 0..<rounds { best = min(best, try clock.measure(body)) }
            return best
        }
        let sluiceEncoder = SluiceJSONEncoder()
        let sluiceDecoder = SluiceJSONDecoder()
        let foundationEncoder = JSONEncoder()
        let foundationDecoder = JSONDecoder()
        let bytes = try sluiceEncoder.encode(items)
        let data = Data(bytes)

        let sluiceEncode = try measure { _ = try sluiceEncoder.encode(items) }
        let foundationEncode = try measure { _ = try foundationEncoder.encode(items) }
        let sluiceDecode = try measure { _ = try sluiceDecoder.decode([Item].self, from: bytes) }
        let foundationDecode = try measure { _ = try foundationDecoder.decode([Item].self, from: data) }
        let parseOnly = try measure { _ = try JSONValue(parsing: bytes) }
        print(
            """
            SluiceJSON benchmark (1,000 × 8-field struct, \(bytes.count) bytes, best of \(rounds); SluiceJSON is only \
            optimized under -c release, Foundation always is — Benchmarks/JSONBench/run.sh measures -O):
              encode  SluiceJSON \(sluiceEncode)  Foundation \(foundationEncode)
              decode  SluiceJSON \(sluiceDecode)  Foundation \(foundationDecode)
              parse to JSONValue only: \(parseOnly)
            """)
    }
}
