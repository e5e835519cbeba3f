import DynamoClient
import DynamoModel
import Foundation
import LakeETL
import Parquet
import Synchronization
import TestSupport
import Testing

@testable import Lake

/// The lake's guarantees, checked the same way on a folder and on an S3 bucket (moto on loopback).
@Suite(.timeLimit(.minutes(5))) struct StorageSuiteTests {
    static func keys(_ lake: LakeStore, under dataset: String) throws -> [String] {
        try LakeBackend.allKeys(lake).filter { $0.contains("/\(dataset)/") && $0.hasSuffix(".parquet") }.sorted()
    }

    @Test(arguments: LakeBackend.allCases) func aRetriedBatchWritesTheSameKeyOnce(_ backend: LakeBackend) async throws {
        let lake = try await backend.lake()
        let batch = (1...10).map { Records.task(task: $0, seq: $0) } + [Records.user(user: 1, seq: 11)]
        let first = lake.ingest(batch)
        #expect(first.failures.isEmpty && first.rowsWritten == 11)
        let keys = try Self.keys(lake, under: "tasks")
        #expect(keys.count == 1 && keys[0].hasSuffix("tasks/dt=2024-05-01/part-\(Records.seq(1))-\(Records.seq(10)).parquet"))

        // Redelivered whole: nothing new.
        let again = lake.ingest(batch)
        #expect(again.written.isEmpty && again.duplicatesSkipped == 11)
        // A crash after the file but before the manifest commit: the retry adopts the same object.
        try lake.storage.delete("tasks/_manifest.json")
        let retried = lake.ingest(Array(batch.prefix(10)))
        #expect(retried.written.map(\.adopted) == [true])
        #expect(try Self.keys(lake, under: "tasks") == keys)
        // Different boundaries on redelivery: only the new records are written.
        let shifted = lake.ingest((8...14).map { Records.task(task: $0, seq: $0 + 10) } + (5...7).map { Records.task(task: $0, seq: $0) })
        #expect(shifted.duplicatesSkipped == 3 && shifted.rowsWritten == 7)
        #expect(Support.seqs(try Support.rows(lake, "tasks")) == ((1...10).map(Records.seqValue) + (18...24).map(Records.seqValue)))
    }

    @Test(arguments: LakeBackend.allCases) func compactionNeverShowsARowTwiceOrMissesOne(_ backend: LakeBackend) async throws {
        let lake = try await backend.lake()
        for b in 0..<6 { _ = lake.ingest((1...15).map { Records.task(task: b * 15 + $0, seq: b * 15 + $0) }) }
        let expected = (1...90).map(Records.seqValue)
        // A reader at every step of the compaction (reading, writing, swapped, deleted) sees each row once.
        var observed: [CompactionProgress.Step] = []
        let result = try lake.compact(dataset: "tasks", partition: "2024-05-01", targetBytes: 1 << 20) { progress in
            observed.append(progress.step)
            let seqs = Support.seqs(try Support.rows(lake, "tasks"))
            #expect(seqs == expected, "at \(progress.step)")
        }
        #expect(result.removed.count == 6 && result.added.count == 1)
        #expect(observed.suffix(3) == [.wroteNewFiles, .swappedManifest, .deletedOldFiles])
        #expect(Support.seqs(try Support.rows(lake, "tasks")) == expected)
        #expect(try Self.keys(lake, under: "tasks").count == 1)

        // A reader running concurrently with a second round of ETL and compaction never sees duplicates.
        for b in 6..<10 { _ = lake.ingest((1...15).map { Records.task(task: b * 15 + $0, seq: b * 15 + $0) }) }
        let stop = Atomic(false)
        let reader = Task { await onThreads(1) { _ in
            var reads = 0
            var bad: [String] = []
            repeat {
                do {
                    let seqs = Support.seqs(try Support.rows(lake, "tasks"))
                    if Set(seqs).count != seqs.count || seqs.count != 150 { bad.append("\(seqs.count) rows, \(Set(seqs).count) distinct") }
                    reads += 1
                } catch {
                    // A manifest read just before a swap names files deleted just after it: the reader reads
                    // the manifest again (a file that is gone, never a wrong answer). Anything else is a bug.
                    let text = "\(error)"
                    if !text.contains("NoSuchKey") && !text.contains("No such file") { bad.append(text) }
                }
            } while !stop.load(ordering: .relaxed)
            return (reads, bad)
        }[0] }
        // Each step lingers a little so the reader's reads fall between them.
        try lake.compact(dataset: "tasks", partition: "2024-05-01", targetBytes: 1 << 20) { _ in usleep(30_000) }
        stop.store(true, ordering: .relaxed)
        let (reads, bad) = await reader.value
        #expect(bad.isEmpty, "\(bad.prefix(3))")
        #expect(reads > 0)
        #expect(Support.seqs(try Support.rows(lake, "tasks")) == (1...150).map(Records.seqValue))
    }

    @Test(arguments: LakeBackend.allCases) func concurrentWritersOfOneDatasetLoseNothing(_ backend: LakeBackend) async throws {
        let lake = try await backend.lake()
        // Four writers (as Lambda runs one per shard), each with its own store over the same lake.
        let storage = lake.storage
        let failures = await onThreads(4) { w in
            let store = LakeStore(storage: storage)
            return (0..<3).flatMap { b in
                let base = w * 1000 + b * 10
                return store.ingest((1...5).map { Records.task(task: base + $0, seq: base + $0, extra: ["w\(w)": .n("1")]) }).failures
            }
        }
        #expect(failures.allSatisfy { $0.isEmpty }, "\(failures)")
        let seqs = Support.seqs(try Support.rows(lake, "tasks"))
        #expect(seqs.count == 60 && Set(seqs).count == 60)
        // Every writer's new column made it into the schema.
        let names = Set(try #require(try lake.catalog.schema(dataset: "tasks")).columns.map(\.name))
        #expect(["w0", "w1", "w2", "w3"].allSatisfy(names.contains), "\(names)")
    }

    @Test(arguments: LakeBackend.allCases) func nothingEscapesTheLake(_ backend: LakeBackend) async throws {
        let lake = try await backend.lake()
        _ = lake.ingest([Records.task(task: 1, seq: 1)])
        for partition in ["../../x", "2024-05-01/../..", "..", "2024-5-1"] {
            #expect(throws: LakeError.self) { try lake.compact(dataset: "tasks", partition: partition) }
        }
        for key in ["../x.parquet", "tasks/../../x", "/etc/passwd", "tasks//x", "tasks/./x", "tasks\\..\\x"] {
            #expect(throws: LakeError.invalidArgument("'\(key)' is not a key inside the lake")) { try lake.storage.write(key, [1]) }
            #expect(throws: LakeError.self) { _ = try lake.storage.read(key) }
            #expect(throws: LakeError.self) { try lake.storage.delete(key) }
        }
        #expect(throws: LakeError.self) { _ = try lake.storage.list("../") }
        #expect(throws: LakeError.self) { _ = try lake.catalog.files(dataset: "../tasks") }
        // Items whose attributes look like paths land in the dataset's own folder.
        let sneaky = Records.record(
            .insert, seq: 2, keys: ["PK": .s("../../evil"), "SK": .s("dt=../x")],
            new: ["PK": .s("../../evil"), "SK": .s("dt=../x"), "../name": .s("v")])
        #expect(lake.ingest([sneaky]).failures.isEmpty)
        for key in try LakeBackend.allKeys(lake) {
            #expect(key.hasPrefix("lake/"), "\(key) is outside the lake")
            #expect(!key.split(separator: "/").contains(".."), "\(key)")
        }
    }

    @Test(arguments: LakeBackend.allCases) func duckDBAndPyarrowReadTheObjectsBack(_ backend: LakeBackend) async throws {
        let lake = try await backend.lake()
        _ = lake.ingest((1...30).map { Records.task(task: $0, seq: $0, time: $0 <= 20 ? Records.day1 : Records.day2) })
        _ = lake.ingest([Records.task(.remove, task: 2, seq: 31), Records.user(user: 1, seq: 32)])
        try lake.compact(dataset: "tasks", partition: "2024-05-01")
        let snapshot = try lake.snapshot(dataset: "tasks")
        #expect(snapshot.rows == 29 && snapshot.path == lake.root + "/tasks_current/current.parquet")
        let folder = try await LakeBackend.localCopy(lake)
        // On S3, DuckDB reads the objects in place when its httpfs extension loads offline; otherwise it reads
        // the copy boto3 downloaded.
        let s3 = lake.storage as? S3LakeStorage
        let endpoint = s3 == nil ? "" : try await MotoServer.environment()["AWS_ENDPOINT_URL_S3"]!
        let out = try jsonObject(python("""
            import sys, json, duckdb, pyarrow.parquet as pq
            root, remote, endpoint = sys.argv[1], sys.argv[2], sys.argv[3]
            manifest = json.load(open(root + '/tasks/_manifest.json'))
            con = duckdb.connect()
            base, via = root, 'folder'
            if remote:
                via = 'boto3 download'
                try:
                    con.execute("SET autoinstall_known_extensions=false")
                    con.execute("LOAD httpfs")
                    con.execute("SET s3_endpoint=?", [endpoint.split('://')[1]])
                    con.execute("SET s3_url_style='path'")
                    con.execute("SET s3_use_ssl=false")
                    con.execute("SET s3_access_key_id='AKIDTEST'")
                    con.execute("SET s3_secret_access_key='testing'")
                    base, via = remote, 'httpfs'
                except Exception:
                    pass
            files = [base + '/tasks/' + f['path'] for f in manifest['files']]
            duck = con.execute("SELECT count(*), count(DISTINCT _seq), max(_seq)::VARCHAR FROM read_parquet(?, hive_partitioning=true)", [files]).fetchone()
            arrow = sum(pq.read_table(root + '/tasks/' + f['path']).num_rows for f in manifest['files'])
            current = con.execute("SELECT count(*) FROM read_parquet(?)", [base + '/tasks_current/current.parquet']).fetchone()[0]
            print(json.dumps({"duck": [duck[0], duck[1], duck[2]], "arrow": arrow, "current": current,
                              "files": len(files), "via": via}))
            """, [folder, s3?.location ?? "", endpoint]))
        #expect(["folder", "httpfs", "boto3 download"].contains(out["via"] as? String ?? ""))
        #expect(out["duck"] as? [AnyHashable] == [31, 31, Records.seq(31)] as [AnyHashable])
        #expect(out["arrow"] as? Int == 31)
        #expect(out["current"] as? Int == 29)
        #expect(out["files"] as? Int == 2)
    }

    @Test(arguments: LakeBackend.allCases) func vacuumRemovesOrphansButSparesUncommittedWritesOnS3(_ backend: LakeBackend) async throws {
        let lake = try await backend.lake()
        _ = lake.ingest([Records.task(task: 1, seq: 1)])
        let orphan = "tasks/dt=2024-05-01/part-\(Records.seq(5))-\(Records.seq(6)).parquet"
        try lake.storage.write(orphan, Array("PAR1 not really".utf8))
        let removed = try lake.vacuum(dataset: "tasks")
        switch backend {
        case .directory:
            // Writers hold the dataset's lock: an unlisted file is an orphan.
            #expect(removed == ["dt=2024-05-01/part-\(Records.seq(5))-\(Records.seq(6)).parquet"])
        case .s3:
            // No lock on S3: a fresh unlisted object may be an ETL batch about to commit; it is kept until old.
            #expect(removed.isEmpty)
            #expect(try lake.storage.exists(orphan))
            var storage = try #require(lake.storage as? S3LakeStorage)
            storage.orphanGraceSeconds = -60
            #expect(try LakeStore(storage: storage).vacuum(dataset: "tasks").count == 1)
        }
        #expect(try !lake.storage.exists(orphan))
        #expect(Support.seqs(try Support.rows(lake, "tasks")) == [Records.seqValue(1)])
    }

    @Test func theETLFunctionFindsItsLakeInItsEnvironment() throws {
        // sluice dev sets LAKE_DIR; on AWS the template gives LAKE_BUCKET (!Ref LakeBucket) and LAKE_PREFIX.
        #expect(ETLHandler.location(environment: ["LAKE_DIR": "/data/lake", "LAKE_BUCKET": "b"]) == "/data/lake")
        #expect(ETLHandler.location(environment: ["LAKE_DIR": "s3://b/x"]) == "s3://b/x")
        #expect(ETLHandler.location(environment: ["LAKE_BUCKET": "my-lake", "LAKE_PREFIX": "lake"]) == "s3://my-lake/lake")
        #expect(ETLHandler.location(environment: ["LAKE_BUCKET": "my-lake", "LAKE_DIR": ""]) == "s3://my-lake")
        #expect(ETLHandler.location(environment: [:]) == ".sluice/lake")
        // The S3 storage takes its endpoint from AWS_ENDPOINT_URL_S3, path-style for a local endpoint.
        let store = try LakeStore(
            location: "s3://my-lake/lake/", environment: ["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:4566", "HOME": "/nonexistent"])
        let s3 = try #require(store.storage as? S3LakeStorage)
        #expect(s3.bucket == "my-lake" && s3.prefix == "lake" && store.root == "s3://my-lake/lake")
        #expect(s3.client.configuration.endpoint == "http://127.0.0.1:4566" && s3.client.configuration.pathStyle)
        #expect(try LakeStore(location: "/tmp/lake/").storage is DirectoryLakeStorage)
    }

    @Test func aMissingBucketIsAClearError() async throws {
        let client = try S3Client(environment: try await MotoServer.environment())
        let lake = LakeStore(storage: try S3LakeStorage(client: client, bucket: "sluice-missing-bucket", prefix: "lake"))
        let result = lake.ingest([Records.task(task: 1, seq: 1)])
        #expect(result.failures.count == 1)
        #expect(result.failures.first?.error.contains("NoSuchBucket") == true, "\(result.failures)")
        #expect(result.failedItemIdentifiers == [Records.seq(1)])
        #expect {
            try lake.catalog.datasets()
        } throws: { error in
            "\(error)".contains("NoSuchBucket: the bucket 'sluice-missing-bucket' does not exist")
        }
        #expect(throws: LakeError.self) { try LakeStore(location: "s3://Bad_Bucket/x") }
        #expect(throws: LakeError.self) { try LakeStore(location: "s3:///x") }
    }

    @Test func rangedReadsFetchTheFooterThenOnlyTheNeededChunks() async throws {
        let lake = try await LakeBackend.s3.lake(LakeOptions(parquet: ParquetWriterOptions(rowGroupRows: 100)))
        func noise() -> String { (0..<12).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 36) }.joined() }
        _ = lake.ingest((1...2000).map { Records.task(task: $0, seq: $0, extra: ["note": .s(noise())]) })
        let file = try #require(try lake.catalog.files(dataset: "tasks").first)
        #expect(file.bytes > 4 * 64 * 1024, "a file several times the cached tail: \(file.bytes)")
        let storage = try #require(lake.storage as? S3LakeStorage)
        let key = lake.catalog.key(dataset: "tasks", file: file)
        let gets = CountingInput(S3LakeStorage.S3ObjectInput(storage: storage, key: key, object: try storage.objectKey(key), count: file.bytes))
        let reader = try ParquetReader(input: TailCachedInput(gets))
        #expect(reader.rowCount == 2000 && reader.rowGroupCount == 20)
        #expect(gets.requests.withLock { $0 } == [(file.bytes - 64 * 1024)..<file.bytes], "opening is one GET of the tail")
        let column = try #require(reader.columnIndex(named: "note"))
        let values = try reader.readColumn(rowGroup: 0, column: column)
        #expect(values.count == 100)
        let chunkReads = gets.requests.withLock { $0 }.dropFirst()
        #expect(chunkReads.count == 1, "one ranged GET for the chunk: \(chunkReads)")
        #expect(chunkReads.reduce(0) { $0 + $1.count } < file.bytes / 10, "only that chunk's bytes")
    }
}

/// Counts the ranges read through an input.
final class CountingInput: RandomAccessInput {
    let base: any RandomAccessInput
    let requests = Mutex<[Range<Int>]>([])
    init(_ base: any RandomAccessInput) { self.base = base }
    var count: Int { base.count }
    func read(_ range: Range<Int>) throws -> [UInt8] {
        requests.withLock { $0.append(range) }
        return try base.read(range)
    }
}
