import LambdaRuntime
import SluiceJSON
#if canImport(Glibc)
import Glibc
#endif

/// DynamoDB stream consumers for event-source-mapping tests (`_HANDLER`):
/// - `stream-ok`: succeeds;
/// - `stream-poison`: throws when a record's JSON contains "poison";
/// - `stream-partial`: reports `batchItemFailures` for the first record containing "poison", or containing "flaky"
///   the first time this process sees it;
/// - `stream-bad-id`: reports an empty `itemIdentifier` on its first invocation, then succeeds.
///
/// Every invocation first appends one line to `$DELIVERY_LOG`: its records as `sequence|pk|v`, comma-separated
/// (`pk` and `v` from the new image's `pk` S and `v` N); `$EVENT_LOG`, when set, gets each event as one line.
/// `$DELIVERY_SLEEP_MS` makes each invocation take longer.
actor StreamConsumer: ByteHandler {
    let mode: String
    private var seen: Set<String> = []
    private var calls = 0

    init(mode: String) { self.mode = mode }

    func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
        calls += 1
        let records = try JSONValue(parsing: event)["Records"]?.arrayValue ?? []
        let entries = records.map { record -> String in
            let data = record["dynamodb"]
            let sequence = data?["SequenceNumber"]?.stringValue ?? "?"
            let pk = data?["NewImage"]?["pk"]?["S"]?.stringValue ?? data?["Keys"]?["pk"]?["S"]?.stringValue ?? ""
            let version = data?["NewImage"]?["v"]?["N"]?.stringValue ?? ""
            return "\(sequence)|\(pk)|\(version)"
        }
        Self.append(entries.joined(separator: ",") + "\n", toFileIn: "DELIVERY_LOG")
        Self.append(String(decoding: event, as: UTF8.self) + "\n", toFileIn: "EVENT_LOG")
        if let delay = getenv("DELIVERY_SLEEP_MS").flatMap({ Int(String(cString: $0)) }) {
            try await Task.sleep(for: .milliseconds(delay))
        }
        switch mode {
        case "stream-poison":
            if records.contains(where: { $0.jsonString().contains("poison") }) {
                throw FixtureError.boom("poison record")
            }
        case "stream-partial":
            for record in records {
                let text = record.jsonString()
                let sequence = record["dynamodb"]?["SequenceNumber"]?.stringValue ?? ""
                if text.contains("poison") || (text.contains("flaky") && seen.insert(sequence).inserted) {
                    return Array(#"{"batchItemFailures":[{"itemIdentifier":"\#(sequence)"}]}"#.utf8)
                }
            }
            return Array(#"{"batchItemFailures":[]}"#.utf8)
        case "stream-bad-id":
            if calls == 1 { return Array(#"{"batchItemFailures":[{"itemIdentifier":""}]}"#.utf8) }
        default: break
        }
        return Array("null".utf8)
    }

    private static func append(_ line: String, toFileIn variable: String) {
        guard let path = getenv(variable) else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { return }
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}
