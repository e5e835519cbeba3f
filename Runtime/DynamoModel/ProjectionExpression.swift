/// A parsed `ProjectionExpression`: the document paths to return.
///
/// Applying it keeps only those paths: `a.b` yields `{a: {b: …}}`, and list elements `a[1], a[3]`
/// yield `{a: [a[1], a[3]]}` (the selected elements, in index order), as DynamoDB returns them.
public struct ProjectionExpression: Sendable, Hashable {
    /// The projected paths.
    public let paths: [DocumentPath]

    public init(paths: [DocumentPath]) { self.paths = paths }

    /// Parses `text` against the request's placeholders (marking the ones it uses).
    public static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(DynamoError)
        -> ProjectionExpression
    {
        var parser = try ExpressionParser(text, kind: .projection, attributes: attributes)
        let paths = try parser.parseProjection()
        attributes = parser.attributes
        return ProjectionExpression(paths: paths)
    }

    /// Parses a standalone expression and checks that every name placeholder is used.
    public init(_ text: String, names: [String: String] = [:]) throws(DynamoError) {
        var attributes = ExpressionAttributes(names: names)
        try attributes.validateDefinitions()
        self = try Self.parse(text, attributes: &attributes)
        try attributes.checkAllUsed()
    }

    /// Top-level attribute names the projection touches.
    public var topLevelNames: Set<String> { Set(paths.map(\.topLevel)) }

    /// The item reduced to the projected paths.
    public func apply(to item: Item) -> Item {
        Self.project(item, paths: paths)
    }

    /// Keeps only `paths` of `item`.
    static func project(_ item: Item, paths: [DocumentPath]) -> Item {
        var root = Node()
        for path in paths { root.insert(path.elements[...]) }
        guard case .m(let result)? = root.project(.m(item)) else { return [:] }
        return result
    }

    private struct Node {
        var isLeaf = false
        var children: [PathElement: Node] = [:]

        mutating func insert(_ rest: ArraySlice<PathElement>) {
            guard let first = rest.first else {
                isLeaf = true
                return
            }
            children[first, default: Node()].insert(rest.dropFirst())
        }

        func project(_ value: AttributeValue) -> AttributeValue? {
            if isLeaf { return value }
            switch value {
            case .m(let map):
                var out: [String: AttributeValue] = [:]
                for (element, child) in children {
                    if case .attribute(let key) = element, let v = map[key], let p = child.project(v) { out[key] = p }
                }
                return out.isEmpty ? nil : .m(out)
            case .l(let list):
                var selected: [(Int, AttributeValue)] = []
                for (element, child) in children {
                    if case .index(let i) = element, i < list.count, let p = child.project(list[i]) {
                        selected.append((i, p))
                    }
                }
                return selected.isEmpty ? nil : .l(selected.sorted { $0.0 < $1.0 }.map(\.1))
            default:
                return nil
            }
        }
    }
}
