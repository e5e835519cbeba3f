/// DynamoDB returns numbers normalised (`"1.50"` → `"1.5"`, `"1E+3"` → `"1000"`, `"-0"` → `"0"`):
/// values are normalised once, when they are stored.
extension AttributeValue {
    /// The value with every number (also inside sets, lists and maps) in DynamoDB's normalised text.
    /// Text that does not parse as a number is kept (validation reports it elsewhere).
    public var normalizingNumbers: AttributeValue {
        func number(_ text: String) -> String { (try? DynamoNumber(parsing: text))?.description ?? text }
        switch self {
        case .n(let text): return .n(number(text))
        case .ns(let texts): return .ns(texts.map(number))
        case .m(let map): return .m(map.mapValues(\.normalizingNumbers))
        case .l(let list): return .l(list.map(\.normalizingNumbers))
        default: return self
        }
    }
}

extension Dictionary where Key == String, Value == AttributeValue {
    /// The item with every number normalised (see ``AttributeValue/normalizingNumbers``).
    public var normalizingNumbers: Item { mapValues(\.normalizingNumbers) }
}
