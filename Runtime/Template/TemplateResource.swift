/// One entry of the template's `Resources` section.
public struct TemplateResource: Sendable, Hashable {
    /// The logical id (the key under `Resources`).
    public var logicalId: String
    /// The resource type, such as `AWS::Serverless::Function`.
    public var type: String
    /// `Properties`, unresolved (empty when absent).
    public var properties: TemplateMap
    /// `Metadata` (for example SAM's `BuildMethod`), when present.
    public var metadata: TemplateMap?
    /// `DependsOn`, normalised to a list.
    public var dependsOn: [String]
    /// The name of the `Condition` that controls whether the resource exists.
    public var condition: String?
    /// Where the resource's key is in the source, when known.
    public var location: SourceLocation?

    /// Creates a resource.
    public init(
        logicalId: String, type: String, properties: TemplateMap = [:], metadata: TemplateMap? = nil,
        dependsOn: [String] = [], condition: String? = nil, location: SourceLocation? = nil
    ) {
        self.logicalId = logicalId
        self.type = type
        self.properties = properties
        self.metadata = metadata
        self.dependsOn = dependsOn
        self.condition = condition
        self.location = location
    }
}

/// Resource type names the model understands.
public enum ResourceType {
    /// `AWS::Serverless::Function`.
    public static let serverlessFunction = "AWS::Serverless::Function"
    /// `AWS::Lambda::Function`.
    public static let lambdaFunction = "AWS::Lambda::Function"
    /// `AWS::DynamoDB::Table`.
    public static let dynamoDBTable = "AWS::DynamoDB::Table"
    /// `AWS::Serverless::SimpleTable`.
    public static let simpleTable = "AWS::Serverless::SimpleTable"
    /// `AWS::Serverless::HttpApi`.
    public static let httpApi = "AWS::Serverless::HttpApi"
    /// `AWS::S3::Bucket`.
    public static let s3Bucket = "AWS::S3::Bucket"
}
