// ETL throughput: DynamoDB stream event JSON → Parquet files in the lake, rows per second.
// Usage: ETLBench <event.json> <lake-dir> [runs]
// Prints one tab-separated line of key=value fields (best run).
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Lake
import LambdaEvents

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: ETLBench <event.json> <lake-dir> [runs]")
    exit(2)
}
let eventPath = arguments[1]
let lakeDir = arguments[2]
let runs = arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3
let data = try Data(contentsOf: URL(filePath: eventPath))
let bytes = [UInt8](data)

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

var best: (total: Double, decode: Double, ingest: Double, rows: Int, files: Int) = (.infinity, 0, 0, 0, 0)
let clock = ContinuousClock()
for _ in 0..<runs {
    try? FileManager.default.removeItem(atPath: lakeDir)
    let start = clock.now
    // What the LakeETL function does with an event: StreamEventDecoder, then LakeStore.ingest.
    let records = try StreamEventDecoder.records(from: bytes)
    let decoded = clock.now
    let result = LakeStore(root: lakeDir).ingest(records)
    let done = clock.now
    guard result.failures.isEmpty, result.malformed.isEmpty else {
        print("ingest failed: \(result.failures) \(result.malformed.prefix(3))")
        exit(1)
    }
    let total = seconds(done - start)
    if total < best.total {
        best = (total, seconds(decoded - start), seconds(done - decoded), result.rowsWritten, result.written.count)
    }
}
// For comparison: the same event through Foundation's JSONDecoder and Codable (one run).
var codableSeconds = 0.0
if getenv("ETLBENCH_SKIP_CODABLE") == nil {
    let codableStart = clock.now
    let codable = try JSONDecoder().decode(DynamoDBEvent.self, from: data)
    codableSeconds = seconds(clock.now - codableStart)
    guard codable.records == (try StreamEventDecoder.records(from: bytes)) else {
        print("StreamEventDecoder and JSONDecoder disagree")
        exit(1)
    }
}
let rate = Double(best.rows) / best.total
print(
    "impl=sluice\trows=\(best.rows)\tfiles=\(best.files)\tseconds=\(best.total)\trows_per_second=\(Int(rate))"
        + "\tdecode_seconds=\(best.decode)\twrite_seconds=\(best.ingest)\tcodable_decode_seconds=\(codableSeconds)")
