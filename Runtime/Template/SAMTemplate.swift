import Foundation

/// A parsed SAM/CloudFormation template: the single source of truth for both `sam deploy` and the
/// local stack.
///
/// Loading checks the document's shape (sections are mappings, every resource has a string `Type`, …).
/// The typed views (``functions``, ``tables``, ``httpApis``, ``buckets``) are computed on demand with
/// a ``LocalResolver``; use the `…(resolver:)` variants to pass parameter overrides or another region.
public struct SAMTemplate: Sendable {
    /// The file name used in error messages.
    public let fileName: String
    /// The whole document.
    public let root: TemplateMap
    /// `AWSTemplateFormatVersion`.
    public let formatVersion: String?
    /// `Transform`, normalised to a list (`AWS::Serverless-2016-10-31`, …).
    public let transforms: [String]
    /// `Description`.
    public let description: String?
    /// `Parameters` by name.
    public let parameters: [String: TemplateParameter]
    /// `Mappings`.
    public let mappings: TemplateMap
    /// `Conditions` (unevaluated).
    public let conditions: TemplateMap
    /// `Globals` (section name → properties, for example `Function` → `{Timeout: 10}`).
    public let globals: TemplateMap
    /// `Resources` by logical id.
    public let resources: [String: TemplateResource]
    /// Logical ids of `Resources`, in template order.
    public let resourceIds: [String]
    /// `Outputs` by logical id.
    public let outputs: [String: TemplateOutput]
    let locations: [String: SourceLocation]

    /// Parses template text (YAML or JSON).
    /// - Parameters:
    ///   - yaml: the template text.
    ///   - fileName: used to prefix error messages (`template.yaml:12:3: …`).
    /// - Throws: ``TemplateError``.
    public init(yaml: String, fileName: String = "template.yaml") throws {
        let (value, locations) = try TemplateLoader.parseWithLocations(yaml, fileName: fileName)
        self.fileName = fileName
        self.locations = locations
        guard case .map(let root) = value else {
            let what = value == .null ? "the template is empty" : "the template must be a mapping, found \(value.kindDescription)"
            throw TemplateError.invalidTemplate(file: fileName, location: SourceLocation(line: 1, column: 1), message: what)
        }
        self.root = root
        let reader = SectionReader(fileName: fileName, locations: locations)
        formatVersion = try reader.optionalString(root["AWSTemplateFormatVersion"], "AWSTemplateFormatVersion")
        description = try reader.optionalString(root["Description"], "Description")
        switch root["Transform"] {
        case nil, .null?: transforms = []
        case .string(let name)?: transforms = [name]
        case .list(let items)?: transforms = items.compactMap(\.scalarText)
        case let other?: throw reader.invalid("Transform", "must be a string or a list, found \(other.kindDescription)")
        }
        mappings = try reader.section(root, "Mappings")
        conditions = try reader.section(root, "Conditions")
        globals = try reader.section(root, "Globals")
        parameters = try reader.parameters(reader.section(root, "Parameters"))
        let resourceSection = try reader.section(root, "Resources")
        guard root["Resources"] != nil else {
            throw TemplateError.invalidTemplate(file: fileName, location: nil, message: "missing 'Resources' section")
        }
        var resources: [String: TemplateResource] = [:]
        for entry in resourceSection.entries {
            resources[entry.key] = try reader.resource(entry.key, entry.value)
        }
        self.resources = resources
        resourceIds = resourceSection.keys
        outputs = try reader.outputs(reader.section(root, "Outputs"))
    }

    /// Reads and parses a template file.
    /// - Throws: ``TemplateError/unreadableFile(path:message:)`` or any parse error.
    public init(contentsOfFile path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TemplateError.unreadableFile(path: path, message: error.localizedDescription)
        }
        try self.init(yaml: text, fileName: (path as NSString).lastPathComponent)
    }

    /// Where a dotted path (`Resources.Fn.Properties.Handler`) appears in the source, when known.
    public func location(of path: String) -> SourceLocation? { locations[path] }

    /// Resources in template order.
    public var orderedResources: [TemplateResource] { resourceIds.compactMap { resources[$0] } }

    /// Resources of one type, in template order.
    public func resources(ofType type: String) -> [TemplateResource] {
        orderedResources.filter { $0.type == type }
    }

    /// The properties of `Globals.<section>` (for example `Function`), empty when absent.
    public func globals(for section: String) -> TemplateMap { globals[section]?.mapValue ?? [:] }

    /// A resolver with default options (us-east-1, account 123456789012, parameter defaults).
    public var defaultResolver: LocalResolver { LocalResolver(template: self) }
}

