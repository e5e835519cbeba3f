/// Renders a `QueryResult` as text.
public enum ResultFormatter {
    /// An aligned box like DuckDB's CLI: header, type row, rows; numbers right-aligned, NULL shown as `NULL`.
    public static func table(_ result: QueryResult) -> String {
        let header = result.columns.map(\.name)
        let types = result.columns.map { $0.type.description.lowercased() }
        let cells = result.rows.map { row in row.map(\.description) }
        var widths = zip(header, types).map { max($0.count, $1.count) }
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ l: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: m) + r
        }
        func pad(_ s: String, _ w: Int, right: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, w - s.count))
            return right ? fill + s : s + fill
        }
        let numeric = result.columns.map { $0.type.isNumeric && $0.type != .null }
        var out = [line("┌", "┬", "┐")]
        out.append("│" + header.indices.map { " " + pad(header[$0], widths[$0], right: false) + " " }.joined(separator: "│") + "│")
        out.append("│" + types.indices.map { " " + pad(types[$0], widths[$0], right: false) + " " }.joined(separator: "│") + "│")
        out.append(line("├", "┼", "┤"))
        for row in cells {
            out.append("│" + row.indices.map { " " + pad(row[$0], widths[$0], right: numeric[$0]) + " " }.joined(separator: "│") + "│")
        }
        out.append(line("└", "┴", "┘"))
        out.append("\(result.rows.count) row\(result.rows.count == 1 ? "" : "s")")
        return out.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV with a header line and CRLF line ends; fields with `,` `"` CR or LF are quoted, quotes doubled.
    /// NULL is an empty field; an empty string is `""` (so the two stay distinct).
    public static func csv(_ result: QueryResult) -> String {
        func field(_ s: String, forceQuote: Bool = false) -> String {
            if forceQuote || s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
            }
            return s
        }
        var out = result.columns.map { field($0.name) }.joined(separator: ",") + "\r\n"
        for row in result.rows {
            out += row.map { v in
                if v.isNull { return "" }
                let s = v.description
                return field(s, forceQuote: s.isEmpty)
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A JSON array of objects keyed by column name.
    ///
    /// BIGINT and DOUBLE are JSON numbers (non-finite doubles are strings `"inf"`, `"-inf"`, `"nan"`);
    /// DECIMAL values are JSON numbers written with their exact digits (`12.50`), so no precision is lost
    /// by this writer — readers that parse into binary doubles may round 38-digit values;
    /// DATE and TIMESTAMP are ISO strings; BLOB is a string with `\xNN` escapes; NULL is `null`.
    public static func json(_ result: QueryResult) -> String {
        var out = "["
        for (r, row) in result.rows.enumerated() {
            out += r == 0 ? "\n  {" : ",\n  {"
            for (i, v) in row.enumerated() {
                out += (i == 0 ? "" : ", ") + quote(result.columns[i].name) + ": " + json(v)
            }
            out += "}"
        }
        return out + (result.rows.isEmpty ? "]\n" : "\n]\n")
    }

    static func json(_ v: QueryValue) -> String {
        switch v {
        case .null: "null"
        case .int64, .decimal: v.description
        case .boolean(let b): b ? "true" : "false"
        case .double(let d): d.isFinite ? v.description : quote(v.description)
        default: quote(v.description)
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += "\\u" + String(u.value, radix: 16).leftPadded(4) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
