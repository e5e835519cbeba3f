import DynamoModel

/// Which dataset a stream record belongs to: one dataset per entity of a single-table design.
///
/// Rules are tried in order against the record's image (NewImage, or OldImage/Keys for REMOVE); the first
/// whose conditions all hold names the dataset. Records no rule claims go to the fallback dataset.
///
/// ```swift
/// var mapping = DatasetMapping.standard          // users, tasks, items
/// mapping.rules.append(.init(dataset: "orders", conditions: [.hasPrefix("SK", "ORDER#")], keys: ["PK", "SK"]))
/// mapping.fallback = .tableName                  // the generic dataset is named after the table
/// ```
public struct DatasetMapping: Sendable, Hashable {
    /// One test on a string (`S`) attribute.
    public struct Condition: Sendable, Hashable {
        public enum Test: Sendable, Hashable {
            case equals(String)
            case hasPrefix(String)
        }
        public var attribute: String
        public var test: Test

        public init(attribute: String, test: Test) {
            self.attribute = attribute
            self.test = test
        }

        public static func equals(_ attribute: String, _ value: String) -> Condition {
            Condition(attribute: attribute, test: .equals(value))
        }

        public static func hasPrefix(_ attribute: String, _ prefix: String) -> Condition {
            Condition(attribute: attribute, test: .hasPrefix(prefix))
        }

        func matches(_ item: Item) -> Bool {
            guard case .s(let value)? = item[attribute] else { return false }
            switch test {
            case .equals(let expected): return value == expected
            case .hasPrefix(let prefix): return value.hasPrefix(prefix)
            }
        }
    }

    /// A dataset and the records it takes.
    public struct Rule: Sendable, Hashable {
        /// The dataset name (sanitised by ``LakeLayout/sanitize(_:)`` before use).
        public var dataset: String
        /// All must hold.
        public var conditions: [Condition]
        /// Key attributes (the item's primary key), recorded in the schema for current-state views;
        /// empty: the names in the first record's `Keys`.
        public var keys: [String]
        /// Column types fixed in advance instead of taken from the first value seen
        /// (for example `.decimal(scale: 2)` for an amount whose first value may be a whole number).
        public var columnTypes: [String: LakeColumnType]

        public init(dataset: String, conditions: [Condition], keys: [String] = [], columnTypes: [String: LakeColumnType] = [:]) {
            self.dataset = dataset
            self.conditions = conditions
            self.keys = keys
            self.columnTypes = columnTypes
        }
    }

    /// Where records no rule claims go.
    public enum Fallback: Sendable, Hashable {
        /// A fixed dataset name.
        case named(String)
        /// The table's name, from the record's `eventSourceARN` (`…:table/<name>/stream/…`); `items` without one.
        case tableName
    }

    public var rules: [Rule]
    public var fallback: Fallback
    /// Key attributes of the fallback dataset (empty: the names in the first record's `Keys`).
    public var fallbackKeys: [String]
    /// Fixed column types of the fallback dataset.
    public var fallbackColumnTypes: [String: LakeColumnType]

    public init(
        rules: [Rule], fallback: Fallback = .named("items"), fallbackKeys: [String] = [],
        fallbackColumnTypes: [String: LakeColumnType] = [:]
    ) {
        self.rules = rules
        self.fallback = fallback
        self.fallbackKeys = fallbackKeys
        self.fallbackColumnTypes = fallbackColumnTypes
    }

    /// Users, tasks and everything else:
    /// `users` = SK `PROFILE` and PK starting `USER#`; `tasks` = SK starting `TASK#`; other items → `items`.
    public static let standard = DatasetMapping(rules: [
        Rule(dataset: "users", conditions: [.equals("SK", "PROFILE"), .hasPrefix("PK", "USER#")], keys: ["PK", "SK"]),
        Rule(dataset: "tasks", conditions: [.hasPrefix("SK", "TASK#")], keys: ["PK", "SK"]),
    ])

    /// The dataset of an item image (sanitised name), the key attributes configured for it and its fixed types.
    public func resolve(_ item: Item, eventSourceARN: String?) -> (dataset: String, keys: [String], columnTypes: [String: LakeColumnType]) {
        for rule in rules where rule.conditions.allSatisfy({ $0.matches(item) }) {
            return (LakeLayout.sanitize(rule.dataset), rule.keys, rule.columnTypes)
        }
        let name: String
        switch fallback {
        case .named(let n): name = n
        case .tableName: name = Self.tableName(eventSourceARN) ?? "items"
        }
        return (LakeLayout.sanitize(name), fallbackKeys, fallbackColumnTypes)
    }

    /// The table name in a stream or table ARN.
    static func tableName(_ arn: String?) -> String? {
        guard let arn, let range = arn.firstRange(of: ":table/") else { return nil }
        let rest = arn[range.upperBound...]
        let name = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        return name?.isEmpty == false ? name : nil
    }
}
