import DynamoModel

/// Parsed `KeyConditionExpression`s of Query requests that have nothing else to parse (no filter or
/// projection), kept by their text, `ExpressionAttributeNames`, value placeholders and key schema, so
/// that repeated requests skip the tokenizer and parser. The values still bind per request: a cached
/// shape records which placeholder fills which key value and its type. Anything the parse could reject
/// for a different value (a changed type, BETWEEN's bounds, an invalid value) is not answered here: the
/// caller parses as before and gets the same result or error.
final class KeyConditionCache: Sendable {
    /// The most shapes kept; when full the cache starts over.
    static let capacity = 256

    struct Key: Hashable, Sendable {
        var text: String
        var names: [String: String]?
        var valuePlaceholders: [String]
        var schema: KeySchema
    }

    /// One `:placeholder` and the type (`S`, `N`, `B`) its value had when the shape was cached.
    struct Slot: Hashable, Sendable {
        var placeholder: String
        var type: String
    }

    /// A key condition with its values replaced by slots.
    struct Shape: Sendable {
        enum Sort: Sendable {
            case equal(Slot), less(Slot), lessOrEqual(Slot), greater(Slot), greaterOrEqual(Slot), beginsWith(Slot)
        }

        var partitionKeyName: String
        var partition: Slot
        var sortKeyName: String?
        var sort: Sort?
    }

    private let shapes = Locked([Key: Shape]())

    /// The key condition of `text` with `values` bound, when its shape is cached and binds cleanly; else nil.
    func bound(
        _ text: String, schema: KeySchema, names: [String: String]?, values: Item?
    ) -> KeyConditionExpression? {
        guard let values else { return nil }
        let key = Key(text: text, names: names, valuePlaceholders: values.keys.sorted(), schema: schema)
        guard let shape = shapes.withLock({ $0[key] }) else { return nil }
        func value(_ slot: Slot) -> AttributeValue? {
            guard let value = values[slot.placeholder], value.typeDescriptor == slot.type else { return nil }
            return value
        }
        guard let partitionValue = value(shape.partition) else { return nil }
        var sort: KeyConditionExpression.SortKeyCondition?
        switch shape.sort {
        case nil: sort = nil
        case .equal(let slot)?: sort = value(slot).map { .equal($0) }
        case .less(let slot)?: sort = value(slot).map { .less($0) }
        case .lessOrEqual(let slot)?: sort = value(slot).map { .lessOrEqual($0) }
        case .greater(let slot)?: sort = value(slot).map { .greater($0) }
        case .greaterOrEqual(let slot)?: sort = value(slot).map { .greaterOrEqual($0) }
        case .beginsWith(let slot)?: sort = value(slot).map { .beginsWith($0) }
        }
        if shape.sort != nil, sort == nil { return nil }
        do {
            try ExpressionAttributes(names: names ?? [:], values: values).validateDefinitions()
        } catch {
            return nil
        }
        return KeyConditionExpression(
            partitionKeyName: shape.partitionKeyName, partitionKeyValue: partitionValue, sortKeyName: shape.sortKeyName,
            sortKeyCondition: sort)
    }

    /// Remembers the shape of `parsed`, the successful parse of `text` with `values`, when each of its key
    /// values came from exactly one placeholder (and is not a BETWEEN, whose bounds the parse compares).
    func remember(
        _ parsed: KeyConditionExpression, text: String, schema: KeySchema, names: [String: String]?, values: Item?
    ) {
        guard let values else { return }
        func slot(_ value: AttributeValue) -> Slot? {
            var found: String?
            for (placeholder, candidate) in values where candidate == value {
                guard found == nil else { return nil }
                found = placeholder
            }
            return found.map { Slot(placeholder: $0, type: value.typeDescriptor) }
        }
        guard let partition = slot(parsed.partitionKeyValue) else { return }
        var sort: Shape.Sort?
        switch parsed.sortKeyCondition {
        case nil: sort = nil
        case .equal(let v)?: sort = slot(v).map { .equal($0) }
        case .less(let v)?: sort = slot(v).map { .less($0) }
        case .lessOrEqual(let v)?: sort = slot(v).map { .lessOrEqual($0) }
        case .greater(let v)?: sort = slot(v).map { .greater($0) }
        case .greaterOrEqual(let v)?: sort = slot(v).map { .greaterOrEqual($0) }
        case .beginsWith(let v)?: sort = slot(v).map { .beginsWith($0) }
        case .between?: return
        }
        if parsed.sortKeyCondition != nil, sort == nil { return }
        let shape = Shape(
            partitionKeyName: parsed.partitionKeyName, partition: partition, sortKeyName: parsed.sortKeyName, sort: sort)
        let key = Key(text: text, names: names, valuePlaceholders: values.keys.sorted(), schema: schema)
        shapes.withLock { shapes in
            if shapes.count >= Self.capacity { shapes.removeAll(keepingCapacity: true) }
            shapes[key] = shape
        }
    }
}

extension EmbeddedDynamoDB {
    /// The key condition shapes of every engine in the process (the key schema is part of the key).
    static let keyConditionCache = KeyConditionCache()
}
