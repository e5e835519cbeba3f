/// An exact DynamoDB number: a sign, up to 38 significant decimal digits and a decimal exponent.
///
/// The value is `0.d₁d₂…dₙ × 10^exponent` with `d₁ ≠ 0` and `dₙ ≠ 0` (zero has no digits).
/// DynamoDB's range is 1E-130 ≤ |x| < 1E+126, i.e. `exponent` in `-129...126`.
public struct DynamoNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whether the number is below zero (never true for zero).
    public let isNegative: Bool
    /// Significant digits (each 0–9), without leading or trailing zeros; empty for zero.
    public let digits: [UInt8]
    /// Position of the decimal point relative to the first digit (see type documentation).
    public let exponent: Int

    /// Most significant digits DynamoDB stores.
    public static let maxDigits = 38
    /// Largest `exponent` in range (|x| < 1E+126).
    public static let maxExponent = 126
    /// Smallest `exponent` in range (|x| ≥ 1E-130).
    public static let minExponent = -129

    /// Zero.
    public static let zero = DynamoNumber(uncheckedNegative: false, digits: [], exponent: 0)

    init(uncheckedNegative: Bool, digits: [UInt8], exponent: Int) {
        self.isNegative = uncheckedNegative
        self.digits = digits
        self.exponent = exponent
    }

    /// Parses DynamoDB number text (`"1"`, `"-0.5"`, `"+1.5E3"`, `".5"`); no white space allowed.
    ///
    /// Throws the `ValidationException` DynamoDB answers with for malformed text, more than 38
    /// significant digits, overflow or underflow.
    public init(parsing text: String) throws(DynamoError) {
        let bytes = Array(text.utf8)
        var i = 0
        var negative = false
        func invalid() -> DynamoError {
            .validationException(
                text.isEmpty
                    ? "The parameter cannot be converted to a numeric value"
                    : "The parameter cannot be converted to a numeric value: \(text)")
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var all: [UInt8] = []  // mantissa digits
        var pointPosition: Int? = nil
        while i < bytes.count {
            let c = bytes[i]
            if c >= 48 && c <= 57 {
                all.append(c - 48)
            } else if c == UInt8(ascii: ".") && pointPosition == nil {
                pointPosition = all.count
            } else {
                break
            }
            i += 1
        }
        guard !all.isEmpty else { throw invalid() }
        var exp10 = 0
        if i < bytes.count {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { throw invalid() }
            i += 1
            var expNegative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < bytes.count else { throw invalid() }
            while i < bytes.count {
                let c = bytes[i]
                guard c >= 48 && c <= 57 else { throw invalid() }
                if exp10 < 1_000_000 { exp10 = exp10 * 10 + Int(c - 48) }
                i += 1
            }
            if expNegative { exp10 = -exp10 }
        }
        // value = 0.(all) × 10^(intDigits + exp10)
        let intDigits = pointPosition ?? all.count
        guard let first = all.firstIndex(where: { $0 != 0 }) else {
            self = .zero
            return
        }
        let last = all.lastIndex(where: { $0 != 0 })!
        try self.init(
            checkingNegative: negative, digits: Array(all[first...last]), exponent: intDigits - first + exp10)
    }

    /// Builds a number from normalised parts, applying DynamoDB's precision and range rules.
    init(checkingNegative negative: Bool, digits: [UInt8], exponent: Int) throws(DynamoError) {
        if digits.isEmpty {
            self = .zero
            return
        }
        if digits.count > Self.maxDigits {
            throw .validationException("Attempting to store more than 38 significant digits in a Number")
        }
        if exponent > Self.maxExponent {
            throw .validationException(
                "Number overflow. Attempting to store a number with magnitude larger than supported range")
        }
        if exponent < Self.minExponent {
            throw .validationException(
                "Number underflow. Attempting to store a number with magnitude smaller than supported range")
        }
        self.init(uncheckedNegative: negative, digits: digits, exponent: exponent)
    }

    /// Creates a number from an integer.
    public init<I: BinaryInteger>(_ value: I) {
        // Integers of up to 128 bits have at most 39 digits; trailing zeros are trimmed, so
        // only integers with 39 significant digits would be out of precision: clamp by parsing.
        let text = String(value)
        self = (try? DynamoNumber(parsing: text)) ?? .zero
        if self == .zero && value != 0 {
            // More than 38 significant digits: keep the 38 leading ones (truncation).
            var digits = Array(text.utf8.filter { $0 != UInt8(ascii: "-") }.map { $0 - 48 })
            let exponent = digits.count
            digits = Array(digits.prefix(Self.maxDigits))
            while digits.last == 0 { digits.removeLast() }
            self.init(uncheckedNegative: value < 0, digits: digits, exponent: exponent)
        }
    }

    /// Whether the number is zero.
    public var isZero: Bool { digits.isEmpty }

    /// The normalised text DynamoDB returns: plain notation, no exponent, no trailing zeros, `0` for zero.
    public var description: String {
        if digits.isEmpty { return "0" }
        var out = isNegative ? "-" : ""
        let zero = UInt8(ascii: "0")
        var bytes: [UInt8] = []
        if exponent <= 0 {
            bytes.append(zero)
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: repeatElement(zero, count: -exponent))
            bytes.append(contentsOf: digits.map { $0 + zero })
        } else if exponent >= digits.count {
            bytes.append(contentsOf: digits.map { $0 + zero })
            bytes.append(contentsOf: repeatElement(zero, count: exponent - digits.count))
        } else {
            bytes.append(contentsOf: digits[..<exponent].map { $0 + zero })
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: digits[exponent...].map { $0 + zero })
        }
        out += String(decoding: bytes, as: UTF8.self)
        return out
    }

    /// The number as a `Double` (rounded).
    public var doubleValue: Double { Double(description) ?? 0 }

    /// The number as an integer when it is one and fits in `Int64`.
    public var int64Value: Int64? {
        guard exponent >= digits.count || digits.isEmpty else { return nil }
        return Int64(description)
    }

    /// The negated number.
    public static prefix func - (x: DynamoNumber) -> DynamoNumber {
        x.isZero ? x : DynamoNumber(uncheckedNegative: !x.isNegative, digits: x.digits, exponent: x.exponent)
    }

    public static func < (a: DynamoNumber, b: DynamoNumber) -> Bool {
        compare(a, b) < 0
    }

    /// -1, 0 or 1 as `a` is below, equal to or above `b`.
    static func compare(_ a: DynamoNumber, _ b: DynamoNumber) -> Int {
        let sa = a.isZero ? 0 : (a.isNegative ? -1 : 1)
        let sb = b.isZero ? 0 : (b.isNegative ? -1 : 1)
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        let magnitude = compareMagnitude(a, b)
        return sa > 0 ? magnitude : -magnitude
    }

    static func compareMagnitude(_ a: DynamoNumber, _ b: DynamoNumber) -> Int {
        if a.exponent != b.exponent { return a.exponent < b.exponent ? -1 : 1 }
        for (x, y) in zip(a.digits, b.digits) where x != y { return x < y ? -1 : 1 }
        if a.digits.count != b.digits.count { return a.digits.count < b.digits.count ? -1 : 1 }
        return 0
    }

    /// Exact sum; throws DynamoDB's error when the result needs more than 38 digits or leaves the range.
    public func adding(_ other: DynamoNumber) throws(DynamoError) -> DynamoNumber {
        if isZero { return other }
        if other.isZero { return self }
        // Align both to the scale of the lowest digit: value = integer × 10^scale.
        let scaleA = exponent - digits.count, scaleB = other.exponent - other.digits.count
        let scale = min(scaleA, scaleB)
        let a = Self.integerDigits(self, scale: scale)
        let b = Self.integerDigits(other, scale: scale)
        var negative: Bool
        var result: [UInt8]  // little-endian digits
        if isNegative == other.isNegative {
            negative = isNegative
            result = Self.addMagnitudes(a, b)
        } else {
            let cmp = Self.compareMagnitude(self, other)
            if cmp == 0 { return .zero }
            if cmp > 0 {
                negative = isNegative
                result = Self.subtractMagnitudes(a, b)
            } else {
                negative = other.isNegative
                result = Self.subtractMagnitudes(b, a)
            }
        }
        // Normalise: result is little-endian integer digits × 10^scale.
        var big = Array(result.reversed())
        let leading = big.firstIndex(where: { $0 != 0 }) ?? big.count
        big.removeFirst(leading)
        if big.isEmpty { return .zero }
        let exponent = big.count + scale
        while big.last == 0 { big.removeLast() }
        return try DynamoNumber(checkingNegative: negative, digits: big, exponent: exponent)
    }

    /// Exact difference (see ``adding(_:)``).
    public func subtracting(_ other: DynamoNumber) throws(DynamoError) -> DynamoNumber {
        try adding(-other)
    }

    /// Little-endian digits of |x| / 10^scale (an integer since scale ≤ x's lowest digit power).
    private static func integerDigits(_ x: DynamoNumber, scale: Int) -> [UInt8] {
        let padding = (x.exponent - x.digits.count) - scale
        return Array(repeatElement(0, count: padding)) + x.digits.reversed()
    }

    private static func addMagnitudes(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(max(a.count, b.count) + 1)
        var carry: UInt8 = 0
        for i in 0..<max(a.count, b.count) {
            let s = (i < a.count ? a[i] : 0) + (i < b.count ? b[i] : 0) + carry
            out.append(s % 10)
            carry = s / 10
        }
        if carry > 0 { out.append(carry) }
        return out
    }

    /// a - b for |a| > |b| (little-endian).
    private static func subtractMagnitudes(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(a.count)
        var borrow: Int = 0
        for i in 0..<a.count {
            var d = Int(a[i]) - (i < b.count ? Int(b[i]) : 0) - borrow
            borrow = 0
            if d < 0 {
                d += 10
                borrow = 1
            }
            out.append(UInt8(d))
        }
        return out
    }
}

extension DynamoNumber: Codable {
    /// Decodes from number text (as in `{"N":"1.5"}`).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try DynamoNumber(parsing: text)
    }

    /// Encodes as normalised number text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension AttributeValue {
    /// The parsed number of an `N` value; `nil` for other types or malformed text.
    public var number: DynamoNumber? {
        if case .n(let text) = self { return try? DynamoNumber(parsing: text) }
        return nil
    }

    /// An `N` value holding the normalised text of `number`.
    public static func number(_ number: DynamoNumber) -> AttributeValue { .n(number.description) }
}
