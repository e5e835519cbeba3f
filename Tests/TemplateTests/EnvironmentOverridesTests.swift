import Testing

@testable import SluiceTemplate

@Suite struct EnvironmentOverridesTests {
    @Test func parametersApplyToAllFunctionsAndFunctionObjectsWin() throws {
        let overrides = try EnvironmentOverrides(
            json: """
                {
                  "Parameters": {"STAGE": "local", "LOG_LEVEL": "debug", "NOT_DECLARED": "x"},
                  "CreateOrderFunction": {"TABLE_NAME": "orders-local", "LOG_LEVEL": "trace", "DEBUG": false}
                }
                """)
        #expect(overrides.parameters["STAGE"] == "local")
        #expect(overrides.functions["CreateOrderFunction"]?["DEBUG"] == "false")
        let template = try Fixtures.template()
        let create = try template.function(named: "CreateOrderFunction")
        let env = try create.environment(overrides: overrides)
        #expect(
            env == [
                "STAGE": "local", "LOG_LEVEL": "trace", "SHARED": "from-function", "DEBUG": "false",
                "TABLE_NAME": "orders-local",
                "TABLE_ARN": "arn:aws:dynamodb:us-east-1:123456789012:table/sluice-local-orders",
            ])
        #expect(env["NOT_DECLARED"] == nil)  // only variables declared in the template are overridden

        let streaming = try template.function(named: "StreamingFunction")
        #expect(try streaming.environment(overrides: overrides) == ["STAGE": "local", "LOG_LEVEL": "debug", "SHARED": "from-globals"])
    }

    @Test func shellEnvironmentSitsBetweenTemplateAndFile() throws {
        let function = try Fixtures.template().function(named: "StreamingFunction")
        let file = EnvironmentOverrides(parameters: ["STAGE": "file"])
        let env = try function.environment(overrides: file, shellEnvironment: ["STAGE": "shell", "LOG_LEVEL": "shell", "HOME": "/root"])
        #expect(env == ["STAGE": "file", "LOG_LEVEL": "shell", "SHARED": "from-globals"])
    }

    @Test func unresolvableVariablesNeedAnOverrideOrLenientMode() throws {
        let function = try Fixtures.template().function(named: "OrderStreamFunction")
        let error = #expect(throws: TemplateError.self) { try function.environment() }
        #expect(error?.description.contains("QUEUE_URL") == true)
        #expect(try function.environment(strict: false)["QUEUE_URL"] == "")
        let overrides = EnvironmentOverrides(functions: ["OrderStreamFunction": ["QUEUE_URL": "http://localhost:9324/q"]])
        #expect(try function.environment(overrides: overrides)["QUEUE_URL"] == "http://localhost:9324/q")
    }

    @Test func lookupByFunctionName() {
        let overrides = EnvironmentOverrides(parameters: ["A": "1"], functions: ["orders-create": ["A": "2"]])
        #expect(overrides.values(forFunction: "CreateOrder", functionName: "orders-create") == ["A": "2"])
        #expect(overrides.values(forFunction: "CreateOrder") == ["A": "1"])
    }

    @Test func malformedFilesAreRejected() {
        for json in [#"["a"]"#, #"{"Parameters": "x"}"#, #"{"Fn": {"A": [1]}}"#, #"{"Parameters": {"#] {
            #expect(throws: TemplateError.self) { try EnvironmentOverrides(json: json) }
        }
        let error = #expect(throws: TemplateError.self) { try EnvironmentOverrides(json: #"{"Fn": {"A": {"x": 1}}}"#) }
        #expect(error?.description == "env.json: 'Fn.A' must be a string, number or boolean")
    }
}
