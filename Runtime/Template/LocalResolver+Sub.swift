extension LocalResolver {
    /// `Fn::Sub` in both forms: `"text"` and `["text", {Var: value}]`.
    ///
    /// `${Name}` resolves (in order) a variable from the map form, a parameter, a pseudo parameter
    /// or a resource (`Ref`); `${Resource.Attr}` is `Fn::GetAtt`; `${!Literal}` yields `${Literal}`.
    func sub(_ argument: TemplateValue, _ trail: [String]) throws -> String {
        let format: String
        var variables = TemplateMap()
        switch argument {
        case .string(let text): format = text
        case .list(let items) where items.count == 2:
            guard let text = items[0].stringValue else {
                throw Failure(reason: "Fn::Sub template must be a string, got \(items[0].kindDescription)")
            }
            guard let map = items[1].mapValue else {
                throw Failure(reason: "Fn::Sub variables must be a mapping, got \(items[1].kindDescription)")
            }
            format = text
            variables = map
        default:
            throw Failure(reason: "Fn::Sub needs a string or [string, {variables}], got \(argument.jsonText)")
        }
        var output = ""
        var rest = Substring(format)
        while let open = rest.range(of: "${") {
            output += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else {
                // No closing brace: CloudFormation keeps the text as is.
                output += rest[open.lowerBound...]
                rest = ""
                break
            }
            let name = String(afterOpen[..<close])
            rest = afterOpen[afterOpen.index(after: close)...]
            if name.hasPrefix("!") {
                output += "${" + name.dropFirst() + "}"
                continue
            }
            output += try subVariable(name.trimmingWhitespace(), variables, trail)
        }
        output += rest
        return output
    }

    private func subVariable(_ name: String, _ variables: TemplateMap, _ trail: [String]) throws -> String {
        if let value = variables[name] {
            return try requiredText(value, "Fn::Sub variable '\(name)'", trail)
        }
        if template.parameters[name] == nil, !name.hasPrefix("AWS::"), let dot = name.firstIndex(of: ".") {
            let logicalId = String(name[..<dot])
            let attribute = String(name[name.index(after: dot)...])
            return try text(of: getAtt(logicalId, attribute, trail), "${\(name)}")
        }
        guard let value = try ref(name, trail) else { return "" }
        if case .list(let items) = value {
            // A list parameter inside Sub: CloudFormation rejects it; give a clear reason.
            throw Failure(reason: "${\(name)} is a list (\(items.count) items) and cannot be substituted into a string")
        }
        return try text(of: value, "${\(name)}")
    }
}
