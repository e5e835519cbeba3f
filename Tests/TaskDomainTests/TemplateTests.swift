import Foundation
import SluiceTemplate
import TaskDomain
import Testing

@Suite struct TemplateTests {
    /// `scripts/check-template`: cfn-lint and the SAM transform (skipped where the tools are missing).
    @Test func lintAndTransform() throws {
        guard toolAvailable("cfn-lint"), toolAvailable("python3") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: repositoryRoot + "/scripts/check-template")
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        for resource in ["AppTable\tAWS::DynamoDB::Table", "UsersFunction\tAWS::Lambda::Function",
                         "TasksFunction\tAWS::Lambda::Function", "LakeETLFunctionTableStream\tAWS::Lambda::EventSourceMapping",
                         "HttpApi\tAWS::ApiGatewayV2::Api", "LakeBucket\tAWS::S3::Bucket", "LakeETLFailureQueue\tAWS::SQS::Queue"] {
            #expect(text.contains(resource), "\(resource) missing from\n\(text)")
        }
    }

    /// The local tools read the same table and functions the code expects.
    @Test func localView() throws {
        let template = try SAMTemplate(contentsOfFile: repositoryRoot + "/template.yaml")
        let table = try #require(try template.tables.first { $0.tableName == "AppTable" })
        #expect(table.keySchema.map(\.attributeName) == [TableDesign.partitionKey, TableDesign.sortKey])
        #expect(table.globalSecondaryIndexes.map(\.indexName) == [TableDesign.gsi1])
        #expect(table.globalSecondaryIndexes.first?.keySchema.map(\.attributeName) == [TableDesign.gsi1PartitionKey, TableDesign.gsi1SortKey])
        #expect(table.streamViewType == "NEW_AND_OLD_IMAGES")
        for name in ["UsersFunction", "TasksFunction"] {
            let function = try #require(try template.functions.first { $0.logicalId == name })
            #expect(function.environmentVariables["TABLE_NAME"] == "AppTable")
            #expect((function.environmentVariables["CURSOR_SECRET"]?.utf8.count ?? 0) >= 16)
            #expect(function.runtime == "provided.al2023" && function.handler == "bootstrap")
        }
        let etl = try #require(try template.functions.first { $0.logicalId == "LakeETLFunction" })
        #expect(etl.events.contains { $0.type == "DynamoDB" })
        // The deployed function writes to the template's bucket; `sluice dev` points LAKE_DIR at .sluice/lake.
        #expect(etl.environmentVariables["LAKE_BUCKET"] != nil)
        #expect(etl.environmentVariables["LAKE_DIR"] == nil)
        // Every route the router serves is in the template, on the function for its surface.
        let routes = try template.functions.filter { ["UsersFunction", "TasksFunction"].contains($0.logicalId) }
            .flatMap { f in f.events.filter { $0.type == "HttpApi" }.map { (f.logicalId, $0.properties) } }
        #expect(routes.count == 11)
    }

    func toolAvailable(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }
}
