import Testing

@testable import SluiceJSON

struct Primitives: Codable, Equatable {
    var b: Bool
    var s: String
    var d: Double
    var f: Float
    var i: Int
    var i8: Int8
    var i16: Int16
    var i32: Int32
    var i64: Int64
    var u: UInt
    var u8: UInt8
    var u16: UInt16
    var u32: UInt32
    var u64: UInt64
    var optional: String?
    var optionalInt: Int?

    static let extremes = Primitives(
        b: true, s: "ü \"q\" \n 😀", d: Double.leastNonzeroMagnitude, f: .greatestFiniteMagnitude, i: .min, i8: .min, i16: .min,
        i32: .min, i64: .min, u: .max, u8: .max, u16: .max, u32: .max, u64: .max, optional: nil, optionalInt: 0)
}

struct Address: Codable, Equatable {
    var street: String
    var zip: String?
}

struct Person: Codable, Equatable {
    var name: String
    var age: Int
    var addresses: [Address]
    var scores: [String: Double]
    var byYear: [Int: String]
    var matrix: [[Int]]
    var extra: JSONValue?
}

class Animal: Codable {
    var name: String
    init(name: String) { self.name = name }
}

final class Dog: Animal {
    var breed: String
    init(name: String, breed: String) {
        self.breed = breed
        super.init(name: name)
    }
    enum CodingKeys: String, CodingKey { case breed }
    required init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        breed = try container.decode(String.self, forKey: .breed)
        try super.init(from: container.superDecoder())
    }
    override func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(breed, forKey: .breed)
        try super.encode(to: container.superEncoder())
    }
}

/// Hand-written containers: nested keyed/unkeyed, single value, unkeyed superEncoder.
struct Shape: Codable, Equatable {
    var kind: String
    var points: [(Int, Int)]
    static func == (a: Shape, b: Shape) -> Bool {
        a.kind == b.kind && a.points.map { [$0.0, $0.1] } == b.points.map { [$0.0, $0.1] }
    }
    enum Keys: String, CodingKey { case meta, points }
    enum MetaKeys: String, CodingKey { case kind }
    init(kind: String, points: [(Int, Int)]) {
        self.kind = kind
        self.points = points
    }
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        kind = try c.nestedContainer(keyedBy: MetaKeys.self, forKey: .meta).decode(String.self, forKey: .kind)
        var list = try c.nestedUnkeyedContainer(forKey: .points)
        points = []
        while !list.isAtEnd {
            var pair = try list.nestedUnkeyedContainer()
            points.append((try pair.decode(Int.self), try pair.decode(Int.self)))
        }
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        var meta = c.nestedContainer(keyedBy: MetaKeys.self, forKey: .meta)
        try meta.encode(kind, forKey: .kind)
        var list = c.nestedUnkeyedContainer(forKey: .points)
        for p in points {
            var pair = list.nestedUnkeyedContainer()
            try pair.encode(p.0)
            try pair.encode(p.1)
        }
    }
}

struct Wrapper: Codable, Equatable {
    var value: Int
    init(_ value: Int) { self.value = value }
    init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
    let bytes = try SluiceJSONEncoder().encode(value)
    return try SluiceJSONDecoder().decode(T.self, from: bytes)
}

func pathString(_ path: [any CodingKey]) -> String {
    path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
}

@Suite struct CodableTests {
    let person = Person(
        name: "Ada", age: 36, addresses: [Address(street: "Main St", zip: nil), Address(street: "2nd", zip: "01234")],
        scores: ["math": 99.5, "art": 0.1], byYear: [1815: "born", 1843: "notes"], matrix: [[1, 2], [], [3]],
        extra: ["free": ["form", 1, nil]])

    @Test func primitivesRoundTrip() throws {
        #expect(try roundTrip(Primitives.extremes) == Primitives.extremes)
        var other = Primitives.extremes
        other.i = .max; other.i64 = .max; other.u = 0; other.d = 1e308; other.f = -0.0; other.optional = ""
        other.optionalInt = nil
        #expect(try roundTrip(other) == other)
        for d in [0.1, 1e308, Double.leastNonzeroMagnitude, -2.2250738585072014e-308, 123456789.125, 1.0 / 3.0, 100] {
            #expect(try roundTrip([d]) == [d])
        }
        #expect(try SluiceJSONEncoder().encodeToString([100.0, 0.1, 1e308, Double.leastNonzeroMagnitude]) == "[100,0.1,1e+308,5e-324]")
        #expect(try roundTrip([Float(0.1), 3.4028235e38]) == [Float(0.1), 3.4028235e38])
        #expect(try roundTrip([Int128.min, Int128.max]) == [Int128.min, Int128.max])
        #expect(try roundTrip([UInt128.max]) == [UInt128.max])
    }

    @Test func topLevelScalarsAndWrappers() throws {
        #expect(try SluiceJSONEncoder().encodeToString("x") == "\"x\"")
        #expect(try SluiceJSONEncoder().encodeToString(Wrapper(5)) == "5")
        #expect(try SluiceJSONEncoder().encodeToString([Wrapper(1)]) == "[1]")
        #expect(try SluiceJSONEncoder().encodeToString(Int?.none) == "null")
        #expect(try SluiceJSONDecoder().decode(Int?.self, from: "null") == nil)
        #expect(try SluiceJSONDecoder().decode(Bool.self, from: " true ") == true)
        #expect(try roundTrip(Wrapper(-3)) == Wrapper(-3))
    }

