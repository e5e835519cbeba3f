/// Splitting and percent-coding of URL query strings, as API Gateway does when it fills
/// `queryStringParameters` and `multiValueQueryStringParameters` from the raw query.
public enum QueryString {
    /// The `name=value` pairs of a raw query string (without the `?`), in order, percent-decoded.
    ///
    /// `+` decodes to a space; a pair without `=` has an empty value; empty pairs are skipped.
    public static func parse(_ raw: String) -> [(name: String, value: String)] {
        raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let eq = pair.firstIndex(of: "=") {
                return (decode(pair[..<eq]), decode(pair[pair.index(after: eq)...]))
            }
            return (decode(pair), "")
        }
    }

    /// Values of repeated names joined with commas, as in payload 2.0's `queryStringParameters`.
    public static func joined(_ pairs: [(name: String, value: String)]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in pairs {
            result[name] = result[name].map { "\($0),\(value)" } ?? value
        }
        return result
    }

    /// All values of each name, as in payload 1.0's `multiValueQueryStringParameters`.
    public static func multiValued(_ pairs: [(name: String, value: String)]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (name, value) in pairs { result[name, default: []].append(value) }
        return result
    }

    /// The last value of each name, as in payload 1.0's `queryStringParameters`.
    public static func lastValues(_ pairs: [(name: String, value: String)]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in pairs { result[name] = value }
        return result
    }

    /// Percent-decodes text; `+` becomes a space when `plusAsSpace`. Malformed escapes are kept as they are,
    /// and bytes that do not form UTF-8 are replaced with U+FFFD.
    public static func decode<S: StringProtocol>(_ text: S, plusAsSpace: Bool = true) -> String {
        let utf8 = Array(text.utf8)
        var out = [UInt8]()
        out.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            let c = utf8[i]
            if c == UInt8(ascii: "%"), i + 2 < utf8.count, let hi = hexValue(utf8[i + 1]), let lo = hexValue(utf8[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
                continue
            }
            out.append(plusAsSpace && c == UInt8(ascii: "+") ? UInt8(ascii: " ") : c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters (`A–Z a–z 0–9 - . _ ~`),
    /// plus any characters in `allowed` (pass `"/"` to encode a path).
    public static func encode(_ text: String, allowed: String = "") -> String {
        let extra = Set(allowed.utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(c)
            default:
                if extra.contains(c) {
                    out.append(c)
                } else {
                    out += [UInt8(ascii: "%"), hex[Int(c >> 4)], hex[Int(c & 0x0F)]]
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
