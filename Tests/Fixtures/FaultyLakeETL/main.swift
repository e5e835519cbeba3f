import Lake
import LambdaEvents
import LambdaRuntime
import SluiceJSON
#if canImport(Glibc)
import Glibc
#endif

/// The lake ETL with a fault switch, for the reliability drivers (`Reliability/faults.py`).
///
/// It does what `Functions/LakeETL` does (``LakeStore/ingest(_:shard:)``, partial failures reported by sequence
/// number) unless the file named by `$FAULT_FILE` exists and holds `<mode> <marker>`: then an invocation whose
/// event contains `<marker>` (say, one item's key) fails as `mode` says, before anything is written:
/// - `crash`: the process aborts (`Runtime.ExitError`);
/// - `timeout`: it sleeps past the function's `Timeout` (`Sandbox.Timedout`);
/// - `throw`: the handler throws (`Unhandled`).
/// Removing the file ends the fault; the mapping's retries then deliver the records.
struct FaultyETL: ByteHandler {
    let store: LakeStore
    let faultFile: String?

    func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
        if let (mode, marker) = activeFault(), contains(event, Array(marker.utf8)) {
            context.logger.warning("injected fault '\(mode)' on a batch holding '\(marker)'")
            switch mode {
            case "crash": abort()
            case "timeout": try await Task.sleep(for: .seconds(3600))
            default: throw InjectedFault(description: "injected failure on a batch holding '\(marker)'")
            }
        }
        let result = store.ingest(try StreamEventDecoder.records(from: event))
        for failure in result.failures {
            context.logger.warning("failed to write \(failure.records) records of \(failure.dataset)/dt=\(failure.dt): \(failure.error)")
        }
        if let reason = result.unreportableFailure { throw InjectedFault(description: reason) }
        let response = BatchItemFailures(batchItemFailures: result.failedItemIdentifiers.map { .init(itemIdentifier: $0) })
        return try SluiceJSONEncoder().encode(response)
    }

    /// `(mode, marker)` from the fault file, when it exists.
    private func activeFault() -> (String, String)? {
        guard let faultFile, let file = fopen(faultFile, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 512)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}

struct InjectedFault: Error, CustomStringConvertible { var description: String }

@main
enum FaultyLakeETL {
    static func main() {
        Lambda.run {
            FaultyETL(
                store: LakeStore(root: Environment.value("LAKE_DIR") ?? ".sluice/lake"),
                faultFile: Environment.value("FAULT_FILE"))
        }
    }
}
