/// A JSON object: key/value members in their original order.
///
/// Members are kept exactly as parsed, including duplicate keys (RFC 8259 leaves their meaning open).
/// Lookups by key return the **last** member with that key, as most JSON parsers (and Foundation) do;
/// the subscript setter replaces that last member in place, or appends a new one.
///
/// Equality is order-sensitive: two objects are equal when they have the same members in the same order.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// One member of an object.
    public typealias Element = (key: String, value: JSONValue)

    @usableFromInline var members: [Element]

    /// An empty object.
    public init() {
        members = []
    }

    /// An object with these members, in this order (duplicate keys are kept).
    public init(_ members: some Sequence<(String, JSONValue)>) {
        self.members = members.map { (key: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.members = elements.map { (key: $0.0, value: $0.1) }
    }

    init(members: [Element]) {
        self.members = members
    }

    // MARK: Collection

    public var startIndex: Int { 0 }
    public var endIndex: Int { members.count }
    public subscript(position: Int) -> Element { members[position] }

    // MARK: Keyed access

    /// The keys, in order (duplicates included).
    public var keys: [String] { members.map(\.key) }
    /// The values, in order.
    public var values: [JSONValue] { members.map(\.value) }

    /// The position of the last member with this key.
    public func lastIndex(forKey key: String) -> Int? {
        var i = members.count
        while i > 0 {
            i -= 1
            if members[i].key == key { return i }
        }
        return nil
    }

    /// The value of the last member with this key. Setting replaces that member's value (keeping its
    /// position) or appends a new member; setting `nil` removes every member with the key.
    public subscript(key: String) -> JSONValue? {
        get {
            lastIndex(forKey: key).map { members[$0].value }
        }
        set {
            if let newValue {
                if let i = lastIndex(forKey: key) {
                    members[i].value = newValue
                } else {
                    members.append((key: key, value: newValue))
                }
            } else {
                members.removeAll { $0.key == key }
            }
        }
    }

    /// Appends a member without looking for an existing one with the same key.
    public mutating func append(key: String, value: JSONValue) {
        members.append((key: key, value: value))
    }

    /// Removes every member with this key; returns the value that lookups saw (the last one).
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        let old = self[key]
        self[key] = nil
        return old
    }

    /// Reserves room for `count` members.
    public mutating func reserveCapacity(_ count: Int) {
        members.reserveCapacity(count)
    }

    /// True when some key occurs more than once.
    public var hasDuplicateKeys: Bool {
        var seen = Set<String>(minimumCapacity: members.count)
        for member in members where !seen.insert(member.key).inserted { return true }
        return false
    }

    /// The same members ordered by key (`String` ordering; stable for duplicate keys).
    public func sortedByKey() -> JSONObject {
        JSONObject(members: members.enumerated().sorted {
            $0.element.key != $1.element.key ? $0.element.key < $1.element.key : $0.offset < $1.offset
        }.map(\.element))
    }

    // MARK: Hashable

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}
