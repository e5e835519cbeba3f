/// Everything that can go wrong loading a template, reading its resources, resolving intrinsic
/// functions or reading an `--env-vars` file. Each case renders an actionable message
/// (`description`), prefixed with `file:line:column` when the position is known.
public enum TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not valid YAML/JSON (from libyaml via Yams).
    case syntax(file: String, location: SourceLocation?, message: String)
    /// A local tag that is not a CloudFormation short form, such as `!Foo`.
    case unknownTag(file: String, location: SourceLocation?, tag: String)
    /// The document is valid YAML but not a valid template (for example `Resources` is a list).
    case invalidTemplate(file: String, location: SourceLocation?, message: String)
    /// A resource property has the wrong type or a required property is missing.
    /// `property` is a dotted path such as `Properties.Handler`.
    case invalidProperty(
        file: String, location: SourceLocation?, resource: String, property: String, message: String)
    /// `function(named:)` found no `AWS::Serverless::Function` with that logical id.
    case noSuchFunction(name: String, available: [String])
    /// An intrinsic function could not be resolved locally. `resource` is nil for outputs or
    /// values resolved outside a resource.
    case unresolvable(resource: String?, property: String, reason: String)
    /// The `--env-vars` JSON file is malformed.
    case invalidEnvironmentFile(file: String, message: String)
    /// A file could not be read.
    case unreadableFile(path: String, message: String)

    /// The human-readable message.
    public var description: String {
        switch self {
        case .syntax(let file, let location, let message):
            return "\(Self.prefix(file, location))\(message)"
        case .unknownTag(let file, let location, let tag):
            return "\(Self.prefix(file, location))unknown tag \(tag)"
                + " (CloudFormation short forms: \(IntrinsicTags.shortNames.map { "!" + $0 }.joined(separator: ", ")))"
        case .invalidTemplate(let file, let location, let message):
            return "\(Self.prefix(file, location))\(message)"
        case .invalidProperty(let file, let location, let resource, let property, let message):
            return "\(Self.prefix(file, location))resource '\(resource)': \(property) \(message)"
        case .noSuchFunction(let name, let available):
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "no function named '\(name)' in template (functions: \(list))"
        case .unresolvable(let resource, let property, let reason):
            let owner = resource.map { "resource '\($0)': " } ?? ""
            return "\(owner)\(property): \(reason)"
        case .invalidEnvironmentFile(let file, let message):
            return "\(file): \(message)"
        case .unreadableFile(let path, let message):
            return "cannot read \(path): \(message)"
        }
    }

    private static func prefix(_ file: String, _ location: SourceLocation?) -> String {
        if let location { return "\(file):\(location.line):\(location.column): " }
        return "\(file): "
    }
}
