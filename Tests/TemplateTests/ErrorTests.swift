import Testing

@testable import SluiceTemplate

@Suite struct ErrorTests {
    func error(_ yaml: String) -> TemplateError? {
        #expect(throws: TemplateError.self) { _ = try SAMTemplate(yaml: yaml).functions }
    }

    @Test func brokenYAMLHasAPosition() {
        let broken = error(
            """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: [unclosed
            """)
        guard case .syntax(let file, let location, _)? = broken else {
            Issue.record("expected a syntax error, got \(String(describing: broken))")
            return
        }
        #expect(file == "template.yaml")
        #expect(location != nil)
        #expect(broken?.description.hasPrefix("template.yaml:") == true)

        let badIndent = error("Resources:\n  A: 1\n B: 2\n")
        #expect(badIndent?.description.hasPrefix("template.yaml:3:") == true)
        let duplicate = error("Resources:\n  A: {Type: X}\n  A: {Type: Y}\n")
        #expect(duplicate?.description.contains("duplicate key 'A'") == true)
    }

    @Test func unknownTagNamesTagAndPosition() {
        let unknown = error(
            """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: !Foo bar
            """)
        #expect(unknown == .unknownTag(file: "template.yaml", location: SourceLocation(line: 5, column: 16), tag: "!Foo"))
        #expect(unknown?.description.hasPrefix("template.yaml:5:16: unknown tag !Foo") == true)
    }

    @Test func wrongPropertyTypes() {
        let handler = error(
            """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: [bootstrap]
            """)
        #expect(handler?.description == "template.yaml:5:7: resource 'Fn': Properties.Handler must be a string (found a list)")
        let timeout = error(
            """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: bootstrap
                  Timeout: soon
            """)
        #expect(timeout?.description.contains("resource 'Fn': Properties.Timeout must be an integer") == true)
        let mode = error(
            """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionUrlConfig: {AuthType: NONE, InvokeMode: STREAMING}
            """)
        #expect(mode?.description.contains("InvokeMode must be BUFFERED or RESPONSE_STREAM") == true)
        let events = error(
            """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Api: {Properties: {Path: /}}
            """)
        #expect(events?.description.contains("Properties.Events.Api.Type is required") == true)
    }

    @Test func malformedDocuments() {
        #expect(error("")?.description == "template.yaml:1:1: the template is empty")
        #expect(error("- a\n- b")?.description.contains("must be a mapping, found a list") == true)
        #expect(error("Description: x")?.description.contains("missing 'Resources'") == true)
        #expect(error("Resources: [a]")?.description == "template.yaml:1:1: Resources must be a mapping, found a list")
        #expect(error("Resources:\n  Fn: {Properties: {}}")?.description == "template.yaml:2:3: Resources.Fn needs a 'Type'")
        #expect(error("Resources:\n  Fn: {Type: X, DependsOn: [{a: b}]}")?.description.contains("DependsOn must list logical ids") == true)
        #expect(error("Resources:\n  Fn: {Type: X}\nParameters:\n  P: {Default: 1}")?.description.contains("Parameters.P needs a 'Type'") == true)
        #expect(error(String(repeating: "[", count: 5000)) != nil)
        #expect(error("a: &a [*a]") != nil)
        #expect(error("\"unterminated") != nil)
    }

    @Test func aliasBombIsRefused() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...6 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        let bomb = #expect(throws: TemplateError.self) { try TemplateLoader.parse(yaml) }
        #expect(bomb?.description.contains("alias bomb") == true)
    }

    @Test func missingFunctionListsTheOthers() throws {
        let template = try Fixtures.template()
        let missing = #expect(throws: TemplateError.self) { try template.function(named: "Y") }
        #expect(missing == .noSuchFunction(name: "Y", available: ["CreateOrderFunction", "OrderStreamFunction", "StreamingFunction"]))
        #expect(missing?.description == "no function named 'Y' in template (functions: CreateOrderFunction, OrderStreamFunction, StreamingFunction)")
    }

    @Test func unreadableFile() {
        let failure = #expect(throws: TemplateError.self) { try SAMTemplate(contentsOfFile: "/nonexistent/template.yaml") }
        #expect(failure?.description.hasPrefix("cannot read /nonexistent/template.yaml") == true)
    }
}
