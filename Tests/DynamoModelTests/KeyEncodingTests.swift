import Testing
@testable import DynamoModel

@Suite struct KeyEncodingTests {
    /// A deterministic generator so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomNumber(_ rng: inout SplitMix) -> DynamoNumber {
        if Int.random(in: 0..<20, using: &rng) == 0 { return .zero }
        let count = Int.random(in: 1...38, using: &rng)
        var text = Bool.random(using: &rng) ? "-" : ""
        text += String(Int.random(in: 1...9, using: &rng))
        for _ in 1..<count { text += String(Int.random(in: 0...9, using: &rng)) }
        // Small exponents most of the time so that pairs often share one.
        let exponent =
            Bool.random(using: &rng) ? Int.random(in: -3...3, using: &rng) : Int.random(in: -120...80, using: &rng)
        text += "E\(exponent)"
        return try! DynamoNumber(parsing: text)
    }

    @Test func numberEncodingSortsLikeNumbers() {
        var rng = SplitMix(state: 42)
        for _ in 0..<5000 {
            let a = Self.randomNumber(&rng)
            // Often a close neighbour: same digits with a changed tail.
            let b = Bool.random(using: &rng) ? Self.randomNumber(&rng) : ((try? a.adding(DynamoNumber(Int.random(in: -3...3, using: &rng)))) ?? a)
            let byBytes = KeyEncoding.compare(KeyEncoding.encode(a), KeyEncoding.encode(b))
            let byValue = a < b ? -1 : (a == b ? 0 : 1)
            #expect(byBytes == byValue, "\(a) vs \(b)")
        }
    }

    @Test(arguments: ["0", "1", "-1", "0.001", "-123.456", "1E+125", "-1E-130", "98765432109876543210987654321098765432"])
    func numberRoundTrip(text: String) throws {
        let n = try DynamoNumber(parsing: text)
        #expect(KeyEncoding.decodeNumber(KeyEncoding.encode(n)) == n)
    }

    @Test func edgeOrder() throws {
        let texts = ["-1E+125", "-1", "-0.123", "-0.12", "0", "0.12", "0.123", "1", "1E+125"]
        let numbers = try texts.map { try DynamoNumber(parsing: $0) }
        #expect(numbers == numbers.sorted())
        let byBytes = numbers.shuffled().sorted { KeyEncoding.compare(KeyEncoding.encode($0), KeyEncoding.encode($1)) < 0 }
        #expect(byBytes == numbers)
    }

    @Test func stringsAndBinariesAreRawBytes() {
        #expect(KeyEncoding.encode(.s("héllo")) == Array("héllo".utf8))
        #expect(KeyEncoding.encode(.b([0, 255, 3])) == [0, 255, 3])
        #expect(KeyEncoding.encode(.bool(true)) == nil)
        #expect(KeyEncoding.compare(KeyEncoding.encode(.s("a"))!, KeyEncoding.encode(.s("ab"))!) < 0)
        #expect(KeyEncoding.compare(KeyEncoding.encode(.s("Z"))!, KeyEncoding.encode(.s("a"))!) < 0)
    }

    @Test func componentsKeepCompositeOrder() {
        let pairs: [(AttributeValue, AttributeValue)] = [
            (.s("a"), .s("z")), (.s("a\u{0}"), .s("a")), (.b([1]), .b([1, 0])), (.n("5"), .n("-5")), (.s("ab"), .s("a")),
        ]
        for (x, y) in pairs {
            let cx = KeyEncoding.encodeComponent(x)! + KeyEncoding.encodeComponent(.s("a"))!
            let cy = KeyEncoding.encodeComponent(y)! + KeyEncoding.encodeComponent(.s("zzz"))!
            let plain = KeyEncoding.compare(KeyEncoding.encode(x)!, KeyEncoding.encode(y)!)
            #expect(KeyEncoding.compare(cx, cy) == plain, "\(x) vs \(y)")
        }
    }
}
