import Parquet
import TestSupport
import Testing

@testable import LakeQuery

/// Partition pruning and row-group skipping, observed through `QueryStats`.
struct PruningTests {
    /// 3 partitions × 1 file × 4 row groups of 25 rows; `n` and `_seq` ascend, so statistics are selective.
    static func lake() throws -> String {
        let lake = try temporaryFolder("sluice-lakequery")
        var seq: Int128 = 0
        for (p, dt) in ["2026-01-01", "2026-01-02", "2026-01-03"].enumerated() {
            let r = 0..<100
            let n = r.map { Int64(p * 100 + $0) }
            try Lake.write(lake, "events", dt: dt, name: "part-\(p).parquet", columns: [
                ParquetColumn(name: "PK", type: .string, nullable: false),
                ParquetColumn(name: "n", type: .int64),
                ParquetColumn(name: "kind", type: .string),
            ] + Lake.cdc, values: [
                .string(r.map { "k\($0)" }), .int64(n), .string(r.map { $0 < 50 ? "a" : "b" }),
                .string(r.map { _ in "INSERT" }), .decimal(r.map { _ in seq += 1; return seq }),
                .timestampMicros(r.map { Int64($0) }), .string(r.map { _ in nil }), .string(r.map { _ in nil }),
            ], rowGroupRows: 25)
        }
        return lake
    }

    let engine: QueryEngine
    init() throws { engine = QueryEngine(catalog: try LakeDirectory.catalog(at: try Self.lake())) }

    @Test(arguments: [
        ("dt = '2026-01-02'", 1, 100),
        ("dt < '2026-01-02'", 1, 100),
        ("dt > DATE '2026-01-01'", 2, 200),
        ("dt BETWEEN '2026-01-02' AND '2026-01-03'", 2, 200),
        ("dt IN ('2026-01-01', '2026-01-03')", 2, 200),
        ("dt = '2026-01-02' OR dt = '2026-01-03'", 2, 200),
        ("n >= 0", 3, 300),
    ])
    func partitionsArePrunedBeforeOpening(_ predicate: String, _ opened: Int, _ count: Int64) throws {
        let r = try engine.execute("SELECT count(*) FROM events WHERE \(predicate)")
        #expect(r.rows == [[.int64(count)]])
        #expect(r.stats.filesOpened == opened)
        #expect(r.stats.filesPruned == 3 - opened)
        #expect(r.stats.footersRead == 3 - opened)   // schema only
    }

    @Test func rowGroupsAreSkippedByStatistics() throws {
        let r = try engine.execute("SELECT count(*), min(n), max(n) FROM events WHERE n >= 160 AND n < 190")
        #expect(r.rows == [[.int64(30), .int64(160), .int64(189)]])
        #expect(r.stats.rowGroupsTotal == 12)
        #expect(r.stats.rowGroupsSkipped == 10)   // only 150–174 and 175–199 are read
        let none = try engine.execute("SELECT count(*) FROM events WHERE n = 100000")
        #expect(none.rows == [[.int64(0)]] && none.stats.rowGroupsSkipped == 12)
        let byIn = try engine.execute("SELECT count(*) FROM events WHERE n IN (3, 280) AND kind = 'a'")
        #expect(byIn.rows == [[.int64(1)]] && byIn.stats.rowGroupsSkipped == 11)
        let decimal = try engine.execute("SELECT count(*) FROM events WHERE _seq > 290")
        #expect(decimal.rows == [[.int64(10)]] && decimal.stats.rowGroupsSkipped == 11)
        #expect(throws: QueryError.self) { try engine.execute("SELECT count(*) FROM events WHERE nosuch = 1") }
    }

    @Test func onlyNeededColumnsAreRead() throws {
        let r = try engine.execute("SELECT kind, count(*) FROM events WHERE dt = '2026-01-01' GROUP BY kind")
        #expect(r.stats.columnChunksRead == 4)   // `kind` of 4 row groups
        #expect(Set(r.rows) == [[.string("a"), .int64(50)], [.string("b"), .int64(50)]])
    }
}
