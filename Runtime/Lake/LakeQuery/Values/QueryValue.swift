/// One value of a query result (or a literal); `.null` is SQL NULL.
public enum QueryValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case string(String)
    case int64(Int64)
    case double(Double)
    /// An unscaled decimal: `decimal(12345, scale: 2)` is 123.45.
    case decimal(Int128, scale: Int)
    case boolean(Bool)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since the epoch, UTC.
    case timestamp(Int64)
    case binary([UInt8])

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// Text as DuckDB prints it (`NULL` for null, ISO dates, `+00` timestamps, fixed-scale decimals).
    public var description: String {
        switch self {
        case .null: "NULL"
        case .string(let s): s
        case .int64(let v): String(v)
        case .double(let v): Self.format(v)
        case .decimal(let v, let s): Self.format(decimal: v, scale: s)
        case .boolean(let b): b ? "true" : "false"
        case .date(let d): CivilDate.format(days: d)
        case .timestamp(let t): CivilDate.format(micros: t)
        case .binary(let b): b.map { byte in
                (0x20..<0x7f).contains(byte) && byte != 0x5c
                    ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }.joined()
        }
    }

    /// A double as DuckDB prints it: integral values keep `.0`, others use the shortest round-trip form.
    static func format(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        return v.description
    }

    /// An unscaled decimal with `scale` fraction digits.
    static func format(decimal v: Int128, scale: Int) -> String {
        let negative = v < 0
        let digits = String(negative ? Int128(0) - v : v)
        guard scale > 0 else { return (negative ? "-" : "") + digits }
        let padded = digits.leftPadded(scale + 1, with: "0")
        let cut = padded.index(padded.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + padded[..<cut] + "." + padded[cut...]
    }

    /// The value as a double (numbers only).
    var doubleValue: Double? {
        switch self {
        case .int64(let v): Double(v)
        case .double(let v): v
        case .decimal(let v, let s): Double(v) / Decimal128.pow10Double(s)
        default: nil
        }
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

/// Powers of ten and rescaling of unscaled decimals.
enum Decimal128 {
    static let powers: [Int128] = {
        var out: [Int128] = [1]
        for _ in 0..<38 { out.append(out.last! * 10) }
        return out
    }()

    static func pow10(_ n: Int) -> Int128 { powers[max(0, min(38, n))] }
    static func pow10Double(_ n: Int) -> Double { Double(pow10(n)) }

    /// `v` (scale `from`) at scale `to`, rounding half away from zero when digits are dropped.
    static func rescale(_ v: Int128, from: Int, to: Int) -> Int128 {
        if to == from { return v }
        if to > from { return v &* pow10(to - from) }
        let d = pow10(from - to)
        let q = v / d
        let r = v % d
        if r * 2 >= d { return q + 1 }
        if r * 2 <= -d { return q - 1 }
        return q
    }

    /// Parses `-12.345` into an unscaled value and its scale.
    static func parse(_ text: String) -> (Int128, scale: Int)? {
        var negative = false
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { negative = digits.first == "-"; digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !digits.isEmpty else { return nil }
        let whole = parts[0]
        let frac = parts.count == 2 ? parts[1] : ""
        guard (whole + frac).allSatisfy(\.isASCIIDigit), !(whole + frac).isEmpty, whole.count + frac.count <= 38 else { return nil }
        guard let v = Int128(String(whole + frac)) else { return nil }
        return (negative ? -v : v, frac.count)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// Proleptic Gregorian calendar conversions (Howard Hinnant's algorithms), UTC only.
enum CivilDate {
    /// Days since 1970-01-01 for a calendar date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The calendar date of a day number.
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func format(days: Int32) -> String {
        let c = civil(Int(days))
        return String(c.year).leftPadded(4) + "-" + String(c.month).leftPadded(2) + "-" + String(c.day).leftPadded(2)
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]+00` like DuckDB's TIMESTAMPTZ in a UTC session.
    static func format(micros: Int64) -> String {
        let perDay: Int64 = 86_400_000_000
        var days = micros / perDay
        var rest = micros % perDay
        if rest < 0 { rest += perDay; days -= 1 }
        let secs = rest / 1_000_000
        let frac = rest % 1_000_000
        var out = format(days: Int32(days)) + " " + String(secs / 3600).leftPadded(2) + ":"
            + String(secs / 60 % 60).leftPadded(2) + ":" + String(secs % 60).leftPadded(2)
        if frac != 0 {
            var f = String(frac).leftPadded(6)
            while f.hasSuffix("0") { f.removeLast() }
            out += "." + f
        }
        return out + "+00"
    }

    /// Parses `YYYY-MM-DD`.
    static func parseDate(_ s: String) -> Int32? {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let days = self.days(year: y, month: m, day: d)
        guard civil(days) == (y, m, d) else { return nil }
        return Int32(days)
    }

    /// Parses `YYYY-MM-DD[ |T]HH:MM[:SS[.ffffff]][Z|+00|+00:00]` (UTC offsets only) or a bare date.
    static func parseTimestamp(_ s: String) -> Int64? {
        var text = Substring(s)
        for suffix in ["Z", "+00:00", "+00"] where text.hasSuffix(suffix) { text = text.dropLast(suffix.count); break }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 1 || parts.count == 2, let day = parseDate(String(parts[0])) else { return nil }
        var micros = Int64(day) * 86_400_000_000
        if parts.count == 2 {
            let hms = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard hms.count == 2 || hms.count == 3, let h = Int64(hms[0]), let m = Int64(hms[1]),
                  (0..<24).contains(h), (0..<60).contains(m) else { return nil }
            micros += (h * 3600 + m * 60) * 1_000_000
            if hms.count == 3 {
                let sf = hms[2].split(separator: ".", omittingEmptySubsequences: false)
                guard sf.count <= 2, let sec = Int64(sf[0]), (0..<60).contains(sec) else { return nil }
                micros += sec * 1_000_000
                if sf.count == 2 {
                    let f = String(sf[1].prefix(6)).padding6()
                    guard let fv = Int64(f) else { return nil }
                    micros += fv
                }
            }
        }
        return micros
    }
}

private extension String {
    func padding6() -> String { count >= 6 ? self : self + String(repeating: "0", count: 6 - count) }
}
