import Foundation
import TestSupport
import Testing

@testable import Lake

/// `sluice invoke` of the ETL bootstrap with the template's `LAKE_BUCKET`, then `sluice lake
/// query|compact|snapshot|ddl --lake s3://…`, all against moto through `AWS_ENDPOINT_URL_S3`.
@Suite(.timeLimit(.minutes(5))) struct LakeCLIOnS3Tests {
    static var products: URL { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent() }

    /// Runs `sluice` to completion with `environment` added.
    static func sluice(
        _ arguments: [String], directory: String? = nil, environment: [String: String], stdin: String? = nil
    ) throws -> ProgramRun {
        try runProgram(
            arguments, executable: products.appendingPathComponent("sluice").path, environment: environment, in: directory,
            stdin: stdin)
    }

    @Test func theETLWritesToTheBucketAndTheLakeCommandsWorkOnIt() async throws {
        let environment = try await MotoServer.environment()
        let (_, bucket) = try await MotoServer.bucket()
        let project = try temporaryFolder("sluice-lake")
        try FileManager.default.createDirectory(atPath: project + "/ETL", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.products.appendingPathComponent("LakeETL").path, toPath: project + "/ETL/bootstrap")
        // As template.yaml: the bucket by name (a !Ref on AWS), a prefix; no LAKE_DIR.
        try """
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
                      LAKE_BUCKET: \(bucket)
                      LAKE_PREFIX: data/lake
            """.write(toFile: project + "/template.yaml", atomically: true, encoding: .utf8)
        var clean = environment
        clean["LAKE_DIR"] = ""
        let event = try Self.sluice(["generate-event", "dynamodb-stream", "--table", "Things"], environment: clean)
        let invoked = try Self.sluice(["invoke", "ETL", "-e", "-", "--skip-build"], directory: project, environment: clean, stdin: event.stdout)
        #expect(invoked.status == 0, "\(invoked.stderr)")
        #expect(invoked.stdout.contains(#""batchItemFailures":[]"#), "\(invoked.stdout)")
        let lake = "s3://\(bucket)/data/lake"

        let changes = try Self.sluice(["lake", "query", "SELECT _op, Id, Message FROM items ORDER BY _seq", "--lake", lake, "--format", "csv"], environment: environment)
        #expect(changes.status == 0, "\(changes.stderr)")
        #expect(changes.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty } == [
            "_op,Id,Message", "INSERT,101,New item!", "MODIFY,101,This item has changed", "REMOVE,101,This item has changed",
        ])
        let pruned = try Self.sluice(["lake", "query", "SELECT count(*) AS n FROM items WHERE dt < '2000-01-01'", "--lake", lake, "--format", "csv"], environment: environment)
        #expect(pruned.stdout == "n\r\n0\r\n", "\(pruned.stderr)")
        let snapshot = try Self.sluice(["lake", "snapshot", "--lake", lake], environment: environment)
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        #expect(snapshot.stdout.contains("items: 0 current rows from 3 changes → \(lake)/items_current/current.parquet"))
        // A second batch, then compaction merges the two files of the day.
        let second = try Self.sluice(["generate-event", "dynamodb-stream", "--table", "Things"], environment: clean)
        let shifted = second.stdout.replacingOccurrences(of: "\"SequenceNumber\" : \"", with: "\"SequenceNumber\" : \"9")
        let again = try Self.sluice(["invoke", "ETL", "-e", "-", "--skip-build"], directory: project, environment: clean, stdin: shifted)
        #expect(again.status == 0, "\(again.stderr)")
        let compact = try Self.sluice(["lake", "compact", "--lake", lake], environment: environment)
        #expect(compact.status == 0, "\(compact.stderr)")
        #expect(compact.stderr.contains("2 files → 1"), "\(compact.stderr)")
        let after = try Self.sluice(["lake", "query", "SELECT count(*) AS n, count(DISTINCT _seq) AS d FROM items", "--lake", lake, "--format", "csv"], environment: environment)
        #expect(after.stdout == "n,d\r\n6,6\r\n", "\(after.stderr)")
        let ddl = try Self.sluice(["lake", "ddl", "--lake", lake], environment: environment)
        #expect(ddl.status == 0, "\(ddl.stderr)")
        #expect(ddl.stdout.contains("LOCATION '\(lake)/items/'"))
        #expect(ddl.stdout.contains("LOCATION '\(lake)/items_current/'"))

        let missing = try Self.sluice(["lake", "query", "SELECT 1 FROM items", "--lake", "s3://sluice-no-such-bucket/x"], environment: environment)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("NoSuchBucket"), "\(missing.stderr)")
    }
}
