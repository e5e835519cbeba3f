#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LakeQuery
import Parquet

/// `sluice lake query`'s engine: the input is the SQL, run against a small lake (two `dt` partitions of a
/// `tasks` dataset with every column type and nulls, and its `tasks_current` view) written once per
/// process. A query either returns rows or throws `QueryError` (typed throws) with a message.
public enum SQLFuzzTarget: FuzzTarget {
    public static let name = "sql"

    /// The engine over the lake, or why the lake could not be written.
    static let engine: Result<QueryEngine, QueryError> = {
        do {
            let lake = try writeLake()
            return .success(QueryEngine(catalog: try LakeDirectory.catalog(at: lake, keyColumns: ["tasks": ["pk", "sk"]])))
        } catch let error as QueryError {
            return .failure(error)
        } catch {
            return .failure(.io("cannot write the fuzz lake: \(error)"))
        }
    }()

    public static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let engine: QueryEngine
        switch Self.engine {
        case .success(let ready): engine = ready
        case .failure(let error): return .violated("no lake to query: \(error)")
        }
        do throws(QueryError) {
            _ = try engine.execute(String(decoding: bytes, as: UTF8.self))
            return .accepted
        } catch {
            let message = error.description
            return message.isEmpty ? .violated("empty error message") : .rejected(message)
        }
    }

    static let partitions = ["2026-01-01", "2026-01-02"]

    static var root: String { "/tmp/sluice-fuzz-sql-\(getpid())" }

    /// `<root>/tasks/dt=…/part-N.parquet`, removed when the process exits.
    static func writeLake() throws -> String {
        atexit { SQLFuzzTarget.removeLake() }
        let columns = [
            ParquetColumn(name: "pk", type: .string, nullable: false), ParquetColumn(name: "sk", type: .string, nullable: false),
            ParquetColumn(name: "title", type: .string), ParquetColumn(name: "priority", type: .int64),
            ParquetColumn(name: "score", type: .double), ParquetColumn(name: "done", type: .boolean),
            ParquetColumn(name: "due", type: .date), ParquetColumn(name: "amount", type: .decimal(precision: 12, scale: 2)),
            ParquetColumn(name: "_op", type: .string, nullable: false),
            ParquetColumn(name: "_seq", type: .decimal(precision: 38, scale: 0), nullable: false),
            ParquetColumn(name: "_ts", type: .timestampMicrosUTC, nullable: false),
        ]
        for (part, dt) in partitions.enumerated() {
            let rows = 0..<12
            let folder = "\(root)/tasks/dt=\(dt)"
            for path in [root, "\(root)/tasks", folder] { mkdir(path, 0o755) }
            let writer = try ParquetWriter(path: "\(folder)/part-\(part).parquet", columns: columns)
            try writer.append([
                .string(rows.map { "user#\($0 % 3)" }), .string(rows.map { "task#\($0 % 5)" }),
                .string(rows.map { $0 % 4 == 0 ? nil : "Task \($0) \"quoted\" ü" }),
                .int64(rows.map { $0 % 5 == 0 ? nil : Int64($0 - 6) }),
                .double(rows.map { $0 % 6 == 0 ? nil : Double($0) / 3 - 1.5 }),
                .boolean(rows.map { $0 % 7 == 0 ? nil : $0 % 2 == 0 }),
                .date(rows.map { $0 % 3 == 0 ? nil : Int32(20_454 + $0) }),
                .decimal(rows.map { $0 % 8 == 0 ? nil : Int128($0 * 1234 - 5000) }),
                .string(rows.map { ["INSERT", "MODIFY", "REMOVE"][$0 % 3] }),
                .decimal(rows.map { Int128(part * 100 + $0 + 1) }),
                .timestampMicros(rows.map { 1_767_225_600_000_000 + Int64(part * 100 + $0) * 1_000_000 }),
            ])
            try writer.finish()
        }
        return root
    }

    static func removeLake() {
        for (part, dt) in partitions.enumerated() {
            unlink("\(root)/tasks/dt=\(dt)/part-\(part).parquet")
            rmdir("\(root)/tasks/dt=\(dt)")
        }
        rmdir("\(root)/tasks")
        rmdir(root)
    }
}
