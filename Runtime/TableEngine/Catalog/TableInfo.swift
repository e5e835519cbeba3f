import DynamoAPI
import DynamoModel

/// A secondary index as the engine keeps it: its number in the `entries` table, key schema and projection.
struct IndexInfo: Sendable {
    var name: String
    /// The `idx` column of its entries (the table itself is 0).
    var number: Int64
    var keySchema: KeySchema
    var isGlobal: Bool
    var projection: Projection
    var definition: SecondaryIndex

    /// The attributes an index entry keeps of `item` (always the table and index keys).
    func project(_ item: Item, tableKey: KeySchema) -> Item {
        switch projection.projectionType ?? .all {
        case .all:
            return item
        case .keysOnly, .include:
            var out: Item = [:]
            for name in tableKey.names + keySchema.names { out[name] = item[name] }
            for name in projection.nonKeyAttributes ?? [] { out[name] = item[name] }
            return out
        }
    }

    /// Whether a projection of this index holds every attribute a request names.
    func projects(_ names: Set<String>, tableKey: KeySchema) -> Bool {
        switch projection.projectionType ?? .all {
        case .all: return true
        case .keysOnly, .include:
            let kept = Set(tableKey.names + keySchema.names + (projection.nonKeyAttributes ?? []))
            return names.isSubset(of: kept)
        }
    }
}

/// A stream of a table (the latest one; a disabled stream stays readable for 24 hours).
struct StreamInfo: Sendable, Hashable {
    var id: Int64
    var tableName: String
    var label: String
    var viewType: StreamViewType
    var created: Double
    var disabledAt: Double?
    var shardCount: Int
    var keySchema: [KeySchemaElement]
    var enabled: Bool { disabledAt == nil }
}

/// A table as the engine keeps it in memory (loaded from the `tables` catalog).
struct TableInfo: Sendable {
    var name: String
    var id: Int64
    var created: Double
    var definition: CreateTableInput
    var keySchema: KeySchema
    var indexes: [IndexInfo]
    var stream: StreamInfo?
    var ttl: TimeToLiveSpecification?

    init(name: String, id: Int64, created: Double, definition: CreateTableInput, stream: StreamInfo?, ttl: TimeToLiveSpecification?) throws(DynamoError) {
        self.name = name
        self.id = id
        self.created = created
        self.definition = definition
        self.stream = stream
        self.ttl = ttl
        let types = Dictionary(definition.attributeDefinitions.map { ($0.attributeName, $0.attributeType) }, uniquingKeysWith: { a, _ in a })
        keySchema = try Self.schema(definition.keySchema, types: types)
        var indexes: [IndexInfo] = []
        var number: Int64 = 1
        for (list, global) in [(definition.globalSecondaryIndexes ?? [], true), (definition.localSecondaryIndexes ?? [], false)] {
            for index in list {
                indexes.append(IndexInfo(
                    name: index.indexName, number: number, keySchema: try Self.schema(index.keySchema, types: types),
                    isGlobal: global, projection: index.projection, definition: index))
                number += 1
            }
        }
        self.indexes = indexes
    }

    func index(named name: String) throws(DynamoError) -> IndexInfo {
        guard let index = indexes.first(where: { $0.name == name }) else {
            throw .validationException("The table does not have the specified index: \(name)")
        }
        return index
    }

    /// Whether writes of this table produce stream records now.
    var streamEnabled: Bool { stream?.enabled ?? false }

    static func schema(_ elements: [KeySchemaElement], types: [String: KeyAttributeType]) throws(DynamoError) -> KeySchema {
        let hashes = elements.filter { $0.keyType == .hash }, ranges = elements.filter { $0.keyType == .range }
        guard hashes.count == 1, ranges.count <= 1, elements.count == hashes.count + ranges.count,
            elements.first?.keyType == .hash
        else {
            throw .validationException("1 validation error detected: Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
        }
        var resolved: [KeySchema.Element] = []
        for element in hashes + ranges {
            guard let type = types[element.attributeName] else {
                throw .validationException(
                    "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [\(element.attributeName)], AttributeDefinitions: [\(types.keys.sorted().joined(separator: ", "))]"
                )
            }
            resolved.append(KeySchema.Element(name: element.attributeName, type: type))
        }
        return KeySchema(partitionKey: resolved[0], sortKey: resolved.count > 1 ? resolved[1] : nil)
    }

    /// Checks a CreateTable request the way DynamoDB does.
    static func validate(_ input: CreateTableInput) throws(DynamoError) {
        let name = input.tableName
        if name.utf8.count < 3 || name.utf8.count > 255 {
            throw .validationException(
                "1 validation error detected: Value '\(name)' at 'tableName' failed to satisfy constraint: Member must have length \(name.utf8.count < 3 ? "greater than or equal to 3" : "less than or equal to 255")")
        }
        if !name.utf8.allSatisfy({ c in (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D || c == 0x2E }) {
            throw .validationException(
                "1 validation error detected: Value '\(name)' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
        }
        let types = Dictionary(input.attributeDefinitions.map { ($0.attributeName, $0.attributeType) }, uniquingKeysWith: { a, _ in a })
        let table = try schema(input.keySchema, types: types)
        var used = Set(table.names)
        var names = Set<String>()
        for index in input.globalSecondaryIndexes ?? [] {
            used.formUnion(try schema(index.keySchema, types: types).names)
            guard names.insert(index.indexName).inserted else {
                throw .validationException("One or more parameter values were invalid: Duplicate index name: \(index.indexName)")
            }
        }
        for index in input.localSecondaryIndexes ?? [] {
            let s = try schema(index.keySchema, types: types)
            guard s.partitionKey.name == table.partitionKey.name, s.sortKey != nil else {
                throw .validationException(
                    "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: \(index.indexName). index hash key: \(s.partitionKey.name), table hash key: \(table.partitionKey.name)")
            }
            guard table.sortKey != nil else {
                throw .validationException("One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")
            }
            used.formUnion(s.names)
            guard names.insert(index.indexName).inserted else {
                throw .validationException("One or more parameter values were invalid: Duplicate index name: \(index.indexName)")
            }
        }
        if used.count != types.count || input.attributeDefinitions.count != types.count {
            throw .validationException(
                "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
        }
        if let spec = input.streamSpecification, spec.streamEnabled, spec.streamViewType == nil {
            throw .validationException("One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true")
        }
    }
}
