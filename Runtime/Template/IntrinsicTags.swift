/// The CloudFormation YAML short-form tags and their long-form keys.
enum IntrinsicTags {
    /// Short names accepted after `!`, in documentation order.
    static let shortNames = [
        "Ref", "GetAtt", "Sub", "If", "Equals", "Not", "And", "Or", "Join", "Select", "Split",
        "FindInMap", "GetAZs", "ImportValue", "Base64", "Cidr", "Condition", "Transform",
        "Length", "ToJsonString",
    ]

    /// The long-form key for a short tag name (`GetAtt` → `Fn::GetAtt`), or nil when unknown.
    static func longName(for shortName: String) -> String? {
        guard shortNames.contains(shortName) else { return nil }
        switch shortName {
        case "Ref", "Condition": return shortName
        default: return "Fn::" + shortName
        }
    }
}
