import DynamoAPI
import DynamoModel

/// Capacity units by DynamoDB's documented rules (developer guide: "DynamoDB read and write operations",
/// "Provisioned throughput considerations for global secondary indexes", "Capacity management for
/// transactions"). The rules relied on:
///
/// - A read unit covers 4 KB, a write unit 1 KB; item sizes are rounded **up** to the next unit.
/// - Reads: strongly consistent 1 unit per 4 KB, eventually consistent half of that, transactional twice.
///   A read of an item that does not exist still costs one unit (0.5 eventually consistent).
/// - GetItem, BatchGetItem, TransactGetItems: each item rounded up on its own, then added
///   (1.5 KB + 6.5 KB read in one BatchGetItem = 4 KB + 8 KB = 3 units strongly consistent).
/// - Query and Scan: the sizes of all items *read* (before the filter, index entries for an index) are
///   added first and the sum is rounded up once (at least one unit).
/// - Writes (PutItem, UpdateItem, DeleteItem, each request of BatchWriteItem): the larger of the item's
///   before and after images, rounded up to 1 KB (at least one unit, also for a delete of a missing item).
///   Transactional writes (TransactWriteItems, its ConditionChecks included) cost twice. A TransactWriteItems
///   repeated with the same ClientRequestToken changes nothing and reports the read units of reading its items.
/// - Secondary indexes: each index write costs its index entry's size rounded up to 1 KB. A new entry is
///   one write, a removed entry one write, an entry whose index key changes two (delete + put), an entry
///   whose projected attributes change one, and an index the write does not touch nothing.
enum CapacityRules {
    static let readUnitBytes = 4096
    static let writeUnitBytes = 1024

    enum ReadKind {
        case eventual, strong, transactional
        init(consistentRead: Bool?) { self = consistentRead == true ? .strong : .eventual }
    }

    /// Read units of `bytes` read as one unit of work (one item, or a Query/Scan page).
    static func readUnits(bytes: Int, kind: ReadKind) -> Double {
        let units = Double(max(1, (bytes + readUnitBytes - 1) / readUnitBytes))
        switch kind {
        case .eventual: return units / 2
        case .strong: return units
        case .transactional: return units * 2
        }
    }

    /// Write units of writing an item (or index entry) of `bytes`.
    static func writeUnits(bytes: Int, transactional: Bool = false) -> Double {
        let units = Double(max(1, (bytes + writeUnitBytes - 1) / writeUnitBytes))
        return transactional ? units * 2 : units
    }

    /// The write units of changing an item of `table` from `old` to `new` (nil = absent): the table
    /// part and every secondary index the change touches.
    static func write(_ table: TableInfo, old: Item?, new: Item?, transactional: Bool = false) -> CapacityUsage {
        let size = max(old.map(ItemSize.of) ?? 0, new.map(ItemSize.of) ?? 0)
        var usage = CapacityUsage(table: writeUnits(bytes: size, transactional: transactional))
        for index in table.indexes {
            let oldEntry = old.flatMap { item in
                KeyBytes.key(of: item, schema: index.keySchema).map { ($0, index.project(item, tableKey: table.keySchema)) }
            }
            let newEntry = new.flatMap { item in
                KeyBytes.key(of: item, schema: index.keySchema).map { ($0, index.project(item, tableKey: table.keySchema)) }
            }
            var units = 0.0
            switch (oldEntry, newEntry) {
            case (nil, nil):
                continue
            case (let (_, entry)?, nil), (nil, let (_, entry)?):
                units = writeUnits(bytes: ItemSize.of(entry), transactional: transactional)
            case (let (oldKey, oldItem)?, let (newKey, newItem)?):
                if oldKey != newKey {
                    units = writeUnits(bytes: ItemSize.of(oldItem), transactional: transactional)
                        + writeUnits(bytes: ItemSize.of(newItem), transactional: transactional)
                } else if !ItemStore.equal(oldItem, newItem) {
                    units = writeUnits(bytes: max(ItemSize.of(oldItem), ItemSize.of(newItem)), transactional: transactional)
                } else {
                    continue
                }
            }
            usage.indexes[index.name, default: 0] += units
        }
        return usage
    }
}

/// Capacity consumed on one table by one request: the table's own units and each index's.
struct CapacityUsage: Sendable {
    var table: Double = 0
    var indexes: [String: Double] = [:]

    static func += (lhs: inout CapacityUsage, rhs: CapacityUsage) {
        lhs.table += rhs.table
        for (name, units) in rhs.indexes { lhs.indexes[name, default: 0] += units }
    }

    /// The usage as `ConsumedCapacity` for `mode` (nil for `NONE` or no mode).
    func consumed(_ mode: ReturnConsumedCapacity?, table info: TableInfo, isWrite: Bool) -> ConsumedCapacity? {
        guard let mode, mode != .none else { return nil }
        func capacity(_ units: Double) -> Capacity {
            isWrite ? Capacity(capacityUnits: units, writeCapacityUnits: units) : Capacity(capacityUnits: units, readCapacityUnits: units)
        }
        let total = table + indexes.values.reduce(0, +)
        var out = ConsumedCapacity(
            tableName: info.name, capacityUnits: total,
            readCapacityUnits: isWrite ? nil : total, writeCapacityUnits: isWrite ? total : nil)
        guard mode == .indexes else { return out }
        out.table = capacity(table)
        for (name, units) in indexes {
            let global = info.indexes.first { $0.name == name }?.isGlobal ?? true
            if global {
                out.globalSecondaryIndexes = (out.globalSecondaryIndexes ?? [:]).merging([name: capacity(units)]) { $1 }
            } else {
                out.localSecondaryIndexes = (out.localSecondaryIndexes ?? [:]).merging([name: capacity(units)]) { $1 }
            }
        }
        return out
    }
}

/// Per-table usage of a batch or transaction, in the order tables were first touched.
struct CapacityLedger: Sendable {
    private(set) var entries: [(name: String, usage: CapacityUsage)] = []

    mutating func add(_ usage: CapacityUsage, table name: String) {
        if let i = entries.firstIndex(where: { $0.name == name }) {
            entries[i].usage += usage
        } else {
            entries.append((name, usage))
        }
    }

    /// One `ConsumedCapacity` per table (nil for `NONE`).
    func consumed(_ mode: ReturnConsumedCapacity?, tables: [String: TableInfo], isWrite: Bool) -> [ConsumedCapacity]? {
        guard let mode, mode != .none else { return nil }
        return entries.compactMap { entry in
            tables[entry.name].flatMap { entry.usage.consumed(mode, table: $0, isWrite: isWrite) }
        }
    }
}
