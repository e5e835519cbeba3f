import DynamoModel
import Parquet

/// Conversions from DynamoDB values to lake column values.
enum Values {
    /// The column type an attribute gets from its first value (nil: no column yet, see ``LakeColumnType``).
    static func inferType(_ v: AttributeValue, decimalScale: Int) -> LakeColumnType? {
        switch v {
        case .s: return .string
        case .n(let text):
            if int64(text) != nil { return .int64 }
            if decimal(text, scale: decimalScale) != nil { return .decimal(scale: decimalScale) }
            return nil
        case .bool: return .boolean
        case .b: return .binary
        case .ss, .ns, .bs, .m, .l: return .json
        case .null: return nil
        }
    }

    /// An N value as Int64 when it is an integer in range (`"12"`, `"-3"`, `"1.50E2"`).
    static func int64(_ text: String) -> Int64? {
        // Fast path: [-]digits.
        var v: Int64 = 0
        var negative = false
        var count = 0
        var simple = true
        for (i, c) in text.utf8.enumerated() {
            if i == 0 && c == UInt8(ascii: "-") {
                negative = true
                continue
            }
            guard c >= 0x30 && c <= 0x39, count < 18 else {
                simple = false
                break
            }
            v = v * 10 + Int64(c - 0x30)
            count += 1
        }
        if simple && count > 0 { return negative ? -v : v }
        guard let n = try? DynamoNumber(parsing: text) else { return nil }
        return n.int64Value
    }

    /// An N value as the unscaled integer of DECIMAL(38, scale), when it fits exactly.
    static func decimal(_ text: String, scale: Int) -> Int128? {
        // Fast path: [-]digits[.digits] with at most 38 digits.
        var v: Int128 = 0
        var negative = false
        var digits = 0
        var fraction = -1
        var simple = true
        for (i, c) in text.utf8.enumerated() {
            if i == 0 && c == UInt8(ascii: "-") {
                negative = true
                continue
            }
            if c == UInt8(ascii: "."), fraction < 0 {
                fraction = 0
                continue
            }
            guard c >= 0x30 && c <= 0x39, digits < 38 else {
                simple = false
                break
            }
            v = v * 10 + Int128(c - 0x30)
            digits += 1
            if fraction >= 0 { fraction += 1 }
        }
        if simple && digits > 0 {
            var f = max(0, fraction)
            // Drop trailing fraction zeros beyond the scale.
            while f > scale, v % 10 == 0 {
                v /= 10
                f -= 1
                digits -= 1
            }
            if f <= scale {
                let integerDigits = max(0, digits - f - leadingZeros(text))
                if integerDigits <= 38 - scale {
                    for _ in f..<scale { v *= 10 }
                    return negative ? -v : v
                }
            }
            return nil
        }
        guard let n = try? DynamoNumber(parsing: text) else { return nil }
        return decimal(n, scale: scale)
    }

    private static func leadingZeros(_ text: String) -> Int {
        var n = 0
        for c in text.utf8 {
            if c == UInt8(ascii: "-") { continue }
            if c == UInt8(ascii: "0") { n += 1 } else { break }
        }
        return n
    }

    /// The unscaled DECIMAL(38, scale) integer of a number, when it fits exactly.
    static func decimal(_ n: DynamoNumber, scale: Int) -> Int128? {
        if n.isZero { return 0 }
        // value = 0.d1…dk × 10^e: fraction digits = k − e; integer digits = e.
        let k = n.digits.count, e = n.exponent
        guard k - e <= scale, e + scale <= 38 else { return nil }
        var v: Int128 = 0
        for d in n.digits { v = v * 10 + Int128(d) }
        for _ in 0..<(scale - (k - e)) { v *= 10 }
        return n.isNegative ? -v : v
    }

    /// Decimal text of an unscaled decimal.
    static func decimalText(_ unscaled: Int128, scale: Int) -> String {
        if scale == 0 { return String(unscaled) }
        let negative = unscaled < 0
        var digits = String(negative ? 0 - unscaled : unscaled)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        var text = String(digits.dropLast(scale)) + "." + String(digits.suffix(scale))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return (negative ? "-" : "") + text
    }
}

/// The values of one column being built, row by row.
struct ColumnBuilder {
    let type: LakeColumnType
    private(set) var count = 0
    private var strings: [String?] = []
    private var ints: [Int64?] = []
    private var doubles: [Double?] = []
    private var bools: [Bool?] = []
    private var decimals: [Int128?] = []
    private var binaries: [[UInt8]?] = []

    init(type: LakeColumnType, capacity: Int) {
        self.type = type
        switch type {
        case .string, .json: strings.reserveCapacity(capacity)
        case .int64, .timestamp: ints.reserveCapacity(capacity)
        case .double: doubles.reserveCapacity(capacity)
        case .boolean: bools.reserveCapacity(capacity)
        case .decimal: decimals.reserveCapacity(capacity)
        case .binary: binaries.reserveCapacity(capacity)
        }
    }

