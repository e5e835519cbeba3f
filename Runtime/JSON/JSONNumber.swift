/// A JSON number, kept as its literal text so that it round-trips exactly.
///
/// Parsing never converts a number: `12345678901234567890123` or `0.1000000000000000055511151231257827`
/// are serialized again byte for byte. Conversions happen on access (``int64``, ``uint64``, ``double``, …)
/// and fail rather than silently lose range.
///
/// Equality and hashing compare the literal ``text``: `1`, `1.0` and `1e0` are different values.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's JSON text, e.g. `-12`, `0.1` or `6.02e23`. Always valid RFC 8259 number syntax.
    public let text: String

    /// Wraps text the caller has already validated (the parser, or our own formatting).
    init(unchecked text: String) {
        self.text = text
    }

    /// Creates a number from JSON number text; `nil` unless `text` is valid RFC 8259 number syntax.
    public init?(_ text: String) {
        guard Self.isValidSyntax(text) else { return nil }
        self.text = text
    }

    /// Creates a number from any integer.
    public init(_ value: some BinaryInteger) {
        self.text = value.description
    }

    /// Creates a number from a `Double`, in its shortest round-tripping form (`100`, `0.1`, `1e+308`);
    /// `nil` for infinities and NaN, which JSON cannot represent.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.text = Self.format(value)
    }

    /// Creates a number from a `Float`, in its shortest round-tripping form; `nil` if not finite.
    public init?(_ value: Float) {
        guard value.isFinite else { return nil }
        self.text = Self.format(value)
    }

    public var description: String { text }

    /// True when the text has neither fraction nor exponent (`-12`, not `1.0` or `1e2`).
    public var isIntegerLiteral: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value as `Int`, if it is an integer that fits (`1e2` and `3.0` count as integers).
    public var int: Int? { integer(as: Int.self) }
    /// The value as `Int64`, if it is an integer that fits.
    public var int64: Int64? { integer(as: Int64.self) }
    /// The value as `UInt64`, if it is a non-negative integer that fits.
    public var uint64: UInt64? { integer(as: UInt64.self) }
    /// The value as the nearest `Double`; `nil` if it overflows to infinity.
    public var double: Double? {
        guard let d = Double(text), d.isFinite else { return nil }
        return d
    }
    /// The exact decimal text (the same as ``text``), for callers that keep arbitrary precision.
    public var decimalString: String { text }

    /// The value converted to an integer type, exactly; `nil` on overflow or a fractional value.
    public func integer<T: FixedWidthInteger>(as type: T.Type) -> T? {
        switch Self.parseInteger(text, as: T.self) {
        case .value(let v): return v
        case .overflow: return nil
        case .notInteger:
            guard let d = Double(text), d.isFinite, d.rounded(.towardZero) == d else { return nil }
            return T(exactly: d)
        }
    }

    enum IntegerParse<T> {
        case value(T)
        case overflow
        case notInteger
    }

    /// Parses `-?[0-9]+` straight into `T` with overflow checks (no intermediate `Double`).
    static func parseInteger<T: FixedWidthInteger>(_ text: String, as: T.Type) -> IntegerParse<T> {
        var result: T = 0
        var negative = false
        var first = true
        for byte in text.utf8 {
            if first {
                first = false
                if byte == UInt8(ascii: "-") {
                    negative = true
                    continue
                }
            }
            guard byte &- UInt8(ascii: "0") < 10 else { return .notInteger }
            let digit = T(truncatingIfNeeded: byte &- UInt8(ascii: "0"))
            let (times10, o1) = result.multipliedReportingOverflow(by: 10)
            let (next, o2) =
                negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            if o1 || o2 { return .overflow }
            result = next
        }
        return .value(result)
    }

    /// Shortest round-tripping text of a finite binary float, without a redundant `.0`
    /// (as Foundation's `JSONEncoder` writes: `100`, not `100.0`).
    static func format<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) -> String {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// RFC 8259: `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`
    static func isValidSyntax(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] &- UInt8(ascii: "0") < 10 { i += 1 }
            return i - start
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count else { return false }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else if digits() == 0 {
            return false
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == bytes.count
    }
}
