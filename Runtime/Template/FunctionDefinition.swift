/// An `AWS::Serverless::Function` with `Globals.Function` merged in (see ``GlobalsMerger``) and its
/// common properties read, resolved and type-checked.
public struct FunctionDefinition: Sendable, Hashable {
    /// The logical id.
    public var logicalId: String
    /// `FunctionName` resolved, when set.
    public var functionName: String?
    /// `Handler`.
    public var handler: String?
    /// `Runtime` (`provided.al2023`, …).
    public var runtime: String?
    /// `PackageType` (`Zip` by default, or `Image`).
    public var packageType: String
    /// `CodeUri` (string or `{Bucket, Key, Version}`), `InlineCode` or `ImageUri`.
    public var code: CodeLocation?
    /// `Timeout` in seconds (3 by default).
    public var timeout: Int
    /// `MemorySize` in MB (128 by default).
    public var memorySize: Int
    /// `Architectures` (`[x86_64]` by default).
    public var architectures: [String]
    /// `Layers`, resolved where possible (globals first, then the function's own).
    public var layers: [TemplateValue]
    /// `Environment.Variables` as written (globals merged per key).
    public var environment: TemplateMap
    /// `Environment.Variables` resolved to strings, for every variable that could be resolved.
    public var environmentVariables: [String: String]
    /// Variables that could not be resolved locally, with the reason.
    public var unresolvedEnvironment: [String: TemplateError]
    /// `Events`, in template order.
    public var events: [FunctionEvent]
    /// `FunctionUrlConfig`, when set (``FunctionUrlConfig/invokeMode`` tells whether the response streams).
    public var functionUrl: FunctionUrlConfig?
    /// The resource's `Metadata` (for example `BuildMethod: makefile`).
    public var metadata: TemplateMap?
    /// The resource's `Condition`.
    public var condition: String?
    /// All properties after the globals merge, unresolved.
    public var properties: TemplateMap

    /// The `CodeUri` path, when the code is a local path or URI.
    public var codeUri: String? {
        if case .path(let path) = code { return path }
        return nil
    }

    /// The event with this name.
    public func event(named name: String) -> FunctionEvent? { events.first { $0.name == name } }

    /// Events of one `Type` (`HttpApi`, `DynamoDB`, …).
    public func events(ofType type: String) -> [FunctionEvent] { events.filter { $0.type == type } }

    /// Whether the function streams its response (`FunctionUrlConfig.InvokeMode: RESPONSE_STREAM`).
    public var streamsResponse: Bool { functionUrl?.invokeMode == .responseStream }

    /// Reads a function resource.
    /// - Parameters:
    ///   - resource: an `AWS::Serverless::Function` resource of `template`.
    ///   - template: the template (for `Globals.Function`, positions and names).
    ///   - resolver: resolves intrinsics in the properties.
    /// - Throws: ``TemplateError/invalidProperty(file:location:resource:property:message:)`` for wrong types,
    ///   ``TemplateError/unresolvable(resource:property:reason:)`` for scalar properties that cannot be resolved.
    public init(resource: TemplateResource, template: SAMTemplate, resolver: LocalResolver) throws {
        let merged = GlobalsMerger.merge(globals: template.globals(for: "Function"), into: resource.properties)
        let reader = PropertyReader(
            template: template, resolver: resolver, logicalId: resource.logicalId, properties: merged)
        logicalId = resource.logicalId
        properties = merged
        metadata = resource.metadata
        condition = resource.condition
        functionName = try reader.string("FunctionName")
        handler = try reader.string("Handler")
        runtime = try reader.string("Runtime")
        packageType = try reader.string("PackageType") ?? "Zip"
        code = try Self.readCode(reader)
        timeout = try reader.int("Timeout") ?? 3
        memorySize = try reader.int("MemorySize") ?? 128
        architectures = try reader.stringList("Architectures") ?? ["x86_64"]
        if let raw = reader.raw("Layers") {
            guard let items = resolver.resolvePartially(raw).listValue else {
                throw reader.invalid("Layers", "must be a list (found \(raw.kindDescription))")
            }
            layers = items
        } else {
            layers = []
        }
        (environment, environmentVariables, unresolvedEnvironment) = try Self.readEnvironment(reader)
        events = try Self.readEvents(reader)
        if let url = try reader.map("FunctionUrlConfig") {
            let mode = try reader.string("FunctionUrlConfig.InvokeMode") ?? "BUFFERED"
            guard let invokeMode = FunctionUrlConfig.InvokeMode(rawValue: mode) else {
                throw reader.invalid("FunctionUrlConfig.InvokeMode", "must be BUFFERED or RESPONSE_STREAM (found '\(mode)')")
            }
            functionUrl = FunctionUrlConfig(
                authType: try reader.string("FunctionUrlConfig.AuthType") ?? "AWS_IAM", invokeMode: invokeMode,
                cors: url["Cors"])
        }
    }

