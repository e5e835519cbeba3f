/// Resolves intrinsic functions the way the local stack sees the world.
///
/// * `Ref` — parameters (override, else `Default`), pseudo parameters (`AWS::Region`, `AWS::AccountId`,
///   `AWS::StackName`, `AWS::StackId`, `AWS::Partition`, `AWS::URLSuffix`, `AWS::NoValue`,
///   `AWS::NotificationARNs`) and resources: the local physical name, which is `TableName`/`BucketName`
///   (resolved) or the logical id for tables and buckets, `FunctionName` or the logical id for
///   functions, and the logical id for everything else.
/// * `Fn::GetAtt` — `Arn`/`StreamArn` of tables (`arn:aws:dynamodb:REGION:ACCOUNT:table/NAME[/stream/LABEL]`),
///   `Arn`/`DomainName`/`RegionalDomainName` of buckets, `Arn` of functions.
/// * `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::If`, `Fn::Equals`, `Fn::Not`, `Fn::And`,
///   `Fn::Or`, `Fn::FindInMap` (with the optional `DefaultValue`), `Fn::Base64`, `Fn::GetAZs`, `Fn::Cidr`
///   (IPv4), `Fn::ImportValue` (from ``ResolverOptions/importedValues``), `Fn::Length`, `Fn::ToJsonString`.
///
/// Anything else throws ``TemplateError/unresolvable(resource:property:reason:)`` naming the resource and property.
public struct LocalResolver: Sendable {
    /// The template whose parameters, resources, conditions and mappings are used.
    public let template: SAMTemplate
    /// Region, account, stack name and parameter overrides.
    public let options: ResolverOptions

    /// Creates a resolver for `template`.
    public init(template: SAMTemplate, options: ResolverOptions = ResolverOptions()) {
        self.template = template
        self.options = options
    }

    // MARK: Public entry points

    /// Resolves every intrinsic in `value`, removing map entries and list elements that resolve to
    /// `AWS::NoValue` (a top-level `AWS::NoValue` becomes `.null`).
    /// - Parameters:
    ///   - resource: the logical id the value belongs to, for error messages.
    ///   - property: the dotted property path, for error messages (`Environment.Variables.TABLE`).
    public func resolve(_ value: TemplateValue, resource: String? = nil, property: String) throws -> TemplateValue {
        try wrapping(resource, property) { try evaluate(value, []) ?? .null }
    }

    /// Resolves `value` and requires a scalar, returned as text.
    public func resolveString(_ value: TemplateValue, resource: String? = nil, property: String) throws -> String {
        try wrapping(resource, property) { try text(of: evaluate(value, []) ?? .null, "the value") }
    }

    /// Resolves what can be resolved and leaves every unresolvable intrinsic exactly as written.
    public func resolvePartially(_ value: TemplateValue) -> TemplateValue {
        if value.intrinsic != nil {
            switch attempt(value) {
            case .resolved(let resolved): return resolved ?? .null
            case .failed: return value
            }
        }
        switch value {
        case .list(let items):
            return .list(items.compactMap { item in
                if item.intrinsic != nil, case .resolved(let resolved) = attempt(item) { return resolved }
                return resolvePartially(item)
            })
        case .map(let map):
            var result = TemplateMap()
            for entry in map.entries {
                if entry.value.intrinsic != nil, case .resolved(let resolved) = attempt(entry.value) {
                    if let resolved { result[entry.key] = resolved }
                } else {
                    result[entry.key] = resolvePartially(entry.value)
                }
            }
            return .map(result)
        default:
            return value
        }
    }

    private enum Attempt {
        case resolved(TemplateValue?)
        case failed
    }

    private func attempt(_ value: TemplateValue) -> Attempt {
        do { return .resolved(try evaluate(value, [])) } catch { return .failed }
    }

    /// The value `Ref` gives for a parameter: the override, else `Default`; list types give a list.
    public func parameterValue(_ name: String) throws -> TemplateValue {
        try wrapping(nil, "Parameters.\(name)") { try parameter(name) }
    }

