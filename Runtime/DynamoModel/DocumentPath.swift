/// One step of a document path: a map key (or top-level attribute name) or a list index.
public enum PathElement: Sendable, Hashable, CustomStringConvertible {
    case attribute(String)
    case index(Int)

    /// As DynamoDB prints it in error messages: `name` or `[0]`.
    public var description: String {
        switch self {
        case .attribute(let name): name
        case .index(let i): "[\(i)]"
        }
    }
}

/// A document path (`a.b[2].c`) with placeholders already substituted.
public struct DocumentPath: Sendable, Hashable, CustomStringConvertible {
    /// The steps; the first is always an attribute name.
    public var elements: [PathElement]

    public init(_ elements: [PathElement]) { self.elements = elements }

    /// A top-level attribute.
    public init(attribute: String) { self.elements = [.attribute(attribute)] }

    /// The top-level attribute name.
    public var topLevel: String {
        if case .attribute(let name) = elements.first { return name }
        return ""
    }

    /// As DynamoDB prints it in error messages: `[a, b, [0]]`.
    public var description: String { "[" + elements.map(\.description).joined(separator: ", ") + "]" }

    /// The value at this path in `item`, or `nil` when any step is missing or of the wrong type.
    public func value(in item: Item) -> AttributeValue? {
        guard case .attribute(let name) = elements.first, var current = item[name] else { return nil }
        for element in elements.dropFirst() {
            switch (element, current) {
            case (.attribute(let key), .m(let map)):
                guard let next = map[key] else { return nil }
                current = next
            case (.index(let i), .l(let list)):
                guard i < list.count else { return nil }
                current = list[i]
            default:
                return nil
            }
        }
        return current
    }

    /// Whether `self` is a prefix of `other` or equal to it.
    func isPrefix(of other: DocumentPath) -> Bool {
        elements.count <= other.elements.count && zip(elements, other.elements).allSatisfy { $0 == $1 }
    }

    /// Checks that no two paths overlap (one is a prefix of the other) or conflict (the same step
    /// taken once as a map key and once as a list index), with DynamoDB's messages.
    static func checkDisjoint(_ paths: [DocumentPath], kind: ExpressionKind) throws(DynamoError) {
        for i in paths.indices {
            for j in paths.indices where j > i {
                let a = paths[i], b = paths[j]
                if a.isPrefix(of: b) || b.isPrefix(of: a) {
                    throw .validationException(
                        "Invalid \(kind.rawValue): Two document paths overlap with each other; must remove or rewrite one of these paths; path one: \(a), path two: \(b)"
                    )
                }
                for (x, y) in zip(a.elements, b.elements) {
                    if x == y { continue }
                    switch (x, y) {
                    case (.attribute, .index), (.index, .attribute):
                        throw .validationException(
                            "Invalid \(kind.rawValue): Two document paths conflict with each other; must remove or rewrite one of these paths; path one: \(a), path two: \(b)"
                        )
                    default: break
                    }
                    break
                }
            }
        }
    }

    static let invalidForUpdate = DynamoError.validationException(
        "The document path provided in the update expression is invalid for update")

    /// Sets the value at this path. Intermediate steps must exist; an index past the end of a list appends.
    func set(_ value: AttributeValue, in item: inout Item) throws(DynamoError) {
        guard case .attribute(let name) = elements.first else { throw Self.invalidForUpdate }
        if elements.count == 1 {
            item[name] = value
            return
        }
        guard var root = item[name] else { throw Self.invalidForUpdate }
        try Self.set(value, at: elements.dropFirst(), in: &root)
        item[name] = root
    }

    private static func set(_ value: AttributeValue, at rest: ArraySlice<PathElement>, in container: inout AttributeValue)
        throws(DynamoError)
    {
        guard let step = rest.first else {
            container = value
            return
        }
        let tail = rest.dropFirst()
        switch (step, container) {
        case (.attribute(let key), .m(var map)):
            if tail.isEmpty {
                map[key] = value
            } else {
                guard var child = map[key] else { throw invalidForUpdate }
                try set(value, at: tail, in: &child)
                map[key] = child
            }
            container = .m(map)
        case (.index(let i), .l(var list)):
            if tail.isEmpty {
                if i < list.count { list[i] = value } else { list.append(value) }
            } else {
                guard i < list.count else { throw invalidForUpdate }
                var child = list[i]
                try set(value, at: tail, in: &child)
                list[i] = child
            }
            container = .l(list)
        default:
            throw invalidForUpdate
        }
    }

    /// Removes the value at this path; missing last steps are ignored, a missing or mistyped parent is an error.
    func remove(from item: inout Item) throws(DynamoError) {
        guard case .attribute(let name) = elements.first else { throw Self.invalidForUpdate }
        if elements.count == 1 {
            item[name] = nil
            return
        }
        guard var root = item[name] else { throw Self.invalidForUpdate }
        try Self.remove(at: elements.dropFirst(), in: &root)
        item[name] = root
    }

    private static func remove(at rest: ArraySlice<PathElement>, in container: inout AttributeValue) throws(DynamoError) {
        guard let step = rest.first else { return }
        let tail = rest.dropFirst()
        switch (step, container) {
        case (.attribute(let key), .m(var map)):
            if tail.isEmpty {
                map[key] = nil
            } else {
                guard var child = map[key] else { throw invalidForUpdate }
                try remove(at: tail, in: &child)
                map[key] = child
            }
            container = .m(map)
        case (.index(let i), .l(var list)):
            if tail.isEmpty {
                if i < list.count { list.remove(at: i) }
            } else {
                guard i < list.count else { throw invalidForUpdate }
                var child = list[i]
                try remove(at: tail, in: &child)
                list[i] = child
            }
            container = .l(list)
        default:
            throw invalidForUpdate
        }
    }
}
