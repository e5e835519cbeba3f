/// The local "deployment" a ``LocalResolver`` pretends to be: region, account, stack name and
/// parameter values.
public struct ResolverOptions: Sendable, Hashable {
    /// `AWS::Region` (default `us-east-1`).
    public var region: String
    /// `AWS::AccountId` (default `123456789012`, the placeholder SAM CLI uses).
    public var accountId: String
    /// `AWS::StackName` (default `sluice-local`).
    public var stackName: String
    /// Parameter values that win over `Default` (like `sam local … --parameter-overrides`).
    public var parameterOverrides: [String: String]
    /// Values for `Fn::ImportValue` by export name; other imports are unresolvable locally.
    public var importedValues: [String: String]
    /// The stream label used in `StreamArn` (`…/stream/<label>`), same shape as AWS's timestamps.
    public var streamLabel: String

    /// Creates options; every argument has the local default.
    public init(
        region: String = "us-east-1", accountId: String = "123456789012", stackName: String = "sluice-local",
        parameterOverrides: [String: String] = [:], importedValues: [String: String] = [:],
        streamLabel: String = "2024-01-01T00:00:00.000"
    ) {
        self.region = region
        self.accountId = accountId
        self.stackName = stackName
        self.parameterOverrides = parameterOverrides
        self.importedValues = importedValues
        self.streamLabel = streamLabel
    }

    /// `AWS::Partition`: `aws-cn` for China regions, `aws-us-gov` for GovCloud, `aws` otherwise.
    public var partition: String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    /// `AWS::URLSuffix`: `amazonaws.com.cn` in China regions, `amazonaws.com` otherwise.
    public var urlSuffix: String { region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com" }
}
