// DynamoDBClient against any endpoint (configured like the AWS SDKs: AWS_ENDPOINT_URL_DYNAMODB, …):
//   [CLIENT_IO_THREADS=n] ClientBench [put|get] [requests] [concurrency] [table]
// Prints requests/s. Links only what a bootstrap links (no Foundation); `ldd` on it shows no libcurl.
#if canImport(Glibc)
import Glibc
#endif
import DynamoAPI
import DynamoClient
import DynamoModel

let arguments = CommandLine.arguments
let mode = arguments.count > 1 ? arguments[1] : "get"
let requests = arguments.count > 2 ? Int(arguments[2]) ?? 10_000 : 10_000
let concurrency = arguments.count > 3 ? Int(arguments[3]) ?? 8 : 8
let table = arguments.count > 4 ? arguments[4] : "Bench"

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let client: DynamoDBClient
do {
    var configuration = try DynamoClientConfiguration.fromEnvironment()
    // CLIENT_IO_THREADS=n: requests wait on n threads of the client's own instead of the caller's.
    if let threads = getenv("CLIENT_IO_THREADS").flatMap({ Int(String(cString: $0)) }) { configuration.ioMode = .ioThreads(threads) }
    client = try DynamoDBClient(configuration: configuration)
} catch {
    print("ClientBench: \(error)")
    exit(1)
}
FileHandleStderr.write("ClientBench: \(client.configuration.sourceSummary)\n")
let started = now()
let failures = await withTaskGroup(of: Int.self) { group in
    for worker in 0..<concurrency {
        group.addTask {
            var failed = 0
            for index in stride(from: worker, to: requests, by: concurrency) {
                let key: Item = ["pk": .s("k\(index % 1000)")]
                do {
                    if mode == "put" {
                        _ = try await client.putItem(PutItemInput(tableName: table, item: key.merging(["n": .n(String(index))]) { $1 }))
                    } else {
                        _ = try await client.getItem(GetItemInput(tableName: table, key: key))
                    }
                } catch {
                    failed += 1
                    if failed == 1 { FileHandleStderr.write("ClientBench: \(error)\n") }
                }
            }
            return failed
        }
    }
    var total = 0
    for await failed in group { total += failed }
    return total
}
let seconds = now() - started
print("\(mode): \(requests) requests, \(concurrency) concurrent, \(failures) failed, \(Int(Double(requests) / seconds)) req/s")

enum FileHandleStderr {
    static func write(_ text: String) { _ = text.withCString { Glibc.write(2, $0, strlen($0)) } }
}
