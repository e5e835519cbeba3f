import ArgumentParser
import Foundation
import Lake
import LakeQuery

/// `sluice lake …`: SQL, compaction, snapshots and DDL over the Parquet lake the ETL functions write.
struct LakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lake",
        abstract: "Query and maintain the Parquet data lake.",
        subcommands: [LakeQueryCommand.self, LakeCompactCommand.self, LakeSnapshotCommand.self, LakeDDLCommand.self])
}

/// The lake location option every lake command shares.
struct LakeOptions: ParsableArguments {
    @Option(help: "The lake: a folder or s3://bucket/prefix (default: .sluice/lake). S3 uses AWS_ENDPOINT_URL_S3, AWS_REGION and the usual credentials.")
    var lake = ".sluice/lake"

    func store() throws -> LakeStore {
        if LakeLocation.isS3(lake) {
            do { return try LakeStore(location: lake) } catch { throw CLIError("cannot open the lake \(lake): \(error)") }
        }
        guard FileManager.default.fileExists(atPath: lake) else {
            throw CLIError("no lake at \(lake) (run the ETL first, or pass --lake)")
        }
        return LakeStore(root: lake)
    }

    /// The lake's datasets (a clear error when the bucket or folder cannot be listed).
    func datasets(_ store: LakeStore) throws -> [String] {
        do { return try store.catalog.datasets() } catch { throw CLIError("cannot list the lake \(lake): \(error)") }
    }

    /// The query engine over the lake's manifests: live files only, key columns from each schema file,
    /// plus `<dataset>_current` (merge on read). On S3 files are read with ranged GETs.
    func queryEngine() throws -> QueryEngine {
        let store = try store()
        let catalog = store.catalog
        var datasets: [QueryDataset] = []
        var keys: [String: (key: String, bytes: Int)] = [:]
        for name in try self.datasets(store) {
            do {
                let files = try catalog.files(dataset: name).map { file in
                    let path = catalog.path(dataset: name, file: file)
                    keys[path] = (catalog.key(dataset: name, file: file), file.bytes)
                    return QueryFile(path: path, partition: file.partition)
                }
                datasets.append(QueryDataset(name: name, files: files, keyColumns: try catalog.schema(dataset: name)?.keys ?? []))
            } catch {
                throw CLIError("cannot read dataset '\(name)': \(error)")
            }
        }
        guard LakeLocation.isS3(lake) else { return QueryEngine(catalog: StaticCatalog(datasets)) }
        let storage = store.storage
        let objects = keys
        return QueryEngine(catalog: StaticCatalog(datasets)) { file in
            guard let object = objects[file.path] else { throw CLIError("\(file.path) is not a live file of the lake") }
            return try storage.input(object.key, size: object.bytes)
        }
    }
}

struct LakeQueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Run SQL over the lake's datasets (and <dataset>_current views).",
        discussion: "sluice lake query \"SELECT status, count(*) FROM tasks WHERE dt >= '2026-01-01' GROUP BY status\"")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Argument(help: "The SQL query.") var sql: String
    @OptionGroup var options: LakeOptions
    @Option(help: "Output: table, csv or json.") var format: Format = .table

    func run() async throws {
        try await Self.reportingErrors {
            QueryMemory.keepFreedMemory()   // a one-shot process: keep scan buffers in the heap
            Self.raiseOpenFileLimit()
            let engine = try options.queryEngine()
            let result: QueryResult
            do { result = try engine.execute(sql) } catch { throw CLIError("\(error)") }
            switch format {
            case .table: print(ResultFormatter.table(result))
            case .csv: print(ResultFormatter.csv(result), terminator: "")
            case .json: print(ResultFormatter.json(result))
            }
        }
    }
}

extension LakeQueryCommand {
    /// A query keeps one descriptor per file it scans: lift the soft limit (often 1,024) to the hard one.
    static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    }
}

struct LakeCompactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact", abstract: "Merge small files of partitions into files near a target size, atomically.")

    @OptionGroup var options: LakeOptions
    @Option(help: "Only this dataset.") var dataset: String?
    @Option(help: "Only this partition (YYYY-MM-DD).") var partition: String?
    @Option(help: "Target file size in MB.") var targetMb = 64

    func run() async throws {
        try await Self.reportingErrors {
            let store = try options.store()
            let datasets = try dataset.map { [$0] } ?? options.datasets(store)
            let bar = ProgressBar()
            for name in datasets {
                let partitions: [String]
                do {
                    partitions = try partition.map { [$0] } ?? Array(Set(store.catalog.files(dataset: name).map(\.dt))).sorted()
                } catch { throw CLIError("cannot read dataset '\(name)': \(error)") }
                for dt in partitions {
                    do {
                        let result = try store.compact(dataset: name, partition: dt, targetBytes: targetMb << 20) { progress in
                            bar.show("\(name)/dt=\(dt)", fraction: progress.fraction)
                        }
                        bar.finish("\(name)/dt=\(dt): \(result.removed.count) files → \(result.added.count)")
                    } catch {
                        bar.finish("")
                        throw CLIError("compaction of \(name)/dt=\(dt) failed: \(error)")
                    }
                }
            }
        }
    }
}

struct LakeSnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Materialise each dataset's current state (newest image per key) as Parquet.")

    @OptionGroup var options: LakeOptions
    @Option(help: "Only this dataset.") var dataset: String?

    func run() async throws {
        try await Self.reportingErrors {
            let store = try options.store()
            for name in try dataset.map({ [$0] }) ?? options.datasets(store) {
                do {
                    let result = try store.snapshot(dataset: name)
                    print("\(name): \(result.rows) current rows from \(result.changes) changes → \(result.path)")
                } catch { throw CLIError("snapshot of \(name) failed: \(error)") }
            }
        }
    }
}

struct LakeDDLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ddl", abstract: "Print Athena/Trino CREATE EXTERNAL TABLE statements for the lake on S3.")

    @OptionGroup var options: LakeOptions
    @Option(help: "Where the lake lives on S3: s3://bucket/prefix (default: --lake when it is an s3:// location).")
    var bucket: String?

    func run() async throws {
        try await Self.reportingErrors {
            guard let bucket = bucket ?? (LakeLocation.isS3(options.lake) ? options.lake : nil) else {
                throw CLIError("--bucket s3://bucket/prefix is required for a lake in a folder")
            }
            guard bucket.hasPrefix("s3://") else { throw CLIError("--bucket takes an s3://bucket/prefix URI") }
            do {
                for statement in try options.store().ddl(bucketURI: bucket) { print(statement + "\n") }
            } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }
        }
    }
}

/// A one-line progress bar on a terminal; plain lines otherwise.
final class ProgressBar {
    private let isTTY = isatty(2) == 1
    private var lastLabel = ""

    func show(_ label: String, fraction: Double) {
        guard isTTY else { return }
        let width = 30
        let filled = Int((fraction * Double(width)).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(Int(fraction * 100))%\u{1B}[K".utf8))
        lastLabel = label
    }

    func finish(_ line: String) {
        if isTTY { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if !line.isEmpty { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }
}
