#if canImport(Glibc)
import Glibc
#endif

/// The header fields of one HTTP response, kept as the bytes they arrived in.
///
/// The runtime looks up a handful of fields per invocation, so a `[String: String]` (hashing every
/// name, a string per name and value) cost more than the rest of the loop; here a lookup is a byte
/// comparison and only the values asked for become strings.
public struct HTTPHeaderFields: Sendable {
    /// Name and value bytes of every field, back to back (names in ASCII lower case).
    private var storage: [UInt8] = []
    /// Where each field's name and value sit in `storage`.
    private var fields: [(name: Range<Int>, value: Range<Int>)] = []

    public init() {
        storage.reserveCapacity(512)
        fields.reserveCapacity(12)
    }

    /// Adds a field from `name` and `value`, both without the colon or surrounding whitespace.
    public mutating func append(name: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
        let nameStart = storage.count
        storage.append(contentsOf: name)
        let valueStart = storage.count
        storage.withUnsafeMutableBufferPointer { bytes in
            for index in nameStart..<valueStart { bytes[index] = Self.lowercased(bytes[index]) }
        }
        storage.append(contentsOf: value)
        fields.append((nameStart..<valueStart, valueStart..<storage.count))
    }

    /// The value of the first field called `name` (lower case; received names are compared ignoring case), or nil.
    public subscript(name: String) -> String? {
        guard let value = range(of: name) else { return nil }
        return String(decoding: storage[value], as: UTF8.self)
    }

    /// Whether the field called `name` holds `token` (ASCII case ignored), e.g. `chunked` or `close`.
    public func contains(_ name: String, token: String) -> Bool {
        guard let value = range(of: name) else { return false }
        let wanted = Array(token.utf8)
        let bytes = storage[value]
        guard bytes.count >= wanted.count else { return false }
        var index = bytes.startIndex
        while index + wanted.count <= bytes.endIndex {
            if Self.equalIgnoringCase(bytes[index..<(index + wanted.count)], wanted) { return true }
            index += 1
        }
        return false
    }

    /// The value of `name` as a decimal integer, parsed from the bytes.
    public func integer(_ name: String) -> Int64? {
        guard let value = range(of: name), !value.isEmpty, value.count <= 18 else { return nil }
        var result: Int64 = 0
        for byte in storage[value] {
            guard byte &- 48 < 10 else { return nil }
            result = result * 10 + Int64(byte &- 48)
        }
        return result
    }

    /// Every field as (lower-case name, value) strings, in the order received.
    public var all: [(name: String, value: String)] {
        fields.map { (String(decoding: storage[$0.name], as: UTF8.self), String(decoding: storage[$0.value], as: UTF8.self)) }
    }

    /// `name` must be in lower case (every caller passes a literal).
    private func range(of name: String) -> Range<Int>? {
        var name = name
        return name.withUTF8 { wanted in
            storage.withUnsafeBufferPointer { bytes in
                for field in fields where field.name.count == wanted.count
                    && memcmp(bytes.baseAddress! + field.name.lowerBound, wanted.baseAddress!, wanted.count) == 0 {
                    return field.value
                }
                return nil
            }
        }
    }

    private static func equalIgnoringCase(_ bytes: ArraySlice<UInt8>, _ other: [UInt8]) -> Bool {
        var index = bytes.startIndex
        for byte in other {
            if lowercased(bytes[index]) != lowercased(byte) { return false }
            index += 1
        }
        return true
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 { byte &- 65 < 26 ? byte | 0x20 : byte }
}
