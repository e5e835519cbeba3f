import DynamoModel
import SluiceJSON

/// Reads a request's JSON object field by field, collecting every field-level problem.
///
/// Unknown fields, wrong types and out-of-range values each become an ``APIError``; ``finish()``
/// throws them together (the first as the main error, all of them as `details`).
struct FieldReader {
    let object: JSONObject
    private(set) var errors: [APIError] = []

    /// Parses `bytes` as one JSON object whose keys all belong to `allowed`.
    init(bytes: [UInt8], allowed: Set<String>) throws(APIError) {
        let value: JSONValue
        do { value = try JSONValue(parsing: bytes, maxDepth: 32) } catch {
            throw .invalidJSON("The body is not valid JSON: \(error)")
        }
        guard case .object(let object) = value else { throw .invalidJSON("The body must be a JSON object") }
        if object.hasDuplicateKeys { throw .invalidJSON("The body repeats a field") }
        self.object = object
        for key in object.keys where !allowed.contains(key) { errors.append(.unknownField(key)) }
    }

    /// Whether the body has `field` (even as `null`).
    func has(_ field: String) -> Bool { object[field] != nil }

    /// Throws the collected errors, if any.
    func finish() throws(APIError) {
        guard var first = errors.first else { return }
        if errors.count > 1 { first.details = errors }
        throw first
    }

    mutating func fail(_ error: APIError) { errors.append(error) }

    /// A string of `min...max` characters (after trimming surrounding spaces when `trim`); `nil` when absent or
    /// (with `nullable`) `null`.
    mutating func string(_ field: String, length: ClosedRange<Int>, nullable: Bool = false, trim: Bool = true) -> String?? {
        guard let value = object[field] else { return .none }
        if case .null = value, nullable { return .some(nil) }
        guard case .string(var text) = value else {
            fail(.invalidType(field, expected: nullable ? "a string or null" : "a string"))
            return .none
        }
        if trim { text = Self.trimmed(text) }
        guard length.contains(text.count) else {
            fail(.invalidValue(field, "'\(field)' must be \(length.lowerBound)–\(length.upperBound) characters"))
            return .none
        }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }) {
            fail(.invalidValue(field, "'\(field)' contains control characters"))
            return .none
        }
        return .some(text)
    }

    /// One of an enum's raw values.
    mutating func choice<T: RawRepresentable<String>>(_ field: String, _ type: T.Type, choices: String) -> T? {
        guard let value = object[field] else { return nil }
        guard case .string(let text) = value else { fail(.invalidType(field, expected: "a string")); return nil }
        guard let result = T(rawValue: text) else {
            fail(.invalidValue(field, "'\(field)' must be one of \(choices)"))
            return nil
        }
        return result
    }

    /// A calendar date `YYYY-MM-DD`, or `null` when `nullable`.
    mutating func date(_ field: String) -> String?? {
        guard let value = object[field] else { return .none }
        if case .null = value { return .some(nil) }
        guard case .string(let text) = value else { fail(.invalidType(field, expected: "a date string or null")); return .none }
        guard CalendarDate.isValid(text) else {
            fail(.invalidValue(field, "'\(field)' must be a date YYYY-MM-DD"))
            return .none
        }
        return .some(text)
    }

    /// An array of distinct-after-dedup strings, each `length` characters, at most `maxCount` of them.
    mutating func stringSet(_ field: String, length: ClosedRange<Int>, maxCount: Int) -> Set<String>? {
        guard let value = object[field] else { return nil }
        guard case .array(let elements) = value else { fail(.invalidType(field, expected: "an array of strings")); return nil }
        var result: Set<String> = []
        for element in elements {
            guard case .string(let text) = element else { fail(.invalidType(field, expected: "an array of strings")); return nil }
            let trimmed = Self.trimmed(text)
            guard length.contains(trimmed.count) else {
                fail(.invalidValue(field, "Each of '\(field)' must be \(length.lowerBound)–\(length.upperBound) characters"))
                return nil
            }
            result.insert(trimmed)
        }
        guard result.count <= maxCount else { fail(.invalidValue(field, "At most \(maxCount) '\(field)'")); return nil }
        return result
    }

    /// A JSON object (or `null`, meaning empty) whose numbers DynamoDB can store, at most `maxBytes` serialized.
    mutating func metadata(_ field: String, maxBytes: Int) -> JSONObject? {
        guard let value = object[field] else { return nil }
        if case .null = value { return [:] }
        guard case .object(let object) = value else { fail(.invalidType(field, expected: "an object")); return nil }
        if value.serialized().count > maxBytes {
            fail(.invalidValue(field, "'\(field)' must be at most \(maxBytes) bytes of JSON"))
            return nil
        }
        if let problem = Self.storageProblem(value) {
            fail(.invalidValue(field, "'\(field)' \(problem)"))
            return nil
        }
        return ItemMapping.canonical(object)
    }

    /// Why DynamoDB could not store `value` as a map, if it could not.
    static func storageProblem(_ value: JSONValue) -> String? {
        switch value {
        case .number(let n):
            do { _ = try DynamoNumber(parsing: n.text) } catch { return "has a number DynamoDB cannot store (\(n.text))" }
            return nil
        case .array(let elements): return elements.lazy.compactMap(storageProblem).first
        case .object(let object):
            if object.hasDuplicateKeys { return "repeats a key" }
            if object.keys.contains("") { return "has an empty key" }
            return object.values.lazy.compactMap(storageProblem).first
        default: return nil
        }
    }

    static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while let c = s.first, c == " " { s.removeFirst() }
        while let c = s.last, c == " " { s.removeLast() }
        return String(s)
    }
}

/// `YYYY-MM-DD` checks without Foundation.
enum CalendarDate {
    /// Whether `text` is a real date in the proleptic Gregorian calendar, years 1000–9999.
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for b in bytes[range] {
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), year >= 1000,
              (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}
