import Testing

@testable import SluiceJSON

struct Order: Codable {
    struct Line: Codable {
        var sku: String
        var qty: UInt8
        var price: Double?
    }
    var id: Int
    var lines: [Line]
    var meta: [String: Int]
}

/// Runs `body`, expecting a `DecodingError`; returns its case name and coding path.
func decodingFailure(_ body: () throws -> Void) -> (String, String)? {
    do {
        try body()
    } catch let error as DecodingError {
        switch error {
        case .typeMismatch(_, let c): return ("typeMismatch", pathString(c.codingPath))
        case .valueNotFound(_, let c): return ("valueNotFound", pathString(c.codingPath))
        case .keyNotFound(let key, let c): return ("keyNotFound:\(key.stringValue)", pathString(c.codingPath))
        case .dataCorrupted(let c): return ("dataCorrupted", pathString(c.codingPath))
        @unknown default: return ("unknown", "")
        }
    } catch {
        return ("not a DecodingError: \(error)", "")
    }
    return nil
}

let errorCases: [(String, String, String)] = [
    (#"{"id":"1","lines":[],"meta":{}}"#, "typeMismatch", "id"),
    (#"{"id":1,"lines":[{"sku":"a","qty":1},{"sku":"b","qty":300}],"meta":{}}"#, "dataCorrupted", "lines.[1].qty"),
    (#"{"id":1,"lines":[{"sku":"a","qty":-1}],"meta":{}}"#, "dataCorrupted", "lines.[0].qty"),
    (#"{"id":1.5,"lines":[],"meta":{}}"#, "dataCorrupted", "id"),
    (#"{"id":1,"lines":[{"qty":1}],"meta":{}}"#, "keyNotFound:sku", "lines.[0]"),
    (#"{"id":1,"lines":[{"sku":null,"qty":1}],"meta":{}}"#, "valueNotFound", "lines.[0].sku"),
    (#"{"id":1,"lines":[{"sku":"a","qty":1,"price":"x"}],"meta":{}}"#, "typeMismatch", "lines.[0].price"),
    (#"{"id":1,"lines":[],"meta":{"a":1,"b":true}}"#, "typeMismatch", "meta.b"),
    (#"{"id":1,"lines":{},"meta":{}}"#, "typeMismatch", "lines"),
    (#"{"id":1,"lines":null,"meta":{}}"#, "valueNotFound", "lines"),
    (#"{"id":1,"lines":[]}"#, "keyNotFound:meta", ""),
    (#"[1]"#, "typeMismatch", ""),
    (#"{"id":1,"lines":[],"meta":{},}"#, "dataCorrupted", ""),
]

@Suite struct DecodingErrorTests {
    @Test(arguments: errorCases)
    func codingPaths(_ json: String, _ kind: String, _ path: String) {
        let failure = decodingFailure { _ = try SluiceJSONDecoder().decode(Order.self, from: json) }
        #expect(failure?.0 == kind)
        #expect(failure?.1 == path)
    }

    @Test func unkeyedAtEnd() {
        struct Pair: Decodable {
            init(from decoder: any Decoder) throws {
                var c = try decoder.unkeyedContainer()
                _ = try c.decode(Int.self)
                _ = try c.decode(Int.self)
            }
        }
        let failure = decodingFailure { _ = try SluiceJSONDecoder().decode([Pair].self, from: "[[1,2],[3]]") }
        #expect(failure?.0 == "valueNotFound")
        #expect(failure?.1 == "[1].[1]")
    }

    @Test func parseErrorsAreDataCorruptedWithUnderlyingError() {
        do {
            _ = try SluiceJSONDecoder().decode([Int].self, from: "[1,]")
            Issue.record("expected an error")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.underlyingError as? JSONParseError == JSONParseError(.unexpectedByte(93, expected: "a value"), at: 3))
            #expect(context.debugDescription.contains("byte offset 3"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func integerRanges() throws {
        let decoder = SluiceJSONDecoder()
        #expect(try decoder.decode([Int8].self, from: "[-128,127]") == [-128, 127])
        #expect(throws: DecodingError.self) { try decoder.decode([Int8].self, from: "[128]") }
        #expect(throws: DecodingError.self) { try decoder.decode([UInt64].self, from: "[18446744073709551616]") }
        #expect(throws: DecodingError.self) { try decoder.decode([Int64].self, from: "[-9223372036854775809]") }
        #expect(try decoder.decode([UInt64].self, from: "[18446744073709551615]") == [.max])
        #expect(try decoder.decode([Int64].self, from: "[-9223372036854775808]") == [.min])
        #expect(try decoder.decode([Int].self, from: "[1e2, 3.0, -0]") == [100, 3, 0])
        #expect(throws: DecodingError.self) { try decoder.decode([Double].self, from: "[1e400]") }
        #expect(throws: DecodingError.self) { try decoder.decode([Bool].self, from: "[1]") }
    }
}
