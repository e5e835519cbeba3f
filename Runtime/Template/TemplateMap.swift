/// An ordered string-keyed mapping: keys keep the order they had in the template.
///
/// Lookups are linear, which is fine for template-sized mappings.
public struct TemplateMap: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// One key/value pair.
    public struct Entry: Sendable, Hashable {
        /// The key.
        public var key: String
        /// The value.
        public var value: TemplateValue
        /// Creates an entry.
        public init(key: String, value: TemplateValue) {
            self.key = key
            self.value = value
        }
    }

    /// The pairs, in source order.
    public private(set) var entries: [Entry]

    /// Creates a mapping from pairs; a later duplicate key replaces the earlier value in place.
    public init(_ entries: [Entry] = []) {
        self.entries = []
        for entry in entries { self[entry.key] = entry.value }
    }

    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(elements.map { Entry(key: $0.0, value: $0.1) })
    }

    /// The keys, in order.
    public var keys: [String] { entries.map(\.key) }

    /// The values, in order.
    public var values: [TemplateValue] { entries.map(\.value) }

    /// Reads or writes the value for `key`. Writing `nil` removes the key; writing a new key appends it.
    public subscript(key: String) -> TemplateValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
            }
        }
    }

    /// Whether the mapping has `key`.
    public func contains(key: String) -> Bool { entries.contains { $0.key == key } }

    /// A copy with the values transformed, keys unchanged.
    public func mapValues(_ transform: (TemplateValue) throws -> TemplateValue) rethrows -> TemplateMap {
        TemplateMap(try entries.map { Entry(key: $0.key, value: try transform($0.value)) })
    }

    /// A dictionary view (order lost).
    public var dictionary: [String: TemplateValue] {
        Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    // MARK: RandomAccessCollection

    public var startIndex: Int { entries.startIndex }
    public var endIndex: Int { entries.endIndex }
    public subscript(position: Int) -> Entry { entries[position] }
}
