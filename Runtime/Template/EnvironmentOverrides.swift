import Foundation

/// The JSON file given to `sam local invoke|start-api|start-lambda --env-vars`:
///
/// ```json
/// { "Parameters": { "STAGE": "local" },
///   "OrdersFunction": { "TABLE_NAME": "orders-local" } }
/// ```
///
/// `Parameters` applies to every function; an object keyed by a function's logical id (or, failing
/// that, its `FunctionName`) applies to that function and wins over `Parameters`. Values may be
/// strings, numbers or booleans (`true`/`false`); `null` means an empty string.
public struct EnvironmentOverrides: Sendable, Hashable {
    /// Overrides for every function (the `Parameters` object).
    public var parameters: [String: String]
    /// Overrides per function, keyed by logical id or function name.
    public var functions: [String: [String: String]]

    /// Creates overrides directly.
    public init(parameters: [String: String] = [:], functions: [String: [String: String]] = [:]) {
        self.parameters = parameters
        self.functions = functions
    }

    /// Parses the JSON text of an env-vars file.
    /// - Throws: ``TemplateError/invalidEnvironmentFile(file:message:)``.
    public init(json: String, fileName: String = "env.json") throws {
        let value: TemplateValue
        do {
            value = try TemplateLoader.parse(json, fileName: fileName)
        } catch let error as TemplateError {
            throw TemplateError.invalidEnvironmentFile(file: fileName, message: "not valid JSON: \(error)")
        }
        guard let root = value.mapValue else {
            throw TemplateError.invalidEnvironmentFile(
                file: fileName, message: "must be a JSON object like {\"Parameters\": {...}, \"MyFunction\": {...}}")
        }
        var parameters: [String: String] = [:]
        var functions: [String: [String: String]] = [:]
        for entry in root.entries {
            guard let object = entry.value.mapValue else {
                throw TemplateError.invalidEnvironmentFile(
                    file: fileName, message: "'\(entry.key)' must be an object of variable names to values")
            }
            var values: [String: String] = [:]
            for variable in object.entries {
                if variable.value == .null { values[variable.key] = ""; continue }
                guard let text = variable.value.scalarText else {
                    throw TemplateError.invalidEnvironmentFile(
                        file: fileName,
                        message: "'\(entry.key).\(variable.key)' must be a string, number or boolean")
                }
                values[variable.key] = text
            }
            if entry.key == "Parameters" { parameters = values } else { functions[entry.key] = values }
        }
        self.init(parameters: parameters, functions: functions)
    }

    /// Reads and parses an env-vars file.
    public init(contentsOfFile path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TemplateError.unreadableFile(path: path, message: error.localizedDescription)
        }
        try self.init(json: text, fileName: (path as NSString).lastPathComponent)
    }

    /// The overrides for one function: `Parameters`, then the function's own object on top
    /// (looked up by logical id first, then by `FunctionName`, as SAM CLI does).
    public func values(forFunction logicalId: String, functionName: String? = nil) -> [String: String] {
        var result = parameters
        let specific = functions[logicalId] ?? functionName.flatMap { functions[$0] } ?? [:]
        result.merge(specific) { _, functionValue in functionValue }
        return result
    }
}
