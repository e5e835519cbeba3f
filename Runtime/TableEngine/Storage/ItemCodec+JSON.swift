#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DynamoModel

/// Stored items read without building an ``Item``: their DynamoDB JSON written straight from the stored
/// bytes, and single attributes (the key) picked out. The table server answers plain GetItem and Query
/// requests this way.
extension ItemCodec {
    /// Appends the stored item's DynamoDB JSON to `out`: the bytes `decode(bytes)?.appendJSON(to:)` writes,
    /// with the attributes in their stored order. False when the bytes are not a stored item (`out` is then
    /// unchanged).
    static func appendJSON(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) -> Bool {
        var scratch: [UInt8] = []
        return appendJSON(bytes, to: &out, scratch: &scratch)
    }

    /// ``appendJSON(_:to:)`` writing through `scratch`, which grows to the largest item's bound and can be
    /// passed again for the next item (a page of items then allocates it once).
    static func appendJSON(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8], scratch: inout [UInt8]) -> Bool {
        let bound = jsonBound(bytes.count)
        if scratch.count < bound { scratch = [UInt8](repeating: 0, count: max(bound, 2 * scratch.count)) }
        var written = 0
        let ok = scratch.withUnsafeMutableBufferPointer { buffer in
            var reader = Reader(bytes: bytes)
            var writer = BoundedJSONWriter(buffer)
            defer { written = writer.count }
            return reader.writeMapJSON(to: &writer)
        }
        guard ok else { return false }
        scratch.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<written])) }
        return true
    }

    /// The most JSON bytes a stored item of `storedBytes` bytes can take: each stored byte becomes at most
    /// 16 (a one-byte `BOOL` tag is `,{"BOOL":false}`, a control character in a string `\u00XX`), plus the
    /// outer braces.
    static func jsonBound(_ storedBytes: Int) -> Int { 16 * storedBytes + 16 }

    /// The values of the top-level attributes `names` (`utf8` of each name) in a stored item, nil where
    /// absent; nil when the bytes are not a stored item. The other attributes are skipped, not decoded, and
    /// reading stops once every name is found.
    static func attributes(_ names: [[UInt8]], of bytes: UnsafeRawBufferPointer) -> [AttributeValue?]? {
        var reader = Reader(bytes: bytes)
        guard let n = reader.length() else { return nil }
        var values = [AttributeValue?](repeating: nil, count: names.count)
        var missing = names.count
        for _ in 0..<n {
            guard missing > 0 else { break }  // the rest of the item is not needed (names are unique in an item)
            guard let name = reader.slice() else { return nil }
            var value: AttributeValue?
            for index in names.indices where values[index] == nil && equal(names[index], name) {
                if value == nil {
                    guard let decoded = reader.value() else { return nil }
                    value = decoded
                }
                values[index] = value
                missing -= 1
            }
            if value == nil, !reader.skipValue() { return nil }
        }
        return values
    }

    private static func equal(_ name: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard name.count == bytes.count else { return false }
        guard !name.isEmpty, let base = bytes.baseAddress else { return true }
        return name.withUnsafeBytes { memcmp($0.baseAddress!, base, bytes.count) == 0 }
    }
}

extension ItemCodec.Reader {
    mutating func writeMapJSON(to out: inout BoundedJSONWriter) -> Bool {
        guard let n = length() else { return false }
        out.byte(UInt8(ascii: "{"))
        for index in 0..<n {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            guard let name = slice() else { return false }
            out.string(name)
            out.byte(UInt8(ascii: ":"))
            guard writeValueJSON(to: &out) else { return false }
        }
        out.byte(UInt8(ascii: "}"))
        return true
    }

    /// One value as ``AttributeValue/appendJSON(to:)`` writes it.
    mutating func writeValueJSON(to out: inout BoundedJSONWriter) -> Bool {
        guard let tag = byte() else { return false }
        switch tag {
        case 1, 2:
            guard let text = slice() else { return false }
            out.text(tag == 1 ? #"{"S":"# : #"{"N":"#)
            out.string(text)
        case 3:
            guard let binary = slice() else { return false }
            out.text(#"{"B":"#)
            out.base64(binary)
        case 4: out.text(#"{"BOOL":true"#)
        case 5: out.text(#"{"BOOL":false"#)
        case 6: out.text(#"{"NULL":true"#)
        case 7:
            out.text(#"{"M":"#)
            guard writeMapJSON(to: &out) else { return false }
        case 8:
            guard let n = length() else { return false }
            out.text(#"{"L":["#)
            for index in 0..<n {
                if index > 0 { out.byte(UInt8(ascii: ",")) }
                guard writeValueJSON(to: &out) else { return false }
            }
            out.byte(UInt8(ascii: "]"))
        case 9, 10, 11:
            guard let n = length() else { return false }
            out.text(tag == 9 ? #"{"SS":["# : tag == 10 ? #"{"NS":["# : #"{"BS":["#)
            for index in 0..<n {
                if index > 0 { out.byte(UInt8(ascii: ",")) }
                guard let element = slice() else { return false }
                if tag == 11 { out.base64(element) } else { out.string(element) }
            }
            out.byte(UInt8(ascii: "]"))
        default: return false
        }
        out.byte(UInt8(ascii: "}"))
        return true
    }

    /// Moves past one value without decoding it.
    mutating func skipValue() -> Bool {
        guard let tag = byte() else { return false }
        switch tag {
        case 1, 2, 3: return slice() != nil
        case 4, 5, 6: return true
        case 7:
            guard let n = length() else { return false }
            for _ in 0..<n {
                guard slice() != nil, skipValue() else { return false }
            }
            return true
        case 8:
            guard let n = length() else { return false }
            for _ in 0..<n where !skipValue() { return false }
            return true
        case 9, 10, 11:
            guard let n = length() else { return false }
            for _ in 0..<n where slice() == nil { return false }
            return true
        default: return false
        }
    }
}
