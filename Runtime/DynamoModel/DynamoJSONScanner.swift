import SluiceJSON

/// Reads DynamoDB JSON (items and attribute values) straight from UTF-8 bytes, without a `JSONValue` tree:
/// a client reads every query's items this way.
///
/// It reads only the plain form and returns nil for anything else, and callers then take the general path
/// (`JSONParser` and the coders), which accepts or rejects it with its own errors. Plain means: strings of
/// printable ASCII without escapes, integers in plain digits, attribute values with exactly one well-typed
/// member, nesting at most ``maximumDepth`` deep. Whatever it accepts, the general path reads the same way.
public struct DynamoJSONScanner {
    /// Deeper `M`/`L` nesting goes to the general path.
    public static let maximumDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    /// The position of the next byte to read.
    public private(set) var position = 0
    /// How many attributes the last top-level item had: the next one's dictionary starts that large
    /// (a query's items look alike), so it is not grown and rehashed step by step.
    private var itemCountHint = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Whether only JSON whitespace is left.
    public mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return position == bytes.count
    }

    public mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Consumes `byte` (after whitespace) when it is next.
    public mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Consumes the literal `null` when it is next.
    public mutating func consumeNull() -> Bool {
        skipWhitespace()
        guard position + 4 <= bytes.count, bytes[position] == UInt8(ascii: "n"), bytes[position + 1] == UInt8(ascii: "u"),
            bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l")
        else { return false }
        position += 4
        return true
    }

    /// A string of printable ASCII without escapes.
    public mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
            position += 1
        }
        return nil
    }

    /// An integer in plain digits (`0`, `-12`): no fraction, exponent or leading zero.
    public mutating func integer() -> Int? {
        skipWhitespace()
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let digits = position
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") { position += 1 }
        guard position > digits, position - digits == 1 || bytes[digits] != UInt8(ascii: "0") else { return nil }
        if position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
            default: break
            }
        }
        return Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
    }

    /// `true` or `false`.
    public mutating func boolean() -> Bool? {
        skipWhitespace()
        if position + 4 <= bytes.count, bytes[position] == UInt8(ascii: "t"), bytes[position + 1] == UInt8(ascii: "r"),
            bytes[position + 2] == UInt8(ascii: "u"), bytes[position + 3] == UInt8(ascii: "e")
        {
            position += 4
            return true
        }
        if position + 5 <= bytes.count, bytes[position] == UInt8(ascii: "f"), bytes[position + 1] == UInt8(ascii: "a"),
            bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "s"), bytes[position + 4] == UInt8(ascii: "e")
        {
            position += 5
            return false
        }
        return nil
    }

    /// Calls `member` with each key of an object, positioned at its value; nil when the object is not well
    /// formed or `member` returns false.
    public mutating func object(_ member: (inout DynamoJSONScanner, String) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        while true {
            guard let key = string(), consume(UInt8(ascii: ":")), member(&self, key) else { return false }
            if consume(UInt8(ascii: "}")) { return true }
            guard consume(UInt8(ascii: ",")) else { return false }
        }
    }

    /// Calls `element` at each element of an array; false when the array is not well formed or `element` fails.
    public mutating func array(_ element: (inout DynamoJSONScanner) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "[")) else { return false }
        if consume(UInt8(ascii: "]")) { return true }
        while true {
            guard element(&self) else { return false }
            if consume(UInt8(ascii: "]")) { return true }
            guard consume(UInt8(ascii: ",")) else { return false }
        }
    }

    /// An item (or an `M` map): a repeated name keeps its last value, as the general path does.
    public mutating func item(depth: Int = 0) -> Item? {
        guard depth < Self.maximumDepth else { return nil }
        var item: Item = depth == 0 && itemCountHint > 0 ? Item(minimumCapacity: itemCountHint) : [:]
        let read = object { scanner, name in
            guard let value = scanner.attributeValue(depth: depth + 1) else { return false }
            item[name] = value
            return true
        }
        guard read else { return nil }
        if depth == 0 { itemCountHint = item.count }
        return item
    }

    /// The ten attribute type names.
    private enum TypeName { case s, n, b, bool, null, m, l, ss, ns, bs }

    /// An attribute value's type name (`"S"`, `"BOOL"`…) read as bytes, without making a string.
    private mutating func typeName() -> TypeName? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), position - start < 4 { position += 1 }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        defer { position += 1 }
        let first = bytes[start]
        switch position - start {
        case 1:
            switch first {
            case UInt8(ascii: "S"): return .s
            case UInt8(ascii: "N"): return .n
            case UInt8(ascii: "B"): return .b
            case UInt8(ascii: "M"): return .m
            case UInt8(ascii: "L"): return .l
            default: return nil
            }
        case 2:
            guard bytes[start + 1] == UInt8(ascii: "S") else { return nil }
            switch first {
            case UInt8(ascii: "S"): return .ss
            case UInt8(ascii: "N"): return .ns
            case UInt8(ascii: "B"): return .bs
            default: return nil
            }
        case 4:
            if first == UInt8(ascii: "B"), bytes[start + 1] == UInt8(ascii: "O"), bytes[start + 2] == UInt8(ascii: "O"),
                bytes[start + 3] == UInt8(ascii: "L")
            {
                return .bool
            }
            if first == UInt8(ascii: "N"), bytes[start + 1] == UInt8(ascii: "U"), bytes[start + 2] == UInt8(ascii: "L"),
                bytes[start + 3] == UInt8(ascii: "L")
            {
                return .null
            }
            return nil
        default: return nil
        }
    }

    /// One attribute value (`{"S":"x"}` and the other nine types).
    public mutating func attributeValue(depth: Int) -> AttributeValue? {
        guard depth < Self.maximumDepth, consume(UInt8(ascii: "{")), let type = typeName(), consume(UInt8(ascii: ":")) else { return nil }
        let value: AttributeValue
        switch type {
        case .s:
            guard let text = string() else { return nil }
            value = .s(text)
        case .n:
            guard let text = string() else { return nil }
            value = .n(text)
        case .b:
            guard let text = string(), let decoded = Base64.decode(text) else { return nil }
            value = .b(decoded)
        case .bool:
            guard let flag = boolean() else { return nil }
            value = .bool(flag)
        case .null:
            guard boolean() == true else { return nil }
            value = .null
        case .m:
            guard let map = item(depth: depth + 1) else { return nil }
            value = .m(map)
        case .l:
            var list: [AttributeValue] = []
            guard array({ scanner in
                guard let element = scanner.attributeValue(depth: depth + 1) else { return false }
                list.append(element)
                return true
            }) else { return nil }
            value = .l(list)
        case .ss, .ns, .bs:
            var strings: [String] = []
            guard array({ scanner in
                guard let text = scanner.string() else { return false }
                strings.append(text)
                return true
            }) else { return nil }
            if type == .ss {
                value = .ss(strings)
            } else if type == .ns {
                value = .ns(strings)
            } else {
                var binaries: [[UInt8]] = []
                for text in strings {
                    guard let decoded = Base64.decode(text) else { return nil }
                    binaries.append(decoded)
                }
                value = .bs(binaries)
            }
        }
        return consume(UInt8(ascii: "}")) ? value : nil
    }
}
