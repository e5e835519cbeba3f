import Foundation
import TestSupport
import Testing

/// The lake from the command line: a stream batch through the ETL bootstrap, then SQL, snapshot, compaction, DDL.
@Suite struct LakeCommandTests {
    static func lakeProject() throws -> (project: String, lake: String) {
        let directory = try temporaryFolder()
        let lake = directory + "/lake"
        try FileManager.default.createDirectory(atPath: directory + "/ETL", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: BuiltProducts.path("LakeETL"), toPath: directory + "/ETL/bootstrap")
        let template = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              ETL:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: provided.al2023
                  Handler: bootstrap
                  CodeUri: ETL
                  Timeout: 60
                  Environment:
                    Variables:
                      LAKE_DIR: \(lake)
            """
        try template.write(toFile: directory + "/template.yaml", atomically: true, encoding: .utf8)
        return (directory, lake)
    }

    @Test func streamBatchToQueryableLake() async throws {
        let (project, lake) = try Self.lakeProject()
        let event = try await runSluice(["generate-event", "dynamodb-stream", "--table", "Things"])
        let invoked = try await runSluice(["invoke", "ETL", "-e", "-", "--skip-build"], directory: project, stdin: Data(event.stdout.utf8))
        #expect(invoked.status == 0, "\(invoked.stderr)")
        #expect(json(invoked.stdout)["batchItemFailures"] as? [Any] != nil)

        let changes = try await runSluice(
            ["lake", "query", "SELECT _op, Id, Message FROM items ORDER BY _seq", "--lake", lake, "--format", "csv"])
        #expect(changes.status == 0, "\(changes.stderr)")
        // CSV lines end in CRLF (RFC 4180); a REMOVE row carries the item's old image.
        #expect(changes.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty } == [
            "_op,Id,Message", "INSERT,101,New item!", "MODIFY,101,This item has changed", "REMOVE,101,This item has changed",
        ])
        let current = try await runSluice(["lake", "query", "SELECT count(*) AS n FROM items_current", "--lake", lake, "--format", "json"])
        #expect(current.stdout.contains("\"n\":0") || current.stdout.contains("\"n\": 0"), "\(current.stdout)")

        let snapshot = try await runSluice(["lake", "snapshot", "--lake", lake])
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        #expect(snapshot.stdout.contains("items: 0 current rows from 3 changes"))
        let compact = try await runSluice(["lake", "compact", "--lake", lake])
        #expect(compact.status == 0, "\(compact.stderr)")
        let after = try await runSluice(["lake", "query", "SELECT count(*) AS n FROM items", "--lake", lake, "--format", "csv"])
        #expect(after.stdout == "n\r\n3\r\n")
        let ddl = try await runSluice(["lake", "ddl", "--lake", lake, "--bucket", "s3://my-lake/data"])
        #expect(ddl.stdout.contains("CREATE EXTERNAL TABLE"))
        #expect(ddl.stdout.contains("s3://my-lake/data/items/"))
        #expect(ddl.stdout.contains("'projection.dt.type'"))
    }

    @Test func queryErrorsPointAtTheProblem() async throws {
        let (project, lake) = try Self.lakeProject()
        let event = try await runSluice(["generate-event", "dynamodb-stream"])
        _ = try await runSluice(["invoke", "ETL", "-e", "-", "--skip-build"], directory: project, stdin: Data(event.stdout.utf8))
        let unknown = try await runSluice(["lake", "query", "SELECT nope FROM items", "--lake", lake])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Unknown column 'nope' at 1:8"))
        #expect(unknown.stderr.contains("       ^"))
        let syntax = try await runSluice(["lake", "query", "SELECT FROM items", "--lake", lake])
        #expect(syntax.status == 2)
        #expect(syntax.stderr.contains("Syntax error"))
        let missing = try await runSluice(["lake", "query", "SELECT 1", "--lake", lake + "/absent"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no lake at"))
    }
}
