import Parquet
import TestSupport
import Testing

@testable import LakeQuery

/// `<dataset>_current`: per key the greatest `_seq` wins; a winning REMOVE hides the key.
struct CurrentViewTests {
    /// (dt, PK, op, seq, v)
    static let changes: [(String, String, String, Int128, Int64)] = [
        ("2026-01-01", "k1", "INSERT", 1, 10), ("2026-01-02", "k1", "MODIFY", 5, 11), ("2026-01-03", "k1", "REMOVE", 9, 0),
        ("2026-01-01", "k2", "INSERT", 2, 20), ("2026-01-01", "k2", "REMOVE", 3, 0), ("2026-01-03", "k2", "INSERT", 7, 27),
        ("2026-01-01", "k3", "INSERT", 4, 30), ("2026-01-02", "k3", "MODIFY", 6, 36),
        // Out of partition order: the later change sits in the earlier partition.
        ("2026-01-01", "k4", "MODIFY", 12, 42), ("2026-01-03", "k4", "INSERT", 11, 41),
        ("2026-01-02", "k5", "INSERT", 8, 50),
    ]

    static func lake() throws -> String {
        let lake = try temporaryFolder("sluice-lakequery")
        for dt in ["2026-01-01", "2026-01-02", "2026-01-03"] {
            let rows = changes.filter { $0.0 == dt }
            try Lake.write(lake, "items", dt: dt, name: "part-0.parquet", columns: [
                ParquetColumn(name: "PK", type: .string, nullable: false),
                ParquetColumn(name: "v", type: .int64),
            ] + Lake.cdc, values: [
                .string(rows.map(\.1)), .int64(rows.map(\.4)), .string(rows.map(\.2)), .decimal(rows.map(\.3)),
                .timestampMicros(rows.map { Int64($0.3) }), .string(rows.map { _ in "s" }), .string(rows.map { _ in nil }),
            ])
        }
        return lake
    }

    @Test func mergeOnRead() throws {
        let engine = QueryEngine(catalog: try LakeDirectory.catalog(at: try Self.lake(), keyColumns: ["items": ["PK"]]))
        let rows = try engine.execute("SELECT PK, v, _op, dt FROM items_current ORDER BY PK").rows.map { $0.map(\.description) }
        #expect(rows == [
            ["k2", "27", "INSERT", "2026-01-03"],   // REMOVE then re-INSERT
            ["k3", "36", "MODIFY", "2026-01-02"],   // INSERT → MODIFY
            ["k4", "42", "MODIFY", "2026-01-01"],   // greatest _seq wins, whatever the partition
            ["k5", "50", "INSERT", "2026-01-02"],
        ])   // k1: INSERT → MODIFY → REMOVE is gone
        // Filters apply after the merge: k4's current row is in dt=2026-01-01 (k1/k2 older rows there are not).
        let filtered = try engine.execute("SELECT PK FROM items_current WHERE dt = '2026-01-01'")
        #expect(filtered.rows == [[.string("k4")]])
        #expect(filtered.stats.filesPruned == 0)
        #expect(try engine.execute("SELECT count(*), sum(v) FROM items_current").rows == [[.int64(4), .int64(155)]])
        #expect(try engine.execute("SELECT count(*) FROM items").rows == [[.int64(11)]])
    }

    @Test func needsKeyColumns() throws {
        let engine = QueryEngine(catalog: try LakeDirectory.catalog(at: try Self.lake()))
        #expect(throws: QueryError.self) { try engine.execute("SELECT * FROM items_current") }
    }
}
