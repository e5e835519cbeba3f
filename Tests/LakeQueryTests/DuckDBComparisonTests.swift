import Foundation
import Testing

@testable import LakeQuery

/// Our results against DuckDB's on the same files (needs `pip install duckdb pyarrow`).
/// Rows compare as normalised strings; order matters only when the query has ORDER BY.
struct DuckDBComparisonTests {
    /// Our SQL, and DuckDB's when it differs (the `_current` view is a window query there).
    static let queries: [(String, String?)] = [
        ("SELECT count(*) FROM tasks", nil),
        ("SELECT status, count(*), avg(priority), sum(amount), min(due), max(_ts), count(score) FROM tasks GROUP BY status", nil),
        ("SELECT PK, SK, priority, amount FROM tasks WHERE priority > 3 AND status = 'open'", nil),
        ("SELECT dt, count(*) FROM tasks WHERE dt BETWEEN '2026-01-02' AND '2026-01-03' GROUP BY dt ORDER BY dt", nil),
        ("SELECT count(DISTINCT PK), count(DISTINCT status), count(DISTINCT dt) FROM tasks", nil),
        ("SELECT PK, amount * 2, amount + 1, amount - 0.5, priority * 3 - 1, priority / 2 FROM tasks WHERE dt = '2026-01-01'", nil),
        ("SELECT title FROM tasks WHERE title LIKE 'Task 1%' OR title LIKE '%9_, %'", nil),
        ("SELECT status, sum(priority) AS s FROM tasks GROUP BY status HAVING sum(priority) > 100 ORDER BY s DESC", nil),
        ("SELECT PK, SK, score FROM tasks WHERE score IS NULL", nil),
        ("SELECT priority, count(*) FROM tasks WHERE priority IN (1, 2, 5) GROUP BY 1 ORDER BY 1", nil),
        ("SELECT PK, SK, _seq, _ts FROM tasks ORDER BY _seq DESC LIMIT 5", nil),
        ("SELECT status, dt, count(*), max(amount), min(score) FROM tasks GROUP BY status, dt", nil),
        ("SELECT * FROM tasks WHERE PK = 'user#3' AND dt >= '2026-01-03'", nil),
        ("SELECT max(amount), min(title), max(done), min(due) FROM tasks WHERE due < DATE '2026-01-01' + 0 OR due IS NULL", nil),
        ("SELECT done, count(*), avg(amount) FROM tasks GROUP BY done", nil),
        ("SELECT PK, priority FROM tasks WHERE NOT (priority BETWEEN 2 AND 4) AND status <> 'done'", nil),
        ("SELECT lower(status) || '-' || PK AS k FROM tasks WHERE dt IN ('2026-01-03', '2026-01-04')", nil),
        ("SELECT CAST(amount AS DOUBLE), CAST(priority AS VARCHAR), CAST(due AS VARCHAR) FROM tasks WHERE dt > '2026-01-02'", nil),
        ("SELECT status, count(*) FROM tasks WHERE _op = 'REMOVE' OR extra_col IS NOT NULL GROUP BY status", nil),
        ("SELECT coalesce(score, -1), abs(priority - 3), amount IS NULL FROM tasks", nil),
        ("SELECT avg(score), sum(score), min(score), max(score), sum(amount), avg(amount) FROM tasks", nil),
        ("SELECT PK, SK, status FROM tasks WHERE status ILIKE 'OPEN' ORDER BY PK, SK, _seq LIMIT 20 OFFSET 3", nil),
        ("SELECT status, count(*), sum(amount) FROM tasks_current GROUP BY status",
         "SELECT status, count(*), sum(amount) FROM (SELECT * FROM tasks QUALIFY row_number() OVER (PARTITION BY PK, SK ORDER BY _seq DESC) = 1) WHERE _op <> 'REMOVE' GROUP BY status"),
        ("SELECT PK, SK, title, dt FROM tasks_current WHERE dt = '2026-01-04'",
         "SELECT PK, SK, title, dt FROM (SELECT * FROM tasks QUALIFY row_number() OVER (PARTITION BY PK, SK ORDER BY _seq DESC) = 1) WHERE _op <> 'REMOVE' AND dt = '2026-01-04'"),
    ]

    @Test func resultsEqualDuckDB() throws {
        let lake = try Lake.tasks()
        let engine = QueryEngine(catalog: try LakeDirectory.catalog(at: lake, keyColumns: ["tasks": ["PK", "SK"]]))
        // `DATE + 0` is not ours: keep DuckDB's text identical where we can.
        let ours = Self.queries.map { $0.0.replacingOccurrences(of: " + 0", with: "") }
        let theirs = Self.queries.map { ($0.1 ?? $0.0).replacingOccurrences(of: " + 0", with: "") }
        let expected = try Lake.duckdb(lake: lake, dataset: "tasks", queries: theirs)
        for (i, sql) in ours.enumerated() {
            let got = try engine.execute(sql).rows.map { $0.map { Lake.normalise($0.description) } }
            let want = expected[i].map { $0.map(Lake.normalise) }
            let ordered = sql.contains("ORDER BY")
            let a = ordered ? got : got.sorted { $0.lexicographicallyPrecedes($1) }
            let b = ordered ? want : want.sorted { $0.lexicographicallyPrecedes($1) }
            #expect(a.count == b.count, "\(sql): \(a.count) rows vs DuckDB's \(b.count)")
            #expect(!a.isEmpty, "\(sql): empty result makes a weak test")
            if a != b {
                let diff = zip(a, b).first { $0 != $1 }
                Issue.record("\(sql)\n ours:   \(diff?.0 ?? [])\n duckdb: \(diff?.1 ?? [])")
            }
        }
    }
}
