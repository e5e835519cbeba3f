import Foundation
import Parquet
import TestSupport
import Testing

@testable import LakeQuery

/// Temporary lakes written with our ParquetWriter, and a python/DuckDB runner.
enum Lake {
    /// Writes one file `<lake>/<dataset>/dt=<dt>/<name>`.
    static func write(
        _ lake: String, _ dataset: String, dt: String, name: String, columns: [ParquetColumn], values: [ColumnValues],
        rowGroupRows: Int = 1_000_000
    ) throws {
        let folder = "\(lake)/\(dataset)/dt=\(dt)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var options = ParquetWriterOptions()
        options.rowGroupRows = rowGroupRows
        let w = try ParquetWriter(path: "\(folder)/\(name)", columns: columns, options: options)
        try w.append(values)
        try w.finish()
    }

    static let cdc: [ParquetColumn] = [
        ParquetColumn(name: "_op", type: .string, nullable: false),
        ParquetColumn(name: "_seq", type: .decimal(precision: 38, scale: 0), nullable: false),
        ParquetColumn(name: "_ts", type: .timestampMicrosUTC, nullable: false),
        ParquetColumn(name: "_shard", type: .string),
        ParquetColumn(name: "_extra", type: .string),
    ]

    /// The shared "tasks" lake: 4 dt partitions, 5 files, several row groups per file, a file without `score`,
    /// a file where `priority` is DOUBLE (widened), a column only one file has, nulls everywhere.
    static func tasks() throws -> String {
        let lake = try temporaryFolder()
        var seq = 1000
        var rng: UInt64 = 42
        func next(_ n: Int) -> Int {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((rng >> 33) % UInt64(n))
        }
        let statuses = ["open", "done", "blocked", "in progress", "Open"]
        let ops = ["INSERT", "MODIFY", "MODIFY", "REMOVE"]
        let layout: [(dt: String, file: String, rows: Int, withScore: Bool, doublePriority: Bool, extra: Bool)] = [
            ("2026-01-01", "part-1-200.parquet", 200, true, false, false),
            ("2026-01-02", "part-201-400.parquet", 200, true, false, true),
            ("2026-01-02", "part-401-500.parquet", 100, false, false, false),
            ("2026-01-03", "part-501-700.parquet", 200, true, true, false),
            ("2026-01-04", "part-701-800.parquet", 100, true, false, false),
        ]
        for f in layout {
            let n = f.rows
            var pk: [String?] = [], sk: [String?] = [], status: [String?] = [], title: [String?] = []
            var prio: [Int64?] = [], score: [Double?] = [], amount: [Int128?] = [], done: [Bool?] = [], due: [Int32?] = []
            var op: [String?] = [], seqs: [Int128?] = [], ts: [Int64?] = [], shard: [String?] = [], extra: [String?] = []
            var extraCol: [Int64?] = []
            for i in 0..<n {
                seq += 1 + next(3)
                pk.append("user#\(next(12))")
                sk.append("task#\(next(30))")
                status.append(next(10) == 0 ? nil : statuses[next(statuses.count)])
                title.append(next(9) == 0 ? nil : "Task \(next(300)), \"quoted\"")
                prio.append(next(8) == 0 ? nil : Int64(next(6)))
                score.append(next(7) == 0 ? nil : Double(next(10_000)) / 8 - 300)
                amount.append(next(6) == 0 ? nil : Int128(next(2_000_000)) - 500_000)
                done.append(next(5) == 0 ? nil : next(2) == 0)
                due.append(next(4) == 0 ? nil : Int32(20_400 + next(120)))
                op.append(ops[next(ops.count)])
                seqs.append(Int128(seq) * 1_000_000_000_000_000_000 + Int128(i))
                ts.append(1_767_225_600_000_000 + Int64(seq) * 1_000_123)
                shard.append("shardId-\(next(3))")
                extra.append(nil)
                extraCol.append(next(3) == 0 ? nil : Int64(next(100)))
            }
            var columns: [ParquetColumn] = [
                ParquetColumn(name: "PK", type: .string, nullable: false),
                ParquetColumn(name: "SK", type: .string, nullable: false),
                ParquetColumn(name: "status", type: .string),
                ParquetColumn(name: "title", type: .string),
                ParquetColumn(name: "priority", type: f.doublePriority ? .double : .int64),
                ParquetColumn(name: "amount", type: .decimal(precision: 12, scale: 2)),
                ParquetColumn(name: "done", type: .boolean),
                ParquetColumn(name: "due", type: .date),
            ]
            var values: [ColumnValues] = [
                .string(pk), .string(sk), .string(status), .string(title),
                f.doublePriority ? .double(prio.map { $0.map(Double.init) }) : .int64(prio),
                .decimal(amount), .boolean(done), .date(due),
            ]
            if f.withScore { columns.append(ParquetColumn(name: "score", type: .double)); values.append(.double(score)) }
            if f.extra { columns.append(ParquetColumn(name: "extra_col", type: .int64)); values.append(.int64(extraCol)) }
            columns += cdc
            values += [.string(op), .decimal(seqs), .timestampMicros(ts), .string(shard), .string(extra)]
            try write(lake, "tasks", dt: f.dt, name: f.file, columns: columns, values: values, rowGroupRows: 64)
        }
        return lake
    }

    /// Runs queries with DuckDB over `read_parquet('<lake>/<ds>/*/*.parquet', hive_partitioning=true,
    /// union_by_name=true)` as a view named like the dataset; one JSON array of string rows per query.
    static func duckdb(lake: String, dataset: String, queries: [String]) throws -> [[[String]]] {
        let script = """
            import sys, json, duckdb, datetime, decimal
            lake, ds, queries = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
            con = duckdb.connect()
            con.execute("SET TimeZone='UTC'")
            # TIMESTAMPTZ → TIMESTAMP (UTC wall time): fetching TIMESTAMPTZ into python needs pytz.
            con.execute(f"CREATE VIEW {ds} AS SELECT * REPLACE (CAST(_ts AS TIMESTAMP) AS _ts) FROM read_parquet('{lake}/{ds}/*/*.parquet', hive_partitioning=true, union_by_name=true)")
            def text(v):
                if v is None: return "NULL"
                if isinstance(v, bool): return "true" if v else "false"
                if isinstance(v, datetime.datetime):
                    v = v.astimezone(datetime.timezone.utc)
                    s = v.strftime("%Y-%m-%d %H:%M:%S")
                    if v.microsecond: s += ("." + "%06d" % v.microsecond).rstrip("0")
                    return s + "+00"
                if isinstance(v, datetime.date): return v.isoformat()
                if isinstance(v, float): return repr(v)
                return str(v)
            out = []
            for q in queries:
                out.append([[text(v) for v in row] for row in con.execute(q).fetchall()])
            print(json.dumps(out))
            """
        let json = try python(script, [lake, dataset, String(decoding: try JSONEncoder().encode(queries), as: UTF8.self)])
        return try JSONDecoder().decode([[[String]]].self, from: Data(json.utf8))
    }

    /// A value as a comparable string: numbers rounded to 9 significant digits, everything else as printed.
    static func normalise(_ s: String) -> String {
        if let d = Double(s), !s.isEmpty, s.first != "+" {
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return String(format: "%.9g", d)
        }
        return s
    }
}
