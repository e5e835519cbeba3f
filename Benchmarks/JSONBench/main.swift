// Optimized encode/decode benchmark of SluiceJSON against Foundation (1,000 × 8-field struct).
// Not a SwiftPM target: run.sh compiles it together with Runtime/JSON in one -O module.
// Usage: Benchmarks/JSONBench/run.sh [all|enc|tree|ser|dec|parse|fromtree]
import Foundation

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
@main struct JSONBench {
  static func main() throws {
    let items = (0..<1000).map(Item.sample)
    let rounds = 50
    let clock = ContinuousClock()
    func measure(_ body: () throws -> Void) rethrows -> Duration {
        try body()
        var best = Duration.seconds(1000)
        for _ in 0..<rounds { best = min(best, try clock.measure(body)) }
        return best
    }
    let bytes = try SluiceJSONEncoder().encode(items)
    let data = Data(bytes)
    let value = try JSONValue(parsing: bytes)
    let mode = CommandLine.arguments.dropFirst().first ?? "all"
    if mode == "all" || mode == "enc" { print("encode sluice", try measure { _ = try SluiceJSONEncoder().encode(items) }) }
    if mode == "all" { print("encode fndn  ", try measure { _ = try JSONEncoder().encode(items) }) }
    if mode == "all" || mode == "tree" { print("encodeToValue", try measure { _ = try SluiceJSONEncoder().encodeToValue(items) }) }
    if mode == "all" || mode == "ser" { print("serialize    ", measure { _ = value.serialized() }) }
    if mode == "all" || mode == "dec" { print("decode sluice", try measure { _ = try SluiceJSONDecoder().decode([Item].self, from: bytes) }) }
    if mode == "all" { print("decode fndn  ", try measure { _ = try JSONDecoder().decode([Item].self, from: data) }) }
    if mode == "all" || mode == "parse" { print("parse        ", try measure { _ = try JSONValue(parsing: bytes) }) }
    if mode == "all" || mode == "fromtree" { print("decode tree  ", try measure { _ = try SluiceJSONDecoder().decode([Item].self, from: value) }) }
  }
}
