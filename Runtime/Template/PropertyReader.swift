/// Reads typed values out of a resource's properties, resolving intrinsics and reporting wrong types
/// as ``TemplateError/invalidProperty(file:location:resource:property:message:)`` with the source position.
struct PropertyReader {
    let template: SAMTemplate
    let resolver: LocalResolver
    let logicalId: String
    let properties: TemplateMap

    func invalid(_ path: String, _ message: String) -> TemplateError {
        let location = template.location(of: "Resources.\(logicalId).Properties.\(path)")
            ?? template.resources[logicalId]?.location
        return .invalidProperty(
            file: template.fileName, location: location, resource: logicalId, property: "Properties.\(path)",
            message: message)
    }

    /// The raw value at a dotted path (`StreamSpecification.StreamViewType`).
    func raw(_ path: String) -> TemplateValue? {
        var current: TemplateValue? = .map(properties)
        for component in path.split(separator: ".") {
            if let index = Int(component), case .list = current { current = current?[index] } else {
                current = current?[String(component)]
            }
        }
        return current
    }

    /// The resolved value at a path; nil when absent, null or `AWS::NoValue`.
    func resolved(_ path: String) throws -> TemplateValue? {
        guard let value = raw(path) else { return nil }
        let result = try resolver.resolve(value, resource: logicalId, property: "Properties.\(path)")
        return result == .null ? nil : result
    }

    func string(_ path: String) throws -> String? { try string(resolved(path), path) }
    func int(_ path: String) throws -> Int? { try int(resolved(path), path) }
    func bool(_ path: String) throws -> Bool? { try bool(resolved(path), path) }
    func map(_ path: String) throws -> TemplateMap? { try map(resolved(path), path) }
    func list(_ path: String) throws -> [TemplateValue]? { try list(resolved(path), path) }
    func stringList(_ path: String) throws -> [String]? { try stringList(resolved(path), path) }

    // MARK: Checks on already resolved values

    func string(_ value: TemplateValue?, _ path: String) throws -> String? {
        guard let value, value != .null else { return nil }
        guard let text = value.stringValue else { throw invalid(path, "must be a string (found \(value.kindDescription))") }
        return text
    }

    func int(_ value: TemplateValue?, _ path: String) throws -> Int? {
        guard let value, value != .null else { return nil }
        guard let number = value.intValue else { throw invalid(path, "must be an integer (found \(value.kindDescription) \(value.jsonText))") }
        return number
    }

    func bool(_ value: TemplateValue?, _ path: String) throws -> Bool? {
        guard let value, value != .null else { return nil }
        guard let flag = value.boolValue else { throw invalid(path, "must be a boolean (found \(value.kindDescription) \(value.jsonText))") }
        return flag
    }

    func map(_ value: TemplateValue?, _ path: String) throws -> TemplateMap? {
        guard let value, value != .null else { return nil }
        guard let map = value.mapValue else { throw invalid(path, "must be a mapping (found \(value.kindDescription))") }
        return map
    }

    func list(_ value: TemplateValue?, _ path: String) throws -> [TemplateValue]? {
        guard let value, value != .null else { return nil }
        guard let items = value.listValue else { throw invalid(path, "must be a list (found \(value.kindDescription))") }
        return items
    }

    func stringList(_ value: TemplateValue?, _ path: String) throws -> [String]? {
        guard let items = try list(value, path) else { return nil }
        return try items.enumerated().map { index, item in
            guard let text = item.scalarText else {
                throw invalid("\(path).\(index)", "must be a string (found \(item.kindDescription))")
            }
            return text
        }
    }

    func required<T>(_ value: T?, _ path: String) throws -> T {
        guard let value else { throw invalid(path, "is required") }
        return value
    }
}
