// QueryBench: writes a task-shaped lake with our ParquetWriter, then times queries with LakeQuery.
//
//   QueryBench generate <lake> [rows] [partitions]
//   QueryBench query <lake> <sql>…        (best of 3 per query; prints "ms <best> rows <n> <sql>")
//
// Benchmarks/query.sh drives it and times the same SQL with DuckDB.
import LakeQuery
import Parquet

#if canImport(Glibc)
import Glibc
import SluiceTime
#endif

func generate(lake: String, rows: Int, partitions: Int) throws {
    let statuses = ["open", "in progress", "blocked", "done", "cancelled"]
    let ops = ["INSERT", "MODIFY", "MODIFY", "MODIFY", "REMOVE"]
    var rng: UInt64 = 7
    func next(_ n: Int) -> Int {
        rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((rng >> 33) % UInt64(n))
    }
    let columns: [ParquetColumn] = [
        ParquetColumn(name: "PK", type: .string, nullable: false),
        ParquetColumn(name: "SK", type: .string, nullable: false),
        ParquetColumn(name: "status", type: .string),
        ParquetColumn(name: "priority", type: .int64),
        ParquetColumn(name: "userId", type: .string),
        ParquetColumn(name: "dueDate", type: .date),
        ParquetColumn(name: "title", type: .string),
        ParquetColumn(name: "_op", type: .string, nullable: false),
        ParquetColumn(name: "_seq", type: .decimal(precision: 38, scale: 0), nullable: false),
        ParquetColumn(name: "_ts", type: .timestampMicrosUTC, nullable: false),
        ParquetColumn(name: "_shard", type: .string),
    ]
    var options = ParquetWriterOptions()
    options.codec = .snappy
    options.rowGroupRows = 128 * 1024
    var seq = 1
    let perPartition = rows / partitions
    for p in 0..<partitions {
        let day = 20_454 + p   // 2026-01-01 …
        let iso = isoDate(day)
        let folder = "\(lake)/tasks/dt=\(iso)"
        mkdirs(folder)
        let n = p == partitions - 1 ? rows - perPartition * (partitions - 1) : perPartition
        let first = seq
        var pk: [String?] = [], sk: [String?] = [], status: [String?] = [], prio: [Int64?] = [], user: [String?] = []
        var due: [Int32?] = [], title: [String?] = [], op: [String?] = [], seqs: [Int128?] = [], ts: [Int64?] = [], shard: [String?] = []
        for _ in 0..<n {
            let u = next(50_000)
            pk.append("USER#\(u)")
            sk.append("TASK#\(next(1_000_000))")
            status.append(next(20) == 0 ? nil : statuses[next(statuses.count)])
            prio.append(next(10) == 0 ? nil : Int64(next(5) + 1))
            user.append("u\(u)")
            due.append(Int32(day + next(60)))
            title.append("Task title \(next(100_000))")
            op.append(ops[next(ops.count)])
            seqs.append(Int128(seq) * 1_000_000_000_000)
            ts.append(Int64(day) * 86_400_000_000 + Int64(next(86_400_000)) * 1000)
            shard.append("shardId-00000\(next(4))")
            seq += 1
        }
        let w = try ParquetWriter(path: "\(folder)/part-\(first)-\(seq - 1).parquet", columns: columns, options: options)
        try w.append([.string(pk), .string(sk), .string(status), .int64(prio), .string(user), .date(due), .string(title),
                      .string(op), .decimal(seqs), .timestampMicros(ts), .string(shard)])
        try w.finish()
    }
}

func isoDate(_ days: Int) -> String { UTCCalendar.date(days: Int64(days)) }

func mkdirs(_ path: String) {
    var current = ""
    for part in path.split(separator: "/", omittingEmptySubsequences: false) {
        current += (current.isEmpty && part.isEmpty) ? "/" : (current.hasSuffix("/") || current.isEmpty ? "" : "/") + part
        if !part.isEmpty { mkdir(current, 0o755) }
    }
}

let args = CommandLine.arguments
guard args.count >= 3 else {
    print("usage: QueryBench generate <lake> [rows] [partitions] | QueryBench query <lake> <sql>…")
    exit(2)
}
do {
    switch args[1] {
    case "generate":
        let rows = args.count > 3 ? Int(args[3])! : 5_000_000
        let partitions = args.count > 4 ? Int(args[4])! : 30
        let clock = ContinuousClock()
        let t = try clock.measure { try generate(lake: args[2], rows: rows, partitions: partitions) }
        print("generated \(rows) rows in \(partitions) partitions in \(t)")
    case "query":
        QueryMemory.keepFreedMemory()   // as `sluice lake query` does
        let engine = QueryEngine(catalog: try LakeDirectory.catalog(at: args[2], keyColumns: ["tasks": ["PK", "SK"]]))
        for sql in args.dropFirst(3) {
            var best = Duration.seconds(1_000_000)
            var result: QueryResult?
            for _ in 0..<3 {
                let clock = ContinuousClock()
                let t = try clock.measure { result = try engine.execute(sql) }
                best = min(best, t)
            }
            let ms = Double(best.components.seconds) * 1000 + Double(best.components.attoseconds) / 1e15
            let s = result!.stats
            print("ms \(ms) rows \(result!.rows.count) files \(s.filesOpened)/\(s.filesTotal) rowgroups-skipped \(s.rowGroupsSkipped)/\(s.rowGroupsTotal) | \(sql)")
            print(ResultFormatter.table(result!), terminator: "")
        }
    default:
        print("unknown command \(args[1])")
        exit(2)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
