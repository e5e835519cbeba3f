import Deploy
import Foundation
import SluiceTemplate
import TestSupport
import Testing

/// The packaged template is the source text with only CodeUri (and, when asked, Architectures) changed, and it
/// still passes cfn-lint and the SAM transform (scripts/check-template, as CI runs it).
@Suite(.timeLimit(.minutes(5))) struct PackagedTemplateTests {
    static let functions = ["HelloFunction", "UsersFunction", "TasksFunction", "LakeETLFunction"]

    /// `sluice package --arch arm64` of the repository's template (whose Globals say x86_64).
    func rewriteRepositoryTemplate() throws -> (source: String, packaged: String) {
        let source = try String(contentsOfFile: repositoryRoot + "/template.yaml", encoding: .utf8)
        let edits = Self.functions.map { PackagedTemplate.Edit(logicalId: $0, codeUri: "\($0).zip", architecture: "arm64") }
        return (source, try PackagedTemplate(text: source, template: SAMTemplate(yaml: source)).rewritten(edits))
    }

    @Test func onlyCodeUriAndArchitecturesChange() throws {
        let (source, packaged) = try rewriteRepositoryTemplate()
        let template = try SAMTemplate(yaml: packaged)
        for name in Self.functions {
            let function = try template.function(named: name, resolver: template.defaultResolver)
            #expect(function.codeUri == "\(name).zip")
            #expect(function.architectures == ["arm64"])  // SAM would append a function's list to Globals' one
        }
        let changed = { (line: Substring) in line.contains("CodeUri:") || line.contains("Architectures: [") }
        let before = source.split(separator: "\n", omittingEmptySubsequences: false).filter { !changed($0) }
        let after = packaged.split(separator: "\n", omittingEmptySubsequences: false).filter { !changed($0) }
        #expect(before == after)
        #expect(packaged.contains("\n    Architectures: [arm64]\n"))  // in Globals, where the template states it
        for tag in ["!Ref ", "!GetAtt ", "!Sub "] {
            #expect(packaged.components(separatedBy: tag).count == source.components(separatedBy: tag).count)
        }
    }

    @Test(.enabled(if: (try? runProgram(["cfn-lint", "--version"]).status) == 0, "cfn-lint is installed by scripts/setup"))
    func packagedTemplatePassesCfnLintAndTheSAMTransform() throws {
        let directory = try temporaryFolder("sluice-deploy")
        let path = directory + "/packaged-template.yaml"
        try rewriteRepositoryTemplate().packaged.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try runProgram([repositoryRoot + "/scripts/check-template", path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("HelloFunction\tAWS::Lambda::Function"))
        #expect(result.output.contains("LakeETLFunctionTableStream\tAWS::Lambda::EventSourceMapping"))
    }

    @Test func flowStyleCodeUriIsRefusedWithAClearMessage() throws {
        let text = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: {CodeUri: Functions/Fn, Runtime: provided.al2023, Handler: bootstrap}
            """
        let error = #expect(throws: PackageError.self) {
            try PackagedTemplate(text: text, template: SAMTemplate(yaml: text)).rewritten([.init(logicalId: "Fn", codeUri: "Fn.zip")])
        }
        #expect(error?.description.contains("CodeUri at line 5 is not in block style") == true)
    }
}
