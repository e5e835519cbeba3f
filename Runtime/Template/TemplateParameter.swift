/// One entry of the template's `Parameters` section.
public struct TemplateParameter: Sendable, Hashable {
    /// The parameter name.
    public var name: String
    /// `Type` (`String`, `Number`, `CommaDelimitedList`, `List<Number>`, `AWS::SSM::Parameter::Value<String>`, …).
    public var type: String
    /// `Default`, as written.
    public var defaultValue: TemplateValue?
    /// `Description`.
    public var description: String?
    /// `AllowedValues`, as text.
    public var allowedValues: [String]
    /// `NoEcho`.
    public var noEcho: Bool

    /// Creates a parameter.
    public init(
        name: String, type: String = "String", defaultValue: TemplateValue? = nil, description: String? = nil,
        allowedValues: [String] = [], noEcho: Bool = false
    ) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.description = description
        self.allowedValues = allowedValues
        self.noEcho = noEcho
    }

    /// Whether `Ref` yields a list (`CommaDelimitedList` and `List<…>` types).
    public var isList: Bool {
        type == "CommaDelimitedList" || type.hasPrefix("List<")
            || type.hasPrefix("AWS::SSM::Parameter::Value<List<")
            || type.hasPrefix("AWS::SSM::Parameter::Value<CommaDelimitedList")
    }
}
