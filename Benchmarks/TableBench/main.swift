// Issue 3's benchmark: the embedded table engine beside a plain C-API SQLite loop with the same
// durability (WAL, synchronous=FULL), in one process and one run.
// Usage: TableBench [seconds-per-phase] [items-for-growth]
#if canImport(Glibc)
import Glibc
#endif
import CSQLite
import DynamoAPI
import DynamoModel
import TableEngine

let args = CommandLine.arguments
let seconds = args.count > 1 ? Double(args[1]) ?? 3 : 3
let growthItems = args.count > 2 ? Int(args[2]) ?? 200_000 : 200_000
let payload = String(repeating: "v", count: 150)

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Resident memory split as /proc/self/status reports it (anonymous pages: heap, stacks; file pages:
/// the mmap'd database and the binary) and the malloc heap in use (`mallinfo2().uordblks`), in MB.
struct MemorySample {
    var rss = 0.0, anon = 0.0, file = 0.0, heap = 0.0

    static func now() -> MemorySample {
        var sample = MemorySample()
        if let f = fopen("/proc/self/status", "r") {
            defer { fclose(f) }
            var line = [CChar](repeating: 0, count: 256)
            while fgets(&line, 256, f) != nil {
                let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                let kb = Double(text.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
                if text.hasPrefix("VmRSS:") { sample.rss = kb / 1024 }
                if text.hasPrefix("RssAnon:") { sample.anon = kb / 1024 }
                if text.hasPrefix("RssFile:") { sample.file = kb / 1024 }
            }
        }
        sample.heap = Double(mallocInUse() ?? 0) / 1_048_576
        return sample
    }

    /// glibc's `mallinfo2().uordblks` (bytes allocated by malloc and not freed). Swift's Glibc module does
    /// not import <malloc.h>, so the function is looked up with dlsym. `struct mallinfo2` (10 × size_t)
    /// is returned through a hidden pointer, which on x86-64 is the first integer argument: calling it as
    /// `(buffer) -> buffer` is the same call. Other architectures report nil.
    static func mallocInUse() -> Int? {
        #if arch(x86_64)
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallinfo2") else { return nil }
        typealias Call = @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer
        let call = unsafeBitCast(symbol, to: Call.self)
        var fields = [Int](repeating: 0, count: 10)  // arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost
        fields.withUnsafeMutableBytes { _ = call($0.baseAddress!) }
        return fields[7]
        #else
        return nil
        #endif
    }
}

/// Runs `body` repeatedly for `seconds`; returns operations per second.
func rate(_ seconds: Double, _ body: (Int) throws -> Void) rethrows -> Double {
    let start = now()
    var n = 0
    while now() - start < seconds {
        try body(n)
        n += 1
    }
    return Double(n) / (now() - start)
}

func rateAsync(_ seconds: Double, tasks: Int, _ body: @escaping @Sendable (Int, Int) async throws -> Void) async throws -> Double {
    let start = now()
    let total = try await withThrowingTaskGroup(of: Int.self) { group in
        for t in 0..<tasks {
            group.addTask {
                var n = 0
                while now() - start < seconds {
                    try await body(t, n)
                    n += 1
                }
                return n
            }
        }
        var sum = 0
        for try await n in group { sum += n }
        return sum
    }
    return Double(total) / (now() - start)
}

func fmt(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return String(r)
}

var dirTemplate = Array("/tmp/tablebench-XXXXXX".utf8CString)
let dir = String(cString: mkdtemp(&dirTemplate)!)
defer { _ = system("rm -rf '\(dir)'") }

/// An engine in `path` with the table `bench` (pk S, sk N, stream NEW_AND_OLD_IMAGES).
func benchEngine(_ path: String) async throws -> EmbeddedDynamoDB {
    var configuration = EngineConfiguration()
    configuration.sweepInterval = nil
    // This process is the table's only user and its writer tasks do nothing else, so a lone write may commit
    // on its own thread, as the plain SQLite loop does (`TableBench lone-writer N off` measures the default).
    configuration.commitsOnCallerThread = !(args.count > 3 && args[3] == "off")
    let engine = try EmbeddedDynamoDB(directory: path, configuration: configuration)
    _ = try await engine.createTable(CreateTableInput(
        tableName: "bench", keySchema: [.init(attributeName: "pk", keyType: .hash), .init(attributeName: "sk", keyType: .range)],
        attributeDefinitions: [.init(attributeName: "pk", attributeType: .s), .init(attributeName: "sk", attributeType: .n)],
        streamSpecification: .init(streamEnabled: true, streamViewType: .newAndOldImages)))
    return engine
}
func item(_ p: Int, _ i: Int) -> Item { ["pk": .s("p\(p)"), "sk": .n(String(i)), "v": .s(payload)] }

// `TableBench lone-writer N [off]`: only N PutItems by one writer, to compare CPU time and context switches
// (`perf stat -e task-clock,context-switches`) of the lone-writer path between builds.
if args.count > 2, args[1] == "lone-writer", let count = Int(args[2]) {
    let engine = try await benchEngine(dir + "/lone")
    let start = now()
    // Off the main actor, as in the timed phases (a server's request tasks run on the global pool too).
    try await Task.detached {
        for n in 0..<count {
            _ = try await engine.putItem(PutItemInput(tableName: "bench", item: item(n % 100, n)))
        }
    }.value
    print("lone writer: \(count) PutItems, \(fmt(Double(count) / (now() - start)))/s")
    engine.close()
    _ = system("rm -rf '\(dir)'")
    exit(0)
}

// MARK: Plain SQLite
var db: OpaquePointer?
sqlite3_open(dir + "/plain.db", &db)
sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE kv(k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;", nil, nil, nil)
let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
var insert: OpaquePointer?, select: OpaquePointer?, range: OpaquePointer?
sqlite3_prepare_v2(db, "INSERT INTO kv(k, v) VALUES(?, ?)", -1, &insert, nil)
sqlite3_prepare_v2(db, "SELECT v FROM kv WHERE k = ?", -1, &select, nil)
sqlite3_prepare_v2(db, "SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT 100", -1, &range, nil)
func key(_ p: Int, _ i: Int) -> String { "p\(p)#\(String(repeating: "0", count: 8 - String(i).count))\(i)" }
let partitions = 100
let plainWrites = rate(seconds) { n in
    let k = key(n % partitions, n)
    sqlite3_bind_text(insert, 1, k, -1, transient)
    sqlite3_bind_text(insert, 2, payload, -1, transient)
    sqlite3_step(insert)
    sqlite3_reset(insert)
}
// as many rows as the engine's table will hold, for reads and 100-row ranges
sqlite3_exec(db, "BEGIN", nil, nil, nil)
for n in 0..<growthItems {
    sqlite3_bind_text(insert, 1, key(n % partitions, 1_000_000 + n), -1, transient)
    sqlite3_bind_text(insert, 2, payload, -1, transient)
    sqlite3_step(insert)
    sqlite3_reset(insert)
}
sqlite3_exec(db, "COMMIT", nil, nil, nil)
let plainReads = rate(seconds) { n in
    let i = Int.random(in: 0..<growthItems)
    sqlite3_bind_text(select, 1, key(i % partitions, 1_000_000 + i), -1, transient)
    if sqlite3_step(select) == SQLITE_ROW { _ = sqlite3_column_bytes(select, 0) }
    sqlite3_reset(select)
}
let plainRanges = rate(seconds) { n in
    sqlite3_bind_text(range, 1, "p\(Int.random(in: 0..<partitions))#", -1, transient)
    var rows = 0
    while sqlite3_step(range) == SQLITE_ROW { rows += Int(sqlite3_column_bytes(range, 1)) }
    sqlite3_reset(range)
}
sqlite3_finalize(insert); sqlite3_finalize(select); sqlite3_finalize(range)
sqlite3_close(db)

// MARK: Engine
let engine = try await benchEngine(dir + "/engine")

let singleWriter = try await rateAsync(seconds, tasks: 1) { _, n in
    _ = try await engine.putItem(PutItemInput(tableName: "bench", item: item(n % partitions, 10_000_000 + n)))
}
let writerTasks = 64
let concurrentWriters = try await rateAsync(seconds, tasks: writerTasks) { t, n in
    _ = try await engine.putItem(PutItemInput(tableName: "bench", item: item((t * 7 + n) % partitions, 20_000_000 + t * 1_000_000 + n)))
}

// Growth: load `growthItems` with concurrent writers, sampling resident memory.
var samples: [(Int, MemorySample)] = [(0, MemorySample.now())]
let growthStart = now()
let chunk = max(1, growthItems / 5)
for step in 0..<5 {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for t in 0..<writerTasks {
            group.addTask {
                var i = step * chunk + t
                while i < (step + 1) * chunk {
                    _ = try await engine.putItem(PutItemInput(tableName: "bench", item: item(i % partitions, i)))
                    i += writerTasks
                }
            }
        }
        try await group.waitForAll()
    }
    samples.append(((step + 1) * chunk, MemorySample.now()))
}
let growthRate = Double(5 * chunk) / (now() - growthStart)

let getSingle = try await rateAsync(seconds, tasks: 1) { _, _ in
    let i = Int.random(in: 0..<(5 * chunk))
    _ = try await engine.getItem(GetItemInput(tableName: "bench", key: ["pk": .s("p\(i % partitions)"), "sk": .n(String(i))]))
}
let getConcurrent = try await rateAsync(seconds, tasks: 4) { _, _ in
    let i = Int.random(in: 0..<(5 * chunk))
    _ = try await engine.getItem(GetItemInput(tableName: "bench", key: ["pk": .s("p\(i % partitions)"), "sk": .n(String(i))]))
}
let querySingle = try await rateAsync(seconds, tasks: 1) { _, _ in
    let out = try await engine.query(QueryInput(
        tableName: "bench", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": .s("p\(Int.random(in: 0..<partitions))")],
        limit: 100))
    precondition(out.count == 100)
}
var streamCount = 0
for shard in try engine.streamShards(table: "bench") {
    var after: String? = nil
    while true {
        let page = try engine.readStream(table: "bench", shard: shard.index, after: after, limit: 1000)
        if page.isEmpty { break }
        streamCount += page.count
        after = page.last!.dynamodb.sequenceNumber
    }
}
let itemCount = try await engine.describeTable(DescribeTableInput(tableName: "bench")).table.itemCount ?? 0
engine.close()

print("phase seconds: \(seconds); growth load: \(5 * chunk) items (\(writerTasks) concurrent writers)")
print("plain SQLite (WAL, synchronous=FULL, 1 insert per commit; reads over \(growthItems) rows, default cache, no mmap): inserts/s \(fmt(plainWrites)), point reads/s \(fmt(plainReads)), 100-row range reads/s \(fmt(plainRanges))")
print("engine PutItem+stream record, 1 writer (commitsOnCallerThread): \(fmt(singleWriter))/s  ratio \(fmt(singleWriter / plainWrites * 100) )%")
print("engine PutItem+stream record, \(writerTasks) writers (group commit): \(fmt(concurrentWriters))/s  ratio \(fmt(concurrentWriters / plainWrites * 100))%")
print("engine PutItem during growth (\(writerTasks) writers):      \(fmt(growthRate))/s")
print("engine GetItem, 1 reader:  \(fmt(getSingle))/s  ratio \(fmt(getSingle / plainReads * 100))%")
print("engine GetItem, 4 readers: \(fmt(getConcurrent))/s  ratio \(fmt(getConcurrent / plainReads * 100))%")
print("engine Query 100-item page, 1 reader: \(fmt(querySingle))/s  ratio \(fmt(querySingle / plainRanges * 100))% of plain 100-row range")
print("memory while growing (MB): items | resident | RssAnon | RssFile | malloc heap in use")
for (items, m) in samples { print("  \(items) | \(fmt(m.rss)) | \(fmt(m.anon)) | \(fmt(m.file)) | \(fmt(m.heap))") }
print("table items \(itemCount), stream records \(streamCount) (equal: \(itemCount == streamCount))")
