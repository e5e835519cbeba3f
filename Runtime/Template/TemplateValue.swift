/// A generic, order-preserving value from a CloudFormation/SAM template.
///
/// Short-form tags (`!Ref`, `!Sub`, …) are converted to their long forms while loading, so
/// `!GetAtt Table.Arn` is stored as `.map(["Fn::GetAtt": ["Table", "Arn"]])`.
/// Numbers keep their source text (`1.10` stays `"1.10"`), so nothing is lost in round trips.
public enum TemplateValue: Sendable, Hashable {
    /// A string (quoted scalars and plain scalars that are not numbers, booleans or null).
    case string(String)
    /// A number, kept as its source text (`"30"`, `"0.5"`, `"1e3"`).
    case number(String)
    /// A YAML 1.1 boolean (`true`, `false`, `yes`, `no`, `on`, `off` in any of YAML's casings).
    case bool(Bool)
    /// `null`, `~` or an empty value.
    case null
    /// A sequence.
    case list([TemplateValue])
    /// A mapping, in source order.
    case map(TemplateMap)
}

extension TemplateValue {
    /// The string when this is `.string`.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The text of a scalar: strings as-is, numbers as written, booleans as `true`/`false`.
    /// `nil` for null, lists and maps.
    public var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// An integer from a number or a numeric string (`30`, `"30"`).
    public var intValue: Int? {
        switch self {
        case .number(let text), .string(let text):
            return Int(text.trimmingWhitespace())
        default: return nil
        }
    }

    /// A floating-point value from a number or a numeric string.
    public var doubleValue: Double? {
        switch self {
        case .number(let text), .string(let text):
            return Double(text.trimmingWhitespace())
        default: return nil
        }
    }

    /// A boolean from `.bool` or the strings `"true"`/`"false"` (any case), as CloudFormation accepts.
    public var boolValue: Bool? {
        switch self {
        case .bool(let flag): return flag
        case .string(let text):
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// The elements when this is `.list`.
    public var listValue: [TemplateValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    /// The mapping when this is `.map`.
    public var mapValue: TemplateMap? {
        if case .map(let map) = self { return map }
        return nil
    }

    /// Whether this is `.null`.
    public var isNull: Bool { self == .null }

    /// The value for `key` when this is a map.
    public subscript(key: String) -> TemplateValue? { mapValue?[key] }

    /// The element at `index` when this is a list and the index is in range.
    public subscript(index: Int) -> TemplateValue? {
        guard let items = listValue, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The intrinsic function this value calls, when it is a one-key map whose key is `Ref` or
    /// starts with `Fn::` (for example `{"Fn::Sub": "…"}`).
    public var intrinsic: Intrinsic? {
        guard case .map(let map) = self, map.count == 1, let entry = map.entries.first,
            entry.key == "Ref" || entry.key.hasPrefix("Fn::")
        else { return nil }
        return Intrinsic(name: entry.key, argument: entry.value)
    }

    /// A short description of the kind of value, for error messages ("a string", "a list", …).
    public var kindDescription: String {
        switch self {
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .list: return "a list"
        case .map: return intrinsic.map { "an intrinsic function (\($0.name))" } ?? "a mapping"
        }
    }
}

/// An intrinsic function call found in a template (`{"Fn::Join": [...]}`).
public struct Intrinsic: Sendable, Hashable {
    /// The long-form name: `Ref`, `Fn::GetAtt`, `Fn::Sub`, ….
    public var name: String
    /// The argument exactly as written in the template.
    public var argument: TemplateValue
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .map(TemplateMap(elements.map { TemplateMap.Entry(key: $0.0, value: $0.1) }))
    }
    public init(nilLiteral: ()) { self = .null }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