    private static func readCode(_ reader: PropertyReader) throws -> CodeLocation? {
        if let image = try reader.string("ImageUri") { return .image(image) }
        if let inline = try reader.string("InlineCode") { return .inline(inline) }
        guard let value = try reader.resolved("CodeUri") else { return nil }
        switch value {
        case .string(let path): return .path(path)
        case .map:
            let bucket = try reader.required(reader.string(value["Bucket"], "CodeUri.Bucket"), "CodeUri.Bucket")
            let key = try reader.required(reader.string(value["Key"], "CodeUri.Key"), "CodeUri.Key")
            return .s3(bucket: bucket, key: key, version: value["Version"]?.scalarText)
        default:
            throw reader.invalid("CodeUri", "must be a string or {Bucket, Key} (found \(value.kindDescription))")
        }
    }

    private static func readEnvironment(_ reader: PropertyReader) throws -> (
        TemplateMap, [String: String], [String: TemplateError]
    ) {
        guard var raw = reader.raw("Environment.Variables"), raw != .null else { return ([:], [:], [:]) }
        if raw.intrinsic != nil { raw = try reader.resolved("Environment.Variables") ?? .map([:]) }
        guard let variables = raw.mapValue else {
            throw reader.invalid("Environment.Variables", "must be a mapping (found \(raw.kindDescription))")
        }
        var resolved: [String: String] = [:]
        var failures: [String: TemplateError] = [:]
        for entry in variables.entries {
            let property = "Properties.Environment.Variables.\(entry.key)"
            do {
                let value = try reader.resolver.resolve(entry.value, resource: reader.logicalId, property: property)
                if value == .null, entry.value.intrinsic != nil { continue }  // AWS::NoValue removes it
                if value == .null { resolved[entry.key] = ""; continue }
                guard let text = value.scalarText else {
                    throw TemplateError.unresolvable(
                        resource: reader.logicalId, property: property,
                        reason: "must resolve to a string, got \(value.kindDescription) \(value.jsonText)")
                }
                resolved[entry.key] = text
            } catch let error as TemplateError {
                failures[entry.key] = error
            }
        }
        return (variables, resolved, failures)
    }

    private static func readEvents(_ reader: PropertyReader) throws -> [FunctionEvent] {
        guard let raw = reader.raw("Events"), raw != .null else { return [] }
        guard let events = raw.mapValue else {
            throw reader.invalid("Events", "must be a mapping (found \(raw.kindDescription))")
        }
        return try events.entries.map { entry in
            let path = "Events.\(entry.key)"
            guard let body = entry.value.mapValue else {
                throw reader.invalid(path, "must be a mapping (found \(entry.value.kindDescription))")
            }
            let type = try reader.required(reader.string(body["Type"], path + ".Type"), path + ".Type")
            let rawProperties = try reader.map(body["Properties"], path + ".Properties") ?? [:]
            let resolved = reader.resolver.resolvePartially(.map(rawProperties)).mapValue ?? rawProperties
            return FunctionEvent(name: entry.key, type: type, properties: resolved, rawProperties: rawProperties)
        }
    }
}