/// Shape checks for the top-level sections, producing positioned errors.
private struct SectionReader {
    let fileName: String
    let locations: [String: SourceLocation]

    func invalid(_ path: String, _ message: String) -> TemplateError {
        .invalidTemplate(file: fileName, location: locations[path], message: "\(path) \(message)")
    }

    func optionalString(_ value: TemplateValue?, _ path: String) throws -> String? {
        guard let value, value != .null else { return nil }
        guard let text = value.scalarText else { throw invalid(path, "must be a string, found \(value.kindDescription)") }
        return text
    }

    func section(_ root: TemplateMap, _ name: String) throws -> TemplateMap {
        switch root[name] {
        case nil, .null?: return [:]
        case .map(let map)?: return map
        case let other?: throw invalid(name, "must be a mapping, found \(other.kindDescription)")
        }
    }

    func map(_ value: TemplateValue, _ path: String) throws -> TemplateMap {
        guard let map = value.mapValue else { throw invalid(path, "must be a mapping, found \(value.kindDescription)") }
        return map
    }

    func parameters(_ section: TemplateMap) throws -> [String: TemplateParameter] {
        var result: [String: TemplateParameter] = [:]
        for entry in section.entries {
            let path = "Parameters.\(entry.key)"
            let body = try map(entry.value, path)
            guard let type = try optionalString(body["Type"], path + ".Type") else {
                throw invalid(path, "needs a 'Type'")
            }
            let allowed = body["AllowedValues"]?.listValue?.compactMap(\.scalarText) ?? []
            result[entry.key] = TemplateParameter(
                name: entry.key, type: type, defaultValue: body["Default"],
                description: try optionalString(body["Description"], path + ".Description"),
                allowedValues: allowed, noEcho: body["NoEcho"]?.boolValue ?? false)
        }
        return result
    }

    func resource(_ logicalId: String, _ value: TemplateValue) throws -> TemplateResource {
        let path = "Resources.\(logicalId)"
        let body = try map(value, path)
        guard let type = try optionalString(body["Type"], path + ".Type") else {
            throw invalid(path, "needs a 'Type'")
        }
        var properties = TemplateMap()
        if let raw = body["Properties"], raw != .null { properties = try map(raw, path + ".Properties") }
        var metadata: TemplateMap?
        if let raw = body["Metadata"], raw != .null { metadata = try map(raw, path + ".Metadata") }
        var dependsOn: [String] = []
        switch body["DependsOn"] {
        case nil, .null?: break
        case .string(let name)?: dependsOn = [name]
        case .list(let items)?:
            dependsOn = try items.map {
                guard let name = $0.stringValue else {
                    throw invalid(path + ".DependsOn", "must list logical ids, found \($0.kindDescription)")
                }
                return name
            }
        case let other?: throw invalid(path + ".DependsOn", "must be a string or a list, found \(other.kindDescription)")
        }
        let condition = try optionalString(body["Condition"], path + ".Condition")
        return TemplateResource(
            logicalId: logicalId, type: type, properties: properties, metadata: metadata, dependsOn: dependsOn,
            condition: condition, location: locations[path])
    }

    func outputs(_ section: TemplateMap) throws -> [String: TemplateOutput] {
        var result: [String: TemplateOutput] = [:]
        for entry in section.entries {
            let path = "Outputs.\(entry.key)"
            let body = try map(entry.value, path)
            guard let value = body["Value"] else { throw invalid(path, "needs a 'Value'") }
            result[entry.key] = TemplateOutput(
                logicalId: entry.key, value: value,
                description: try optionalString(body["Description"], path + ".Description"),
                exportName: body["Export"]?["Name"],
                condition: try optionalString(body["Condition"], path + ".Condition"))
        }
        return result
    }
}
