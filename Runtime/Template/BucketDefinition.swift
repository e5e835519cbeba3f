/// An `AWS::S3::Bucket`.
public struct BucketDefinition: Sendable, Hashable {
    /// The logical id.
    public var logicalId: String
    /// `BucketName` resolved, or the logical id when absent (the local physical name).
    public var bucketName: String
    /// The resource's `Condition`.
    public var condition: String?
    /// The properties, unresolved.
    public var properties: TemplateMap

    /// Reads a bucket resource.
    public init(resource: TemplateResource, template: SAMTemplate, resolver: LocalResolver) throws {
        let reader = PropertyReader(
            template: template, resolver: resolver, logicalId: resource.logicalId, properties: resource.properties)
        logicalId = resource.logicalId
        bucketName = try reader.string("BucketName") ?? resource.logicalId
        condition = resource.condition
        properties = resource.properties
    }
}
