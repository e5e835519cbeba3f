import Yams

/// Parses YAML (or JSON, which is YAML) template text into a ``TemplateValue``.
///
/// Scalars are typed as CloudFormation's YAML 1.1 parser types them: plain `true`/`false`/`yes`/`no`/
/// `on`/`off` are booleans, plain numbers are numbers (kept as text), `null`/`~`/empty are null, and
/// quoted or block scalars are always strings. Short tags become long forms (`!Ref X` →
/// `{"Ref": "X"}`, `!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`). Anchors, aliases and `<<` merge
/// keys are expanded. Unknown local tags (`!Foo`) are errors.
public enum TemplateLoader {
    /// The largest number of values one document may expand to (guards against alias bombs).
    static let maximumValueCount = 300_000
    /// The deepest nesting accepted.
    static let maximumDepth = 200

    /// Parses `text`; `fileName` only prefixes error messages.
    /// - Throws: ``TemplateError/syntax(file:location:message:)`` or ``TemplateError/unknownTag(file:location:tag:)``.
    public static func parse(_ text: String, fileName: String = "template.yaml") throws -> TemplateValue {
        try parseWithLocations(text, fileName: fileName).value
    }

    /// Parses `text` and also returns the position of every mapping key, keyed by dotted path
    /// (`Resources.MyFunction.Properties.Handler`; list elements use their index).
    static func parseWithLocations(_ text: String, fileName: String) throws -> (
        value: TemplateValue, locations: [String: SourceLocation]
    ) {
        try checkFlowNesting(text, fileName: fileName)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw convert(error, text: text, fileName: fileName)
        } catch {
            throw TemplateError.syntax(file: fileName, location: nil, message: "\(error)")
        }
        guard let node else { return (.null, [:]) }
        var converter = NodeConverter(fileName: fileName)
        let value = try converter.convert(node, path: "", depth: 0)
        return (value, converter.locations)
    }

    /// libyaml and Yams compose recursively; refuse absurd `[[[[…` nesting before it reaches them.
    private static func checkFlowNesting(_ text: String, fileName: String) throws {
        var depth = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > 2 * maximumDepth {
                    throw TemplateError.syntax(
                        file: fileName, location: nil, message: "nesting deeper than \(2 * maximumDepth) levels")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
    }

    private static func convert(_ error: YamlError, text: String, fileName: String) -> TemplateError {
        func location(_ mark: Mark) -> SourceLocation { SourceLocation(line: mark.line, column: mark.column) }
        func message(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context else { return problem }
            return "\(problem) (\(context.text) at \(context.mark.line):\(context.mark.column))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return .syntax(file: fileName, location: location(mark), message: message(problem, context))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .syntax(
                file: fileName, location: location(context.mark),
                message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in mapping")
        case .reader(let problem, let offset, _, _):
            var loc: SourceLocation?
            if let offset {
                let prefix = text.prefix(offset)
                let line = prefix.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                let column = prefix.count - (prefix.lastIndex(of: "\n").map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
                loc = SourceLocation(line: line, column: column)
            }
            return .syntax(file: fileName, location: loc, message: problem)
        default:
            return .syntax(file: fileName, location: nil, message: "\(error)")
        }
    }
}

/// Walks a Yams node tree, producing ``TemplateValue``s and recording key positions.
struct NodeConverter {
    let fileName: String
    var locations: [String: SourceLocation] = [:]
    private var budget = TemplateLoader.maximumValueCount

    init(fileName: String) { self.fileName = fileName }

    mutating func convert(_ node: Node, path: String, depth: Int) throws -> TemplateValue {
        budget -= 1
        guard budget >= 0 else {
            throw TemplateError.syntax(
                file: fileName, location: location(node),
                message: "document expands to more than \(TemplateLoader.maximumValueCount) values (alias bomb?)")
        }
        guard depth <= TemplateLoader.maximumDepth else {
            throw TemplateError.syntax(
                file: fileName, location: location(node),
                message: "nesting deeper than \(TemplateLoader.maximumDepth) levels")
        }
        let tag = explicitTag(of: node)
        if tag.hasPrefix("!"), tag != "!" {
            return try convertShortTag(String(tag.dropFirst()), node: node, path: path, depth: depth)
        }
        switch node {
        case .scalar(let scalar): return convertScalar(scalar, node: node, tag: tag)
        case .sequence(let sequence): return try convertSequence(sequence, path: path, depth: depth)
        case .mapping(let mapping): return try convertMapping(mapping, path: path, depth: depth)
        case .alias:
            // Yams already substitutes aliases with their anchored node; nothing else can reach here.
            throw TemplateError.syntax(file: fileName, location: location(node), message: "unexpected alias")
        }
    }

    private func location(_ node: Node) -> SourceLocation? {
        node.mark.map { SourceLocation(line: $0.line, column: $0.column) }
    }

    /// The tag as written (empty when implicit). Reads the stored tag without resolving it.
    private func explicitTag(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): return scalar.tag.rawValue
        case .sequence(let sequence): return sequence.tag.rawValue
        case .mapping(let mapping): return mapping.tag.rawValue
        case .alias: return ""
        }
    }

    private func convertScalar(_ scalar: Node.Scalar, node: Node, tag: String) -> TemplateValue {
        let text = scalar.string
        let resolved: String
        if tag.isEmpty {
            guard scalar.style == .plain else { return .string(text) }
            guard Self.mayBeTyped(text) else { return .string(text) }
            resolved = Resolver.default.resolveTag(of: node).rawValue
        } else {
            resolved = tag
        }
        switch resolved {
        case Tag.Name.int.rawValue, Tag.Name.float.rawValue: return .number(text)
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue:
            switch text.lowercased() {
            case "true", "yes", "on": return .bool(true)
            case "false", "no", "off": return .bool(false)
            default: return .string(text)
            }
        default: return .string(text)
        }
    }

    /// Cheap pre-check before Yams' regular expressions: only scalars starting like a number,
    /// boolean, null or timestamp can be anything but a string.
    private static func mayBeTyped(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return true }
        return "0123456789+-.~yYnNtTfFoO".unicodeScalars.contains(first)
    }

    private mutating func convertSequence(_ sequence: Node.Sequence, path: String, depth: Int) throws
        -> TemplateValue
    {
        var items: [TemplateValue] = []
        items.reserveCapacity(sequence.count)
        for (index, child) in sequence.enumerated() {
            items.append(try convert(child, path: join(path, String(index)), depth: depth + 1))
        }
        return .list(items)
    }

    private mutating func convertMapping(_ mapping: Node.Mapping, path: String, depth: Int) throws
        -> TemplateValue
    {
        var map = TemplateMap()
        var merged: [TemplateMap] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw TemplateError.syntax(
                    file: fileName, location: location(keyNode), message: "mapping keys must be scalars")
            }
            let key = keyScalar.string
            // Yams resolves key tags while checking for duplicates, so `<<` may already carry the merge tag.
            let keyTag = keyScalar.tag.rawValue
            if key == "<<", keyScalar.style == .plain, keyTag.isEmpty || keyTag == Tag.Name.merge.rawValue {
                merged += try mergeSources(valueNode, path: path, depth: depth)
                continue
            }
            let childPath = join(path, key)
            if let mark = keyNode.mark, locations[childPath] == nil {
                locations[childPath] = SourceLocation(line: mark.line, column: mark.column)
            }
            map[key] = try convert(valueNode, path: childPath, depth: depth + 1)
        }
        // YAML merge keys: explicit keys win, then earlier merge sources win over later ones.
        for source in merged {
            for entry in source.entries where !map.contains(key: entry.key) { map[entry.key] = entry.value }
        }
        return .map(map)
    }

    private mutating func mergeSources(_ node: Node, path: String, depth: Int) throws -> [TemplateMap] {
        let value = try convert(node, path: path, depth: depth + 1)
        if let map = value.mapValue { return [map] }
        if let list = value.listValue {
            let maps = list.compactMap(\.mapValue)
            if maps.count == list.count { return maps }
        }
        throw TemplateError.syntax(
            file: fileName, location: location(node), message: "'<<' merge key needs a mapping or a list of mappings")
    }

    private mutating func convertShortTag(_ name: String, node: Node, path: String, depth: Int) throws
        -> TemplateValue
    {
        guard let longName = IntrinsicTags.longName(for: name) else {
            throw TemplateError.unknownTag(file: fileName, location: location(node), tag: "!" + name)
        }
        let argument: TemplateValue
        switch node {
        case .scalar(let scalar): argument = .string(scalar.string)
        case .sequence(let sequence): argument = try convertSequence(sequence, path: path, depth: depth)
        case .mapping(let mapping): argument = try convertMapping(mapping, path: path, depth: depth)
        case .alias: argument = .null
        }
        if name == "GetAtt", case .string(let text) = argument {
            guard let dot = text.firstIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex
            else {
                throw TemplateError.syntax(
                    file: fileName, location: location(node),
                    message: "!GetAtt needs 'LogicalId.Attribute', got '\(text)'")
            }
            return .map([longName: .list([.string(String(text[..<dot])), .string(String(text[text.index(after: dot)...]))])])
        }
        return .map([longName: argument])
    }

    private func join(_ path: String, _ component: String) -> String {
        path.isEmpty ? component : path + "." + component
    }
}