    /// The local physical name of a resource (what `Ref` returns).
    public func physicalName(of logicalId: String) throws -> String {
        try wrapping(logicalId, "Ref") { try physicalName(logicalId, []) }
    }

    /// The value of `Fn::GetAtt [logicalId, attribute]`.
    public func attribute(_ attribute: String, of logicalId: String) throws -> TemplateValue {
        try wrapping(logicalId, "Fn::GetAtt \(logicalId).\(attribute)") { try getAtt(logicalId, attribute, []) }
    }

    /// Evaluates the condition `name` from the template's `Conditions` section.
    public func isConditionTrue(_ name: String) throws -> Bool {
        try wrapping(nil, "Conditions.\(name)") { try condition(named: name, []) }
    }

    /// Whether `resource` exists locally: true without a `Condition`, else the condition's value.
    public func includes(_ resource: TemplateResource) throws -> Bool {
        guard let name = resource.condition else { return true }
        return try wrapping(resource.logicalId, "Condition") { try condition(named: name, []) }
    }

    /// The `Outputs` resolved to text (outputs whose condition is false are left out).
    public func resolvedOutputs() throws -> [String: String] {
        var result: [String: String] = [:]
        for output in template.outputs.values {
            if let name = output.condition, try !isConditionTrue(name) { continue }
            result[output.logicalId] = try wrapping(nil, "Outputs.\(output.logicalId).Value") {
                try text(of: evaluate(output.value, []) ?? .null, "the output")
            }
        }
        return result
    }

    // MARK: ARN shapes

    /// `arn:PARTITION:dynamodb:REGION:ACCOUNT:table/NAME`.
    public func tableArn(tableName: String) -> String {
        "arn:\(options.partition):dynamodb:\(options.region):\(options.accountId):table/\(tableName)"
    }

    /// `arn:PARTITION:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL`, the shape AWS uses for `StreamArn`.
    public func streamArn(tableName: String) -> String {
        tableArn(tableName: tableName) + "/stream/" + options.streamLabel
    }

    /// The table name inside a table or stream ARN (`…:table/NAME[/stream/…]`), if it has that shape.
    public static func tableName(fromArn arn: String) -> String? {
        guard let range = arn.range(of: ":table/") else { return nil }
        let rest = arn[range.upperBound...]
        let name = rest.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        return name.isEmpty ? nil : name
    }

    // MARK: Internals shared by the extensions

    /// A reason an intrinsic cannot be resolved; wrapped into ``TemplateError`` at the entry points.
    struct Failure: Error {
        var reason: String
    }

    func wrapping<T>(_ resource: String?, _ property: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as Failure {
            throw TemplateError.unresolvable(resource: resource, property: property, reason: failure.reason)
        }
    }

    /// Guards against cycles (`TableName: !Ref Table`, conditions that refer to themselves).
    func entering(_ key: String, _ trail: [String]) throws -> [String] {
        if trail.contains(key) { throw Failure(reason: "circular reference: \((trail + [key]).joined(separator: " -> "))") }
        guard trail.count < 64 else { throw Failure(reason: "references nested too deeply") }
        return trail + [key]
    }

    /// Scalar text of an already resolved value.
    func text(of value: TemplateValue, _ what: String) throws -> String {
        guard let text = value.scalarText else {
            throw Failure(reason: "\(what) must resolve to a string, got \(value.kindDescription) \(value.jsonText)")
        }
        return text
    }

    func parameter(_ name: String) throws -> TemplateValue {
        guard let parameter = template.parameters[name] else { throw Failure(reason: "no parameter named '\(name)'") }
        let raw: TemplateValue
        if let override = options.parameterOverrides[name] {
            raw = .string(override)
        } else if let value = parameter.defaultValue, value != .null {
            raw = value
        } else {
            throw Failure(reason: "parameter '\(name)' has no Default and no override was given")
        }
        if !parameter.allowedValues.isEmpty, let text = raw.scalarText, !parameter.allowedValues.contains(text) {
            throw Failure(reason: "parameter '\(name)' value '\(text)' is not one of \(parameter.allowedValues)")
        }
        if parameter.isList {
            if case .list = raw { return raw }
            let text = raw.scalarText ?? ""
            return .list(text.split(separator: ",", omittingEmptySubsequences: false).map {
                .string(String($0).trimmingWhitespace())
            })
        }
        return raw.scalarText.map(TemplateValue.string) ?? raw
    }

