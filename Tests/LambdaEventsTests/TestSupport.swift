import Foundation
import Testing

@testable import LambdaEvents

/// Loading samples and comparing JSON documents for the event tests.
enum TestSupport {
    static func sample(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Samples"))
        return try Data(contentsOf: url)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }

    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    /// A parsed JSON document in a form that compares by value: strict about booleans versus numbers,
    /// and with object members whose value is `null` removed (AWS writes some absent fields as `null`;
    /// we omit them, which means the same).
    indirect enum Canonical: Equatable {
        case bool(Bool), number(Double), string(String), array([Canonical]), object([String: Canonical]), null
    }

    static func canonical(_ data: Data) throws -> Canonical {
        canonical(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    static func canonical(_ value: Any) -> Canonical {
        switch value {
        case let object as [String: Any]:
            return .object(object.filter { !($0.value is NSNull) }.mapValues(canonical))
        case let array as [Any]: return .array(array.map(canonical))
        case let string as String: return .string(string)
        case is NSNull: return .null
        case let number as NSNumber:
            // Foundation hands booleans back as a distinct NSNumber subclass.
            if String(describing: type(of: number)).contains("Boolean") { return .bool(number.boolValue) }
            return .number(number.doubleValue)
        case let flag as Bool: return .bool(flag)
        default: return .string("<unexpected \(type(of: value))>")
        }
    }

    /// Whether two JSON documents are equal once parsed (member order and formatting aside).
    static func sameJSON(_ a: Data, _ b: Data) throws -> Bool {
        try canonical(a) == canonical(b)
    }

    /// Decodes a sample as `T`, encodes it again and checks the two documents match.
    @discardableResult
    static func roundTrip<T: Codable & Equatable>(_ type: T.Type, sample name: String) throws -> T {
        let original = try sample(name)
        let value = try decode(type, original)
        let again = try encode(value)
        #expect(try sameJSON(original, again), "\(name) changed on the way back:\n\(String(decoding: again, as: UTF8.self))")
        #expect(try decode(type, again) == value)
        return value
    }
}
