import DynamoModel
import SluiceJSON

/// Stored items read without building an ``Item``: their DynamoDB JSON written straight from the stored
/// bytes, and single attributes (the key) picked out. The table server answers plain GetItem and Query
/// requests this way.
extension ItemCodec {
    /// Appends the stored item's DynamoDB JSON to `out`: the bytes `decode(bytes)?.appendJSON(to:)` writes,
    /// with the attributes in their stored order. False when the bytes are not a stored item (`out` then
    /// holds part of it).
    static func appendJSON(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) -> Bool {
        var reader = Reader(bytes: bytes)
        return reader.appendMapJSON(to: &out)
    }

    /// The values of the top-level attributes `names` (`utf8` of each name) in a stored item, nil where
    /// absent; nil when the bytes are not a stored item. The other attributes are skipped, not decoded.
    static func attributes(_ names: [[UInt8]], of bytes: UnsafeRawBufferPointer) -> [AttributeValue?]? {
        var reader = Reader(bytes: bytes)
        guard let n = reader.length() else { return nil }
        var values = [AttributeValue?](repeating: nil, count: names.count)
        for _ in 0..<n {
            guard let name = reader.slice() else { return nil }
            var wanted = false
            for (index, candidate) in names.enumerated() where candidate.elementsEqual(name) {
                if !wanted {
                    guard let value = reader.value() else { return nil }
                    values[index] = value
                    wanted = true
                } else {
                    values[index] = values[names.firstIndex(of: candidate)!]
                }
            }
            if !wanted, !reader.skipValue() { return nil }
        }
        return values
    }
}

extension ItemCodec.Reader {
    mutating func appendMapJSON(to out: inout [UInt8]) -> Bool {
        guard let n = length() else { return false }
        out.append(UInt8(ascii: "{"))
        for index in 0..<n {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard let name = slice() else { return false }
            JSONSerializer.appendString(utf8: name, to: &out)
            out.append(UInt8(ascii: ":"))
            guard appendValueJSON(to: &out) else { return false }
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    /// One value as ``AttributeValue/appendJSON(to:)`` writes it.
    mutating func appendValueJSON(to out: inout [UInt8]) -> Bool {
        guard let tag = byte() else { return false }
        switch tag {
        case 1, 2:
            out.append(contentsOf: (tag == 1 ? #"{"S":"# : #"{"N":"#).utf8)
            guard let text = slice() else { return false }
            JSONSerializer.appendString(utf8: text, to: &out)
        case 3:
            out.append(contentsOf: #"{"B":"#.utf8)
            guard let binary = slice() else { return false }
            JSONSerializer.appendString(Base64.encode(binary), to: &out)
        case 4: out.append(contentsOf: #"{"BOOL":true"#.utf8)
        case 5: out.append(contentsOf: #"{"BOOL":false"#.utf8)
        case 6: out.append(contentsOf: #"{"NULL":true"#.utf8)
        case 7:
            out.append(contentsOf: #"{"M":"#.utf8)
            guard appendMapJSON(to: &out) else { return false }
        case 8:
            out.append(contentsOf: #"{"L":["#.utf8)
            guard let n = length() else { return false }
            for index in 0..<n {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard appendValueJSON(to: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case 9, 10, 11:
            out.append(contentsOf: (tag == 9 ? #"{"SS":["# : tag == 10 ? #"{"NS":["# : #"{"BS":["#).utf8)
            guard let n = length() else { return false }
            for index in 0..<n {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard let element = slice() else { return false }
                if tag == 11 {
                    JSONSerializer.appendString(Base64.encode(element), to: &out)
                } else {
                    JSONSerializer.appendString(utf8: element, to: &out)
                }
            }
            out.append(UInt8(ascii: "]"))
        default: return false
        }
        out.append(UInt8(ascii: "}"))
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
