import Foundation
import SluiceTemplate

/// Finds, and builds when needed, the `bootstrap` executable of a template function.
///
/// Order: a ready `bootstrap` file in the function's `CodeUri` folder (any language, or a packaged
/// function) wins; otherwise the SwiftPM executable product named by `Metadata.SwiftProduct`
/// (default: the last component of `CodeUri`) is built with `swift build` in the template's folder.
/// Functions of an ``InterpretedRuntime`` (`python3.x`) run their `Handler` under the runtime interface client.
public struct FunctionBuild: Sendable {
    /// The folder holding `template.yaml` and `Package.swift`.
    public var projectDirectory: String
    /// `debug` or `release`.
    public var configuration: String

    public init(projectDirectory: String, configuration: String = "debug") {
        self.projectDirectory = projectDirectory
        self.configuration = configuration
    }

    /// The SwiftPM product for a function.
    public static func product(of function: FunctionDefinition) -> String? {
        if let named = function.metadata?["SwiftProduct"]?.stringValue { return named }
        guard let uri = function.codeUri else { return nil }
        let last = uri.split(separator: "/").last.map(String.init)
        return last == "." ? nil : last
    }

    /// The bootstrap command for `function`, building its product first unless `build` is false.
    public func bootstrap(for function: FunctionDefinition, build: Bool = true) throws(FunctionBuildError) -> [String] {
        if let uri = function.codeUri {
            let candidate = URL(fileURLWithPath: projectDirectory).appendingPathComponent(uri).appendingPathComponent("bootstrap").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return [candidate] }
        }
        if let runtime = InterpretedRuntime(function) {
            guard let handler = function.handler, !handler.isEmpty else { throw .noHandler(function: function.logicalId) }
            return runtime.command(handler: handler)
        }
        guard let product = Self.product(of: function) else {
            throw .noProduct(function: function.logicalId)
        }
        if build { try self.build(products: [product]) }
        let binary = URL(fileURLWithPath: projectDirectory)
            .appendingPathComponent(".build").appendingPathComponent(configuration).appendingPathComponent(product).path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw .missingBinary(function: function.logicalId, path: binary)
        }
        return [binary]
    }

    /// Runs `swift build` for the products, one at a time (SwiftPM builds only the last of several
    /// `--product` options); its output goes to our standard error.
    public func build(products: [String]) throws(FunctionBuildError) {
        for product in products { try build(product: product) }
    }

    private func build(product: String) throws(FunctionBuildError) {
        let products = [product]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "build", "-c", configuration, "--product", product]
        process.currentDirectoryURL = URL(fileURLWithPath: projectDirectory)
        process.standardOutput = FileHandle.standardError
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw .buildFailed(products: products, status: -1, reason: "\(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .buildFailed(products: products, status: process.terminationStatus, reason: "see the compiler output above")
        }
    }
}

/// Why a function's bootstrap could not be had.
public enum FunctionBuildError: Error, CustomStringConvertible, Sendable {
    case noProduct(function: String)
    case noHandler(function: String)
    case missingBinary(function: String, path: String)
    case buildFailed(products: [String], status: Int32, reason: String)

    public var description: String {
        switch self {
        case .noProduct(let function):
            "function '\(function)' has no CodeUri folder with a bootstrap and no Metadata.SwiftProduct naming its executable"
        case .noHandler(let function):
            "function '\(function)' has an interpreted Runtime but no Handler (e.g. Handler: app.handler)"
        case .missingBinary(let function, let path):
            "function '\(function)': no executable at \(path) (build it, or drop --skip-build)"
        case .buildFailed(let products, let status, let reason):
            "swift build of \(products.joined(separator: ", ")) failed (exit \(status)): \(reason)"
        }
    }
}
