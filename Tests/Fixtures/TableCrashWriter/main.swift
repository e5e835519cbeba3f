// Crash-test fixture: opens a data directory and writes items in a burst from several concurrent
// tasks, printing each key (flushed) only after its PutItem returned. The test SIGKILLs it.
// Usage: TableCrashWriter <data-dir> <round> [count] [writers]
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DynamoAPI
import DynamoModel
import TableEngine

/// Writes a line straight to a file descriptor (unbuffered: once `write` returns, the reader can see it).
func emit(_ text: String, to fd: Int32 = 1) {
    var bytes = Array(text.utf8)
    bytes.append(0x0A)
    var offset = 0
    while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n <= 0 { return }
        offset += n
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    emit("usage: TableCrashWriter <data-dir> <round> [count] [writers]", to: 2)
    exit(2)
}
let directory = arguments[1]
let round = arguments[2]
let count = arguments.count > 3 ? Int(arguments[3]) ?? 100_000 : 100_000
let writers = arguments.count > 4 ? Int(arguments[4]) ?? 8 : 8

var configuration = EngineConfiguration()
configuration.sweepInterval = nil
let engine = try EmbeddedDynamoDB(directory: directory, configuration: configuration)
do {
    _ = try await engine.createTable(CreateTableInput(
        tableName: "crash", keySchema: [.init(attributeName: "pk", keyType: .hash)],
        attributeDefinitions: [.init(attributeName: "pk", attributeType: .s)],
        streamSpecification: .init(streamEnabled: true, streamViewType: .newAndOldImages)))
} catch {
    guard case .resourceInUseException = error else { throw error }
}
emit("ready")

await withTaskGroup(of: Void.self) { group in
    for w in 0..<writers {
        group.addTask {
            var i = w
            while i < count {
                let key = "r\(round)-\(i)"
                do {
                    _ = try await engine.putItem(PutItemInput(
                        tableName: "crash", item: ["pk": .s(key), "n": .n(String(i)), "pad": .s(String(repeating: "x", count: 200))]))
                    emit(key)
                } catch {
                    emit("error \(error)", to: 2)
                }
                i += writers
            }
        }
    }
}
engine.close()
