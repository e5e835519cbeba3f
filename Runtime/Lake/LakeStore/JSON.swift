import DynamoModel

/// A small JSON value for the lake's own files (`_schema.json`, `_manifest.json`), without Foundation.
///
/// Objects keep their member order (the files are written in a stable order so they diff well);
/// numbers keep their text so nothing is rounded.
public enum LakeJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([LakeJSON])
    case object([(String, LakeJSON)])

    public static func == (a: LakeJSON, b: LakeJSON) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
    }

    /// The member named `key` of an object.
    public subscript(key: String) -> LakeJSON? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var arrayValue: [LakeJSON]? { if case .array(let a) = self { a } else { nil } }
    public var objectValue: [(String, LakeJSON)]? { if case .object(let o) = self { o } else { nil } }
    public var intValue: Int? { if case .number(let n) = self { Int(n) } else { nil } }

    /// Compact JSON text.
    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// JSON text with one member per line at the top two levels (for files people read).
    public var prettyText: String {
        var out = ""
        writePretty(to: &out, indent: "")
        out += "\n"
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): JSONWriter.quote(s, to: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(to: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, (k, v)) in o.enumerated() {
                if i > 0 { out += "," }
                JSONWriter.quote(k, to: &out)
                out += ":"
                v.write(to: &out)
            }
            out += "}"
        }
    }

    private func writePretty(to out: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .array(let a) where !a.isEmpty && indent.count < 4:
            out += "[\n"
            for (i, v) in a.enumerated() {
                out += inner
                v.writePretty(to: &out, indent: inner)
                out += i == a.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let o) where !o.isEmpty && indent.count < 4:
            out += "{\n"
            for (i, (k, v)) in o.enumerated() {
                out += inner
                JSONWriter.quote(k, to: &out)
                out += ": "
                v.writePretty(to: &out, indent: inner)
                out += i == o.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        default:
            write(to: &out)
        }
    }

    /// Parses JSON text; throws `LakeError.corrupt` on malformed input.
    public static func parse(_ bytes: [UInt8]) throws -> LakeJSON {
        var p = JSONParser(bytes: bytes)
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == bytes.count else { throw p.fail("trailing characters") }
        return v
    }

    public static func parse(_ text: String) throws -> LakeJSON { try parse(Array(text.utf8)) }
}

private struct JSONParser {
    let bytes: [UInt8]
    var i = 0

    func fail(_ what: String) -> LakeError { .corrupt("JSON: \(what) at byte \(i)") }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    mutating func literal(_ word: String, _ v: LakeJSON) throws -> LakeJSON {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw fail("bad literal") }
        i += w.count
        return v
    }

    mutating func value(depth: Int) throws -> LakeJSON {
        guard depth < 64 else { throw fail("nesting too deep") }
        guard i < bytes.count else { throw fail("unexpected end") }
        switch bytes[i] {
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "["):
            i += 1
            var out: [LakeJSON] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
            while true {
                skipSpace()
                out.append(try value(depth: depth + 1))
                skipSpace()
                guard i < bytes.count else { throw fail("unterminated array") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
                throw fail("expected , or ]")
            }
        case UInt8(ascii: "{"):
            i += 1
            var out: [(String, LakeJSON)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
                let key = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected :") }
                i += 1
                skipSpace()
                out.append((key, try value(depth: depth + 1)))
                skipSpace()
                guard i < bytes.count else { throw fail("unterminated object") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
                throw fail("expected , or }")
            }
        default:
            let start = i
            while i < bytes.count, let c = Optional(bytes[i]),
                (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                    || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
            {
                i += 1
            }
            guard i > start else { throw fail("unexpected character") }
            return .number(String(decoding: bytes[start..<i], as: UTF8.self))
        }
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("bad \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    mutating func string() throws -> String {
        i += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let c = bytes[i]
            i += 1
            if c == UInt8(ascii: "\"") { break }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                continue
            }
            guard i < bytes.count else { throw fail("unterminated escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00, i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"),
                    bytes[i + 1] == UInt8(ascii: "u")
                {
                    i += 2
                    let low = try hex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

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
