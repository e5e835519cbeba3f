import ArgumentParser

/// `sluice`: run Lambda functions, tables and the lake locally from `template.yaml`.
@main
struct Sluice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Run serverless functions, DynamoDB-compatible tables and a Parquet lake on one machine.",
        version: "0.1.0",
        subcommands: [DevCommand.self, InvokeCommand.self, StartAPICommand.self, StartLambdaCommand.self, TokenCommand.self, RIECommand.self, GenerateEventCommand.self, PackageCommand.self, TableCommand.self, LakeCommand.self])
}
