extension TemplateValue: CustomStringConvertible {
    /// Compact JSON text for this value (numbers are emitted as written; keys keep their order).
    public var jsonText: String {
        var output = ""
        write(into: &output)
        return output
    }

    /// The compact JSON text, so values print readably in messages and tests.
    public var description: String { jsonText }

    private func write(into output: inout String) {
        switch self {
        case .string(let text): output += Self.quoted(text)
        case .number(let text):
            // YAML numbers such as `0x1F`, `1_000` or `.inf` are not JSON numbers: emit them as strings.
            output += Self.isJSONNumber(text) ? text : Self.quoted(text)
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .list(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(into: &output)
            }
            output += "]"
        case .map(let map):
            output += "{"
            for (index, entry) in map.entries.enumerated() {
                if index > 0 { output += "," }
                output += Self.quoted(entry.key)
                output += ":"
                entry.value.write(into: &output)
            }
            output += "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    static func isJSONNumber(_ text: String) -> Bool {
        var chars = Substring(text)
        if chars.first == "-" { chars.removeFirst() }
        guard let first = chars.first, first.isASCII, first.isNumber else { return false }
        if first == "0", chars.count > 1, let second = chars.dropFirst().first, second.isNumber { return false }
        var seenDot = false
        var seenExponent = false
        var previous: Character = first
        for char in chars.dropFirst() {
            switch char {
            case "0"..."9": break
            case "." where !seenDot && !seenExponent && previous.isNumber: seenDot = true
            case "e", "E":
                guard !seenExponent, previous.isNumber else { return false }
                seenExponent = true
            case "+", "-": guard previous == "e" || previous == "E" else { return false }
            default: return false
            }
            previous = char
        }
        return previous.isNumber
    }
}
