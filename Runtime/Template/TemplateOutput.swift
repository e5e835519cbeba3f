/// One entry of the template's `Outputs` section.
public struct TemplateOutput: Sendable, Hashable {
    /// The output's logical id.
    public var logicalId: String
    /// `Value`, unresolved.
    public var value: TemplateValue
    /// `Description`.
    public var description: String?
    /// `Export.Name`, unresolved.
    public var exportName: TemplateValue?
    /// `Condition`.
    public var condition: String?

    /// Creates an output.
    public init(
        logicalId: String, value: TemplateValue, description: String? = nil, exportName: TemplateValue? = nil,
        condition: String? = nil
    ) {
        self.logicalId = logicalId
        self.value = value
        self.description = description
        self.exportName = exportName
        self.condition = condition
    }
}
