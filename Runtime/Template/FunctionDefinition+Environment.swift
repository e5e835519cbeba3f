extension FunctionDefinition {
    /// The function's final environment variables for a local run, following SAM CLI's
    /// documented `--env-vars` behaviour:
    ///
    /// * only variables declared in the template (`Environment.Variables`, globals included) are
    ///   passed or overridden; override keys the template does not declare are ignored;
    /// * priority, highest first: the function's own object in the env-vars file, its `Parameters`
    ///   object, the shell environment (`shellEnvironment`), then the template value;
    /// * values are strings; booleans become `true`/`false`.
    ///
    /// SAM CLI turns a value it cannot resolve into an empty string. Here that happens only when
    /// `strict` is false; with `strict` (the default) an unresolvable variable that nothing overrides
    /// throws its ``TemplateError/unresolvable(resource:property:reason:)`` error.
    /// AWS_* runtime variables (region, credentials, handler, …) are the caller's business.
    public func environment(
        overrides: EnvironmentOverrides? = nil, shellEnvironment: [String: String] = [:], strict: Bool = true
    ) throws -> [String: String] {
        let fileValues = overrides?.values(forFunction: logicalId, functionName: functionName) ?? [:]
        var result: [String: String] = [:]
        for name in environment.keys {
            if let value = fileValues[name] ?? shellEnvironment[name] {
                result[name] = value
            } else if let value = environmentVariables[name] {
                result[name] = value
            } else if let failure = unresolvedEnvironment[name] {
                if strict { throw failure }
                result[name] = ""
            }
            // Otherwise the variable resolved to AWS::NoValue and does not exist.
        }
        return result
    }
}
