import Foundation

extension LocalResolver {
    /// Resolves `value` recursively. Returns nil for `AWS::NoValue`; throws ``Failure`` for what
    /// cannot be resolved locally.
    func evaluate(_ value: TemplateValue, _ trail: [String]) throws -> TemplateValue? {
        if let intrinsic = value.intrinsic { return try call(intrinsic, trail) }
        switch value {
        case .list(let items): return .list(try items.compactMap { try evaluate($0, trail) })
        case .map(let map):
            var result = TemplateMap()
            for entry in map.entries {
                if let resolved = try evaluate(entry.value, trail) { result[entry.key] = resolved }
            }
            return .map(result)
        default: return value
        }
    }

    /// Resolves a value that must exist (not `AWS::NoValue`).
    func required(_ value: TemplateValue, _ what: String, _ trail: [String]) throws -> TemplateValue {
        guard let resolved = try evaluate(value, trail) else { throw Failure(reason: "\(what) is AWS::NoValue") }
        return resolved
    }

    func requiredText(_ value: TemplateValue, _ what: String, _ trail: [String]) throws -> String {
        try text(of: required(value, what, trail), what)
    }

    func requiredList(_ value: TemplateValue, _ what: String, _ trail: [String]) throws -> [TemplateValue] {
        let resolved = try required(value, what, trail)
        guard let items = resolved.listValue else {
            throw Failure(reason: "\(what) must be a list, got \(resolved.kindDescription)")
        }
        return items
    }

    /// The argument list of `name`, checking its length.
    func arguments(_ intrinsic: Intrinsic, _ counts: ClosedRange<Int>) throws -> [TemplateValue] {
        guard let items = intrinsic.argument.listValue, counts.contains(items.count) else {
            let expected = counts.count == 1 ? "\(counts.lowerBound)" : "\(counts.lowerBound)–\(counts.upperBound)"
            throw Failure(reason: "\(intrinsic.name) needs a list of \(expected) arguments, got \(intrinsic.argument.jsonText)")
        }
        return items
    }

    func call(_ intrinsic: Intrinsic, _ trail: [String]) throws -> TemplateValue? {
        switch intrinsic.name {
        case "Ref":
            guard let name = intrinsic.argument.stringValue else {
                throw Failure(reason: "Ref needs a name, got \(intrinsic.argument.jsonText)")
            }
            return try ref(name, trail)
        case "Fn::GetAtt":
            let parts: [String]
            if let text = intrinsic.argument.stringValue {
                parts = text.split(separator: ".", maxSplits: 1).map(String.init)
            } else {
                parts = try (intrinsic.argument.listValue ?? []).map { try requiredText($0, "Fn::GetAtt argument", trail) }
            }
            guard parts.count == 2 else {
                throw Failure(reason: "Fn::GetAtt needs [LogicalId, Attribute], got \(intrinsic.argument.jsonText)")
            }
            return try getAtt(parts[0], parts[1], trail)
        case "Fn::Sub": return .string(try sub(intrinsic.argument, trail))
        case "Fn::Join":
            let args = try arguments(intrinsic, 2...2)
            let delimiter = try requiredText(args[0], "Fn::Join delimiter", trail)
            let items = try requiredList(args[1], "Fn::Join list", trail)
            return .string(try items.map { try text(of: $0, "Fn::Join element") }.joined(separator: delimiter))
        case "Fn::Select":
            let args = try arguments(intrinsic, 2...2)
            let indexText = try requiredText(args[0], "Fn::Select index", trail)
            let items = try requiredList(args[1], "Fn::Select list", trail)
            guard let index = Int(indexText), items.indices.contains(index) else {
                throw Failure(reason: "Fn::Select index \(indexText) is out of range for a list of \(items.count)")
            }
            return items[index]
        case "Fn::Split":
            let args = try arguments(intrinsic, 2...2)
            let delimiter = try requiredText(args[0], "Fn::Split delimiter", trail)
            let source = try requiredText(args[1], "Fn::Split source", trail)
            guard !delimiter.isEmpty else { throw Failure(reason: "Fn::Split delimiter must not be empty") }
            return .list(source.components(separatedBy: delimiter).map(TemplateValue.string))
        case "Fn::If":
            let args = try arguments(intrinsic, 3...3)
            guard let name = args[0].stringValue else {
                throw Failure(reason: "Fn::If needs a condition name first, got \(args[0].jsonText)")
            }
            return try evaluate(condition(named: name, trail) ? args[1] : args[2], trail)
        case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or":
            return .bool(try conditionValue(.map([intrinsic.name: intrinsic.argument]), trail))
        case "Fn::FindInMap": return try findInMap(intrinsic, trail)
        case "Fn::Base64":
            let source = try requiredText(intrinsic.argument, "Fn::Base64 argument", trail)
            return .string(Data(source.utf8).base64EncodedString())
        case "Fn::GetAZs":
            let region = try requiredText(intrinsic.argument, "Fn::GetAZs region", trail)
            let name = region.isEmpty ? options.region : region
            return .list(["a", "b", "c"].map { .string(name + $0) })
        case "Fn::ImportValue":
            let name = try requiredText(intrinsic.argument, "Fn::ImportValue name", trail)
            guard let value = options.importedValues[name] else {
                throw Failure(reason: "Fn::ImportValue '\(name)' has no local value (set ResolverOptions.importedValues)")
            }
            return .string(value)
        case "Fn::Cidr":
            let args = try arguments(intrinsic, 3...3)
            let block = try requiredText(args[0], "Fn::Cidr block", trail)
            let countText = try requiredText(args[1], "Fn::Cidr count", trail)
            let bitsText = try requiredText(args[2], "Fn::Cidr cidrBits", trail)
            guard let count = Int(countText), let bits = Int(bitsText) else {
                throw Failure(reason: "Fn::Cidr count and cidrBits must be integers")
            }
            guard let subnets = CidrCalculator.subnets(of: block, count: count, hostBits: bits) else {
                throw Failure(reason: "Fn::Cidr cannot split \(block) into \(count) subnets of \(bits) host bits")
            }
            return .list(subnets.map(TemplateValue.string))
        case "Fn::Length":
            return .number(String(try requiredList(intrinsic.argument, "Fn::Length argument", trail).count))
        case "Fn::ToJsonString":
            return .string(try required(intrinsic.argument, "Fn::ToJsonString argument", trail).jsonText)
        default:
            throw Failure(reason: "\(intrinsic.name) is not supported locally")
        }
    }

    private func findInMap(_ intrinsic: Intrinsic, _ trail: [String]) throws -> TemplateValue? {
        let args = try arguments(intrinsic, 3...4)
        let mapName = try requiredText(args[0], "Fn::FindInMap map name", trail)
        let topKey = try requiredText(args[1], "Fn::FindInMap top-level key", trail)
        let secondKey = try requiredText(args[2], "Fn::FindInMap second-level key", trail)
        if let found = template.mappings[mapName]?[topKey]?[secondKey] { return try evaluate(found, trail) }
        if args.count == 4, let fallback = args[3]["DefaultValue"] { return try evaluate(fallback, trail) }
        guard template.mappings[mapName] != nil else { throw Failure(reason: "no mapping named '\(mapName)'") }
        throw Failure(reason: "mapping '\(mapName)' has no entry [\(topKey)][\(secondKey)]")
    }
}
