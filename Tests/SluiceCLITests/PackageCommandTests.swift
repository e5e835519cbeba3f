import Foundation
import TestSupport
import Testing

/// `sluice package` builds a real release bootstrap, zips it, and the extracted `bootstrap` answers an event
/// under `sluice rie`, as Lambda would run it.
@Suite(.timeLimit(.minutes(30))) struct PackageCommandTests {
    /// Extracts every entry of a zip with Python's zipfile, applying the Unix mode stored in the archive (as
    /// Lambda does), and lists `name mode creator` per entry.
    static let extractor = """
        import os, sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            assert z.testzip() is None, "bad CRC"
            for info in z.infolist():
                path = z.extract(info, sys.argv[2])
                os.chmod(path, (info.external_attr >> 16) & 0o7777)
                print(info.filename, oct(info.external_attr >> 16), info.create_system)
        """

    /// The test runner holds SwiftPM's lock on .build while tests run, so the nested release build must not wait for it.
    static let build = ["--build-flag=--ignore-lock"]

    @Test func helloFunctionZipRunsUnderRie() async throws {
        let output = try temporaryFolder()
        let packaged = try await runSluice(
            ["package", "--function", "HelloFunction", "--output", output] + Self.build, directory: InvokeCommandTests.root)
        #expect(packaged.status == 0, "\(packaged.stderr)")
        let line = try #require(packaged.stdout.split(separator: "\n").first { $0.hasPrefix("HelloFunction") })
        #expect(line.contains("x86_64") && line.contains(" MB zip") && line.hasSuffix("HelloFunction.zip"))

        // Layout and mode: one entry, `bootstrap`, at the root, -rwxr-xr-x, made on Unix.
        let extracted = output + "/extracted"
        let listing = try runProgram(["python3", "-c", Self.extractor, output + "/HelloFunction.zip", extracted])
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout == "bootstrap 0o100755 3\n")
        #expect(FileManager.default.isExecutableFile(atPath: extracted + "/bootstrap"))

        // The packaged template points at the zip.
        let template = try String(contentsOfFile: output + "/packaged-template.yaml", encoding: .utf8)
        #expect(template.contains("CodeUri: HelloFunction.zip"))
        #expect(template.contains("CodeUri: Functions/UsersAPI"))  // not packaged in this run: left as it was

        // The extracted bootstrap serves a real event through the invoke endpoint.
        let rie = try CLIProcess(["rie", "--port", "0", "--", extracted + "/bootstrap"], environment: ["GREETING": "Hello"])
        defer { Task { _ = await rie.stop() } }
        let port = try await rie.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+)")
        let event = try String(contentsOfFile: InvokeCommandTests.root + "/events/hello-get.json", encoding: .utf8)
        let answer = try await post("http://127.0.0.1:\(port)/2015-03-31/functions/function/invocations", body: event)
        #expect(answer.status == 200)
        #expect(answer.headers["x-amz-function-error"] == nil)
        let response = json(answer.body)
        #expect(response["statusCode"] as? Int == 200)
        #expect(json(response["body"] as? String ?? "")["message"] as? String == "Hello, Ada!")

        // A second run reuses the build and the zip.
        let again = try await runSluice(
            ["package", "--function", "HelloFunction", "--output", output] + Self.build, directory: InvokeCommandTests.root)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("HelloFunction.zip  unchanged"))
    }

    /// Ready `bootstrap` files (any language) are packaged as they are; one that AL2023 cannot load fails by name
    /// while the other function is still packaged.
    @Test func readyBootstrapsAreCheckedAndTheBadOneIsNamed() async throws {
        let project = try temporaryFolder()
        for folder in ["good", "bad"] { try FileManager.default.createDirectory(atPath: project + "/\(folder)", withIntermediateDirectories: true) }
        try "int sluice_probe(void) { return 0; }\n".write(toFile: project + "/probe.c", atomically: true, encoding: .utf8)
        try "int sluice_probe(void);\nint main(void) { return sluice_probe(); }\n".write(toFile: project + "/bad.c", atomically: true, encoding: .utf8)
        try "int main(void) { return 0; }\n".write(toFile: project + "/good.c", atomically: true, encoding: .utf8)
        for command in [
            ["gcc", "-shared", "-fPIC", "-o", project + "/libsluiceprobe.so", project + "/probe.c"],
            ["gcc", "-o", project + "/bad/bootstrap", project + "/bad.c", "-L", project, "-lsluiceprobe"],
            ["gcc", "-static", "-o", project + "/good/bootstrap", project + "/good.c"],
        ] {
            let result = try runProgram(command)
            #expect(result.status == 0, "\(result.stderr)")
        }
        try """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function: {Runtime: provided.al2023, Handler: bootstrap}
            Resources:
              Good:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: good
              Bad:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: bad
            """.write(toFile: project + "/template.yaml", atomically: true, encoding: .utf8)
        let result = try await runSluice(["package", "--output", project + "/out"], directory: project)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("sluice: Bad: \(project)/bad/bootstrap would not start on provided.al2023: needs libsluiceprobe.so"))
        #expect(result.stdout.contains("Good  x86_64"))
        #expect(result.stdout.contains("Bad  x86_64  FAILED"))
        #expect(FileManager.default.fileExists(atPath: project + "/out/Good.zip"))
        #expect(!FileManager.default.fileExists(atPath: project + "/out/Bad.zip"))
        let template = try String(contentsOfFile: project + "/out/packaged-template.yaml", encoding: .utf8)
        #expect(template.contains("CodeUri: Good.zip") && template.contains("CodeUri: bad"))
    }

    @Test(.enabled(if: !hasSwiftSDK(), "a Swift SDK is installed here, so arm64 would build"))
    func arm64WithoutASwiftSDKSaysHowToGetOne() async throws {
        let result = try await runSluice(
            ["package", "--arch", "arm64", "--function", "HelloFunction", "--output", try temporaryFolder()] + Self.build,
            directory: InvokeCommandTests.root)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.hasPrefix("sluice: cannot build for arm64 on this x86_64 machine: no Swift SDK is installed."))
        #expect(result.stderr.contains("swift sdk install"))
        #expect(result.stderr.contains("--arch x86_64"))
    }

    @Test func usageErrorsAreOneLineWithExitTwo() async throws {
        let output = try temporaryFolder()
        for (arguments, message) in [
            (["package", "--function", "Nope", "--output", output], "no function 'Nope' in the template"),
            (["package", "--arch", "sparc", "--output", output], "--arch must be x86_64 or arm64"),
        ] {
            let result = try await runSluice(arguments, directory: InvokeCommandTests.root)
            #expect(result.status == 2)
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }
}

/// Whether `swift sdk list` shows any installed SDK.
func hasSwiftSDK() -> Bool {
    guard let result = try? runProgram(["swift", "sdk", "list"]) else { return false }
    return result.status == 0 && !result.stdout.contains("No Swift SDKs") && !result.stdout.isEmpty
}
