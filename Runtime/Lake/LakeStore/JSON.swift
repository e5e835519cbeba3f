import DynamoModel

/// JSON text of strings and attribute values.
public enum JSONWriter {
    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `s` as a JSON string literal.
    public static func quote(_ s: String, to out: inout String) {
        var needsEscape = false
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
            needsEscape = true
            break
        }
        if !needsEscape {
            out += "\""
            out += s
            out += "\""
            return
        }
        var bytes: [UInt8] = [0x22]
        for b in s.utf8 {
            switch b {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20: bytes += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// DynamoDB JSON (`{"S":"x"}`, `{"N":"1.5"}`, …): lossless, used for `_extra`.
    public static func typed(_ v: AttributeValue, to out: inout String) {
        switch v {
        case .s(let s): out += "{\"S\":"; quote(s, to: &out); out += "}"
        case .n(let n): out += "{\"N\":"; quote(n, to: &out); out += "}"
        case .b(let b): out += "{\"B\":\""; out += Base64.encode(b); out += "\"}"
        case .bool(let b): out += b ? "{\"BOOL\":true}" : "{\"BOOL\":false}"
        case .null: out += "{\"NULL\":true}"
        case .ss(let a): out += "{\"SS\":"; stringArray(a, to: &out); out += "}"
        case .ns(let a): out += "{\"NS\":"; stringArray(a, to: &out); out += "}"
        case .bs(let a): out += "{\"BS\":"; stringArray(a.map { Base64.encode($0) }, to: &out); out += "}"
        case .l(let a):
            out += "{\"L\":["
            for (i, x) in a.enumerated() {
                if i > 0 { out += "," }
                typed(x, to: &out)
            }
            out += "]}"
        case .m(let m):
            out += "{\"M\":{"
            for (i, k) in m.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                quote(k, to: &out)
                out += ":"
                typed(m[k]!, to: &out)
            }
            out += "}}"
        }
    }

    /// Plain JSON (DynamoDB types unwrapped), used for M, L and set columns:
    /// S → string, N → number literal with the exact digits (or a string when it is not valid JSON number text),
    /// B → base64 string, BOOL → true/false, NULL → null, SS/NS/BS → arrays, L → array, M → object (keys sorted).
    public static func plain(_ v: AttributeValue, to out: inout String) {
        switch v {
        case .s(let s): quote(s, to: &out)
        case .n(let n): number(n, to: &out)
        case .b(let b): out += "\""; out += Base64.encode(b); out += "\""
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .ss(let a): stringArray(a, to: &out)
        case .ns(let a):
            out += "["
            for (i, n) in a.enumerated() {
                if i > 0 { out += "," }
                number(n, to: &out)
            }
            out += "]"
        case .bs(let a): stringArray(a.map { Base64.encode($0) }, to: &out)
        case .l(let a):
            out += "["
            for (i, x) in a.enumerated() {
                if i > 0 { out += "," }
                plain(x, to: &out)
            }
            out += "]"
        case .m(let m):
            out += "{"
            for (i, k) in m.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                quote(k, to: &out)
                out += ":"
                plain(m[k]!, to: &out)
            }
            out += "}"
        }
    }

    private static func stringArray(_ a: [String], to out: inout String) {
        out += "["
        for (i, s) in a.enumerated() {
            if i > 0 { out += "," }
            quote(s, to: &out)
        }
        out += "]"
    }

    /// A DynamoDB number as a JSON number literal (normalised, exact digits); text that is not a number is quoted.
    private static func number(_ n: String, to out: inout String) {
        if let parsed = try? DynamoNumber(parsing: n) { out += parsed.description } else { quote(n, to: &out) }
    }
}
