import SluiceTemplate

/// A managed interpreted runtime Sluice runs without a container: the function's code folder is the
/// working directory and the host's interpreter runs AWS's runtime interface client on its `Handler`.
///
/// `Runtime: python3.x` with `Handler: module.function` runs `python3 -m awslambdaric module.function`
/// (the `awslambdaric` package from PyPI must be installed for the host's `python3`).
public enum InterpretedRuntime: Sendable, Equatable {
    case python

    /// The interpreted runtime of `function`, or nil for custom runtimes (`provided.*`) and runtimes Sluice does not run.
    public init?(_ function: FunctionDefinition) {
        guard let runtime = function.runtime?.lowercased(), runtime.hasPrefix("python3") else { return nil }
        self = .python
    }

    /// The command that starts an instance of `handler`.
    public func command(handler: String) -> [String] {
        switch self {
        case .python: ["python3", "-m", "awslambdaric", handler]
        }
    }
}
