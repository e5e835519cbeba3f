extension LocalResolver {
    /// Evaluates a named condition from `Conditions`.
    func condition(named name: String, _ trail: [String]) throws -> Bool {
        guard let expression = template.conditions[name] else {
            throw Failure(reason: "no condition named '\(name)'")
        }
        return try conditionValue(expression, entering("Condition \(name)", trail))
    }

    /// Evaluates a condition expression: `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`,
    /// `{"Condition": name}`, or a literal boolean.
    func conditionValue(_ expression: TemplateValue, _ trail: [String]) throws -> Bool {
        if case .map(let map) = expression, map.count == 1, let name = map["Condition"]?.stringValue {
            return try condition(named: name, trail)
        }
        if let flag = expression.boolValue { return flag }
        guard let intrinsic = expression.intrinsic else {
            throw Failure(reason: "a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or {Condition: name}, got \(expression.jsonText)")
        }
        switch intrinsic.name {
        case "Fn::Equals":
            let args = try arguments(intrinsic, 2...2)
            let left = try required(args[0], "Fn::Equals argument", trail)
            let right = try required(args[1], "Fn::Equals argument", trail)
            // CloudFormation compares string forms: `!Equals [!Ref Count, 3]` is true for "3".
            if let leftText = left.scalarText, let rightText = right.scalarText { return leftText == rightText }
            return left == right
        case "Fn::Not":
            let args = try arguments(intrinsic, 1...1)
            return try !conditionValue(args[0], trail)
        case "Fn::And", "Fn::Or":
            let args = try arguments(intrinsic, 2...10)
            let values = try args.map { try conditionValue($0, trail) }
            return intrinsic.name == "Fn::And" ? !values.contains(false) : values.contains(true)
        default:
            // Any other intrinsic (for example a Ref to a "true"/"false" parameter) must yield a boolean.
            let value = try required(expression, intrinsic.name, trail)
            guard let flag = value.boolValue else {
                throw Failure(reason: "\(intrinsic.name) does not evaluate to a boolean (got \(value.jsonText))")
            }
            return flag
        }
    }
}