    mutating func appendNull() {
        switch type {
        case .string, .json: strings.append(nil)
        case .int64, .timestamp: ints.append(nil)
        case .double: doubles.append(nil)
        case .boolean: bools.append(nil)
        case .decimal: decimals.append(nil)
        case .binary: binaries.append(nil)
        }
        count += 1
    }

    mutating func append(string: String) {
        strings.append(string)
        count += 1
    }

    mutating func append(int: Int64) {
        ints.append(int)
        count += 1
    }

    mutating func append(decimal: Int128) {
        decimals.append(decimal)
        count += 1
    }

    /// Appends an attribute value when it fits the column's type exactly; false (nothing appended) otherwise.
    mutating func append(_ v: AttributeValue) -> Bool {
        switch (type, v) {
        case (.string, .s(let s)): strings.append(s)
        case (.int64, .n(let text)):
            guard let i = Values.int64(text) else { return false }
            ints.append(i)
        case (.decimal(let scale), .n(let text)):
            guard let d = Values.decimal(text, scale: scale) else { return false }
            decimals.append(d)
        case (.double, .n(let text)):
            guard let n = try? DynamoNumber(parsing: text) else { return false }
            doubles.append(n.doubleValue)
        case (.boolean, .bool(let b)): bools.append(b)
        case (.binary, .b(let b)): binaries.append(b)
        case (.json, .ss), (.json, .ns), (.json, .bs), (.json, .m), (.json, .l):
            var out = ""
            JSONWriter.plain(v, to: &out)
            strings.append(out)
        default: return false
        }
        count += 1
        return true
    }

    /// The built values.
    func values() -> ColumnValues {
        switch type {
        case .string, .json: .string(strings)
        case .int64: .int64(ints)
        case .timestamp: .timestampMicros(ints)
        case .double: .double(doubles)
        case .boolean: .boolean(bools)
        case .decimal: .decimal(decimals)
        case .binary: .binary(binaries)
        }
    }
}

extension ColumnValues {
    /// All-null values of a column type.
    static func nulls(_ type: ColumnType, count: Int) -> ColumnValues {
        switch type {
        case .string: .string(Array(repeating: nil, count: count))
        case .int64: .int64(Array(repeating: nil, count: count))
        case .double: .double(Array(repeating: nil, count: count))
        case .boolean: .boolean(Array(repeating: nil, count: count))
        case .timestampMicrosUTC: .timestampMicros(Array(repeating: nil, count: count))
        case .date: .date(Array(repeating: nil, count: count))
        case .decimal: .decimal(Array(repeating: nil, count: count))
        case .binary: .binary(Array(repeating: nil, count: count))
        }
    }

    /// The values at `rows`, in that order.
    func gather(_ rows: [Int]) -> ColumnValues {
        switch self {
        case .string(let v): .string(rows.map { v[$0] })
        case .int64(let v): .int64(rows.map { v[$0] })
        case .double(let v): .double(rows.map { v[$0] })
        case .boolean(let v): .boolean(rows.map { v[$0] })
        case .timestampMicros(let v): .timestampMicros(rows.map { v[$0] })
        case .date(let v): .date(rows.map { v[$0] })
        case .decimal(let v): .decimal(rows.map { v[$0] })
        case .binary(let v): .binary(rows.map { v[$0] })
        }
    }

    /// Concatenation of column pieces of one type.
    static func concatenate(_ pieces: [ColumnValues], type: ColumnType) throws -> ColumnValues {
        func join<T>(_ extract: (ColumnValues) -> [T?]?) throws -> [T?] {
            var out: [T?] = []
            out.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
            for p in pieces {
                guard let v = extract(p) else { throw LakeError.invalidArgument("column pieces of different types") }
                out.append(contentsOf: v)
            }
            return out
        }
        switch type {
        case .string: return .string(try join { if case .string(let v) = $0 { v } else { nil } })
        case .int64: return .int64(try join { if case .int64(let v) = $0 { v } else { nil } })
        case .double: return .double(try join { if case .double(let v) = $0 { v } else { nil } })
        case .boolean: return .boolean(try join { if case .boolean(let v) = $0 { v } else { nil } })
        case .timestampMicrosUTC: return .timestampMicros(try join { if case .timestampMicros(let v) = $0 { v } else { nil } })
        case .date: return .date(try join { if case .date(let v) = $0 { v } else { nil } })
        case .decimal: return .decimal(try join { if case .decimal(let v) = $0 { v } else { nil } })
        case .binary: return .binary(try join { if case .binary(let v) = $0 { v } else { nil } })
        }
    }
}
