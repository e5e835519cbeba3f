import SluiceJSON

/// DynamoDB JSON written straight to bytes, without a ``JSONValue`` tree: the table server answers every
/// query with its items this way. The bytes are exactly those `SluiceJSONEncoder` writes for the value
/// (compact, members in the dictionary's own order).
extension AttributeValue {
    /// Appends the value's DynamoDB JSON (`{"S":"x"}`, `{"M":{…}}`, …) to `out`.
    public func appendJSON(to out: inout [UInt8]) {
        switch self {
        case .s(let text):
            out.append(contentsOf: #"{"S":"#.utf8)
            JSONSerializer.appendString(text, to: &out)
        case .n(let text):
            out.append(contentsOf: #"{"N":"#.utf8)
            JSONSerializer.appendString(text, to: &out)
        case .b(let bytes):
            out.append(contentsOf: #"{"B":"#.utf8)
            JSONSerializer.appendString(Base64.encode(bytes), to: &out)
        case .bool(let flag):
            out.append(contentsOf: #"{"BOOL":"#.utf8)
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null:
            out.append(contentsOf: #"{"NULL":true"#.utf8)
        case .m(let map):
            out.append(contentsOf: #"{"M":"#.utf8)
            map.appendJSON(to: &out)
        case .l(let list):
            out.append(contentsOf: #"{"L":["#.utf8)
            for (index, element) in list.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.appendJSON(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .ss(let strings):
            out.append(contentsOf: #"{"SS":"#.utf8)
            Self.appendStrings(strings, to: &out)
        case .ns(let strings):
            out.append(contentsOf: #"{"NS":"#.utf8)
            Self.appendStrings(strings, to: &out)
        case .bs(let binaries):
            out.append(contentsOf: #"{"BS":"#.utf8)
            Self.appendStrings(binaries.map(Base64.encode), to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func appendStrings(_ strings: [String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, text) in strings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONSerializer.appendString(text, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}

extension Dictionary where Key == String, Value == AttributeValue {
    /// Appends the item (or `M` map) as a JSON object of DynamoDB JSON values to `out`.
    public func appendJSON(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        var first = true
        for (name, attribute) in self {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONSerializer.appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
            attribute.appendJSON(to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
