import Emulator
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// Paths of executables SwiftPM built beside the test bundle.
enum BuiltProducts {
    static var directory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }
    static var fixture: String { directory.appendingPathComponent("FixtureFunction").path }
    static var sluice: String { directory.appendingPathComponent("sluice").path }
}

/// Collects a function's log lines.
final class LogCollector: Sendable {
    private let lines = Mutex<[String]>([])
    var sink: LogSink { .lines { line in self.lines.withLock { $0.append(line) } } }
    var all: [String] { lines.withLock { $0 } }
}

extension InvocationResult {
    var text: String { String(decoding: payload, as: UTF8.self) }
    var failure: FunctionFailure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
    var isSuccess: Bool { failure == nil }
}

func fixture(
    _ handler: String, timeout: Duration = .seconds(10), logs: LogSink = .discard,
    environment: [String: String] = [:], logFormat: String? = nil, logLevel: String? = nil
) -> FunctionInstance {
    FunctionInstance(configuration: FunctionConfiguration(
        name: "Fixture-\(handler)", command: [BuiltProducts.fixture], environment: environment, handler: handler,
        timeout: timeout, logFormat: logFormat, logLevel: logLevel, logs: logs))
}

func json(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}

/// A POST over loopback with URLSession (tests only: bootstraps never link FoundationNetworking).
func post(_ url: String, body: [UInt8], headers: [String: String] = [:]) async throws -> (Int, [String: String], String) {
    var request = URLRequest(url: URL(string: url)!)
    request.httpMethod = "POST"
    request.httpBody = Data(body)
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as! HTTPURLResponse
    var fields: [String: String] = [:]
    for (key, value) in http.allHeaderFields { fields["\(key)".lowercased()] = "\(value)" }
    return (http.statusCode, fields, String(decoding: data, as: UTF8.self))
}