    @Test func nestedStructuresRoundTrip() throws {
        #expect(try roundTrip(person) == person)
        #expect(try roundTrip([person, person]) == [person, person])
        let shape = Shape(kind: "poly", points: [(1, 2), (3, 4)])
        #expect(try SluiceJSONEncoder().encodeToString(shape) == #"{"meta":{"kind":"poly"},"points":[[1,2],[3,4]]}"#)
        #expect(try roundTrip(shape) == shape)
        #expect(try roundTrip([[String: [Int?]]]([["a": [1, nil]], [:]])) == [["a": [1, nil]], [:]])
    }

    @Test func encodedLayout() throws {
        let json = try SluiceJSONEncoder().encodeToString(
            Person(name: "A", age: 1, addresses: [Address(street: "s", zip: nil)], scores: [:], byYear: [7: "x"],
                matrix: [], extra: nil))
        // Optional nil is omitted, dictionaries become objects (Int keys as strings), key order is declaration order.
        #expect(json == #"{"name":"A","age":1,"addresses":[{"street":"s"}],"scores":{},"byYear":{"7":"x"},"matrix":[]}"#)
    }

    @Test func duplicateKeysLastWins() throws {
        struct S: Codable, Equatable { var a: Int }
        #expect(try SluiceJSONDecoder().decode(S.self, from: #"{"a":1,"a":2}"#) == S(a: 2))
        #expect(try SluiceJSONDecoder().decode([String: Int].self, from: #"{"a":1,"b":0,"a":2}"#) == ["a": 2, "b": 0])
    }

    @Test func superEncoderAndDecoder() throws {
        let dog = Dog(name: "Rex", breed: "lab")
        let json = try SluiceJSONEncoder().encodeToString(dog)
        #expect(json == #"{"breed":"lab","super":{"name":"Rex"}}"#)
        let back = try SluiceJSONDecoder().decode(Dog.self, from: json)
        #expect(back.name == "Rex" && back.breed == "lab")
    }

    @Test func jsonValueAndUserInfo() throws {
        struct Envelope: Codable, Equatable {
            var id: Int
            var payload: JSONValue
        }
        let text = #"{"id":1,"payload":{"z":1.50,"a":[true,null,"x"],"big":123456789012345678901234567890}}"#
        let envelope = try SluiceJSONDecoder().decode(Envelope.self, from: text)
        #expect(envelope.payload.objectValue?.keys == ["z", "a", "big"])
        #expect(try SluiceJSONEncoder().encodeToString(envelope) == text)
        let tree = try SluiceJSONEncoder().encodeToValue(person)
        #expect(tree["addresses"]?[1]?["zip"] == "01234")
        #expect(try SluiceJSONDecoder().decode(Person.self, from: tree) == person)

        struct NeedsInfo: Codable {
            static let key = CodingUserInfoKey(rawValue: "factor")!
            var n: Int
            init(n: Int) { self.n = n }
            init(from decoder: any Decoder) throws {
                n = try decoder.singleValueContainer().decode(Int.self) * (decoder.userInfo[Self.key] as! Int)
            }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.singleValueContainer()
                try c.encode(n * (encoder.userInfo[Self.key] as! Int))
            }
        }
        var encoder = SluiceJSONEncoder()
        encoder.userInfo[NeedsInfo.key] = 10
        var decoder = SluiceJSONDecoder()
        decoder.userInfo[NeedsInfo.key] = 3
        #expect(try encoder.encodeToString([NeedsInfo(n: 2)]) == "[20]")
        #expect(try decoder.decode([NeedsInfo].self, from: "[2]").first?.n == 6)
    }

    @Test func nonFiniteFloatsThrow() {
        struct S: Codable { var values: [Double] }
        do {
            _ = try SluiceJSONEncoder().encode(S(values: [1, .infinity]))
            Issue.record("expected an error")
        } catch EncodingError.invalidValue(_, let context) {
            #expect(pathString(context.codingPath) == "values.[1]")
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: EncodingError.self) { try SluiceJSONEncoder().encode(Float.nan) }
    }

    @Test func snakeCaseStrategies() throws {
        struct S: Codable, Equatable {
            var userID: Int
            var myURLProperty: String
            var plain: [String: Int]
        }
        var encoder = SluiceJSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let value = S(userID: 1, myURLProperty: "u", plain: ["keepThisKey": 1])
        let json = try encoder.encodeToString(value)
        #expect(json == #"{"user_id":1,"my_url_property":"u","plain":{"keepThisKey":1}}"#)
        var decoder = SluiceJSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        struct T: Codable, Equatable {
            var userId: Int
            var myUrlProperty: String
            var plain: [String: Int]
        }
        #expect(
            try decoder.decode(T.self, from: json) == T(userId: 1, myUrlProperty: "u", plain: ["keepThisKey": 1]))
        #expect(_SnakeCase.toCamelCase("_leading_and_trailing_") == "_leadingAndTrailing_")
    }
}