    /// `Ref` of a name: pseudo parameter, parameter, or resource. Nil for `AWS::NoValue`.
    func ref(_ name: String, _ trail: [String]) throws -> TemplateValue? {
        switch name {
        case "AWS::Region": return .string(options.region)
        case "AWS::AccountId": return .string(options.accountId)
        case "AWS::StackName": return .string(options.stackName)
        case "AWS::StackId":
            return .string(
                "arn:\(options.partition):cloudformation:\(options.region):\(options.accountId):stack/"
                    + "\(options.stackName)/00000000-0000-0000-0000-000000000000")
        case "AWS::Partition": return .string(options.partition)
        case "AWS::URLSuffix": return .string(options.urlSuffix)
        case "AWS::NoValue": return nil
        case "AWS::NotificationARNs": return .list([])
        default: break
        }
        if template.parameters[name] != nil { return try parameter(name) }
        if template.resources[name] != nil { return .string(try physicalName(name, trail)) }
        if name.hasPrefix("AWS::") { throw Failure(reason: "unsupported pseudo parameter '\(name)'") }
        throw Failure(reason: "no parameter, pseudo parameter or resource named '\(name)'")
    }

    func physicalName(_ logicalId: String, _ trail: [String]) throws -> String {
        guard let resource = template.resources[logicalId] else {
            throw Failure(reason: "no resource named '\(logicalId)'")
        }
        let nameProperty: String
        switch resource.type {
        case ResourceType.dynamoDBTable, ResourceType.simpleTable: nameProperty = "TableName"
        case ResourceType.s3Bucket: nameProperty = "BucketName"
        case ResourceType.serverlessFunction, ResourceType.lambdaFunction: nameProperty = "FunctionName"
        default: return logicalId
        }
        guard let raw = resource.properties[nameProperty] else { return logicalId }
        let inner = try entering("Ref \(logicalId)", trail)
        guard let value = try evaluate(raw, inner) else { return logicalId }
        return try text(of: value, "\(logicalId).\(nameProperty)")
    }

    func getAtt(_ logicalId: String, _ attribute: String, _ trail: [String]) throws -> TemplateValue {
        guard let resource = template.resources[logicalId] else {
            throw Failure(reason: "Fn::GetAtt refers to unknown resource '\(logicalId)'")
        }
        let name = { try self.physicalName(logicalId, trail) }
        switch (resource.type, attribute) {
        case (ResourceType.dynamoDBTable, "Arn"), (ResourceType.simpleTable, "Arn"):
            return .string(tableArn(tableName: try name()))
        case (ResourceType.dynamoDBTable, "StreamArn"):
            guard resource.properties["StreamSpecification"] != nil else {
                throw Failure(reason: "table '\(logicalId)' has no StreamSpecification, so it has no StreamArn")
            }
            return .string(streamArn(tableName: try name()))
        case (ResourceType.s3Bucket, "Arn"): return .string("arn:\(options.partition):s3:::\(try name())")
        case (ResourceType.s3Bucket, "DomainName"): return .string("\(try name()).s3.\(options.urlSuffix)")
        case (ResourceType.s3Bucket, "RegionalDomainName"):
            return .string("\(try name()).s3.\(options.region).\(options.urlSuffix)")
        case (ResourceType.serverlessFunction, "Arn"), (ResourceType.lambdaFunction, "Arn"):
            return .string("arn:\(options.partition):lambda:\(options.region):\(options.accountId):function:\(try name())")
        default:
            throw Failure(
                reason: "Fn::GetAtt \(logicalId).\(attribute) is not available locally (resource type \(resource.type))")
        }
    }
}
