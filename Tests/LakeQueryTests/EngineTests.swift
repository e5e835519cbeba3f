import Foundation
import Parquet
import Testing

@testable import LakeQuery

/// Features over the shared tasks lake, checked against values computed here.
@Suite struct EngineTests {
    let lake: String
    let engine: QueryEngine

    init() throws {
        lake = try Lake.tasks()
        engine = QueryEngine(catalog: try LakeDirectory.catalog(at: lake, keyColumns: ["tasks": ["PK", "SK"]]))
    }

    func rows(_ sql: String) throws -> [[String]] {
        try engine.execute(sql).rows.map { $0.map(\.description) }
    }

    /// The deepest expressions the parser accepts bind and evaluate without exhausting the stack.
    @Test func deepestAcceptedExpressionsRun() throws {
        let chain = "1" + String(repeating: " + 1", count: 255)
        let nested = String(repeating: "(", count: 254) + "2" + String(repeating: ")", count: 254)
        let nots = String(repeating: "NOT ", count: 254) + "true"
        #expect(try rows("SELECT \(chain), \(nested), \(nots) FROM tasks LIMIT 1") == [["256", "2", "true"]])
        // A generated filter of 2,000 ORs (and ANDs) is balanced, so it is only 11 levels deep.
        let users = (0..<2000).map { "'user#\($0 % 12 == 0 ? 1000 + $0 : $0)'" }
        let ors = users.map { "PK = \($0)" }.joined(separator: " OR ")
        let ands = (0..<2000).map { _ in "PK IS NOT NULL" }.joined(separator: " AND ")
        #expect(try rows("SELECT count(*) FROM tasks WHERE (\(ors)) AND \(ands)")
            == rows("SELECT count(*) FROM tasks WHERE PK IN (\(users.joined(separator: ", ")))"))
    }

    @Test func catalogScansHiveFolders() throws {
        try "x".write(toFile: lake + "/tasks/dt=2026-01-01/_tmp.parquet", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: lake + "/.hidden/dt=1", withIntermediateDirectories: true)
        let catalog = try LakeDirectory.catalog(at: lake)
        #expect(catalog.datasetNames == ["tasks"])
        let ds = try #require(catalog.dataset(named: "TASKS"))
        #expect(ds.files.count == 5)
        #expect(ds.files[0].partition == ["dt": "2026-01-01"])
    }

    @Test func schemaIsUnionByNameWithPartitionColumnLast() throws {
        let r = try engine.execute("SELECT * FROM tasks LIMIT 1")
        let names = r.columns.map(\.name)
        #expect(names.first == "PK")
        #expect(names.last == "dt")
        #expect(names.contains("score") && names.contains("extra_col"))
        #expect(r.columns.first { $0.name == "priority" }?.type == .double)   // INT64 + DOUBLE files
        #expect(r.columns.last?.type == .date)
    }

    @Test func countsAndFilters() throws {
        #expect(try rows("SELECT count(*) FROM tasks") == [["800"]])
        #expect(try rows("SELECT count(*) FROM tasks WHERE dt = '2026-01-02'") == [["300"]])
        #expect(try rows("SELECT count(score) FROM tasks WHERE dt = '2026-01-02' AND score IS NOT NULL")[0][0] != "0")
        #expect(try rows("SELECT count(*) FROM tasks WHERE dt = '2026-01-02' AND extra_col IS NULL AND score IS NULL")[0][0] != "0")
    }

    @Test func expressionsAndCasts() throws {
        let r = try rows("SELECT 1 + 2 * 3, 7 / 2, 7 % 3, -(2), 1.5 * 2, 'a' || 'b', CAST('12' AS BIGINT), CAST(2.5 AS INTEGER), CAST(1.239 AS DECIMAL(5,2)), upper('x'), length('héllo'), coalesce(NULL, 3), abs(-4) FROM tasks LIMIT 1")
        #expect(r == [["7", "3.5", "1", "-2", "3.0", "ab", "12", "3", "1.24", "X", "5", "3", "4"]])
        let dates = try rows("SELECT DATE '2026-01-02', CAST('2026-01-02 03:04:05.5' AS TIMESTAMP), 2 BETWEEN 1 AND 3, 'abc' LIKE 'a_c', 'ABC' ILIKE 'a%', 3 IN (1, NULL), NULL IS NULL FROM tasks LIMIT 1")
        #expect(dates == [["2026-01-02", "2026-01-02 03:04:05.5+00", "true", "true", "true", "NULL", "true"]])
    }

    @Test func groupByAliasOrdinalHavingOrder() throws {
        let byAlias = try rows("SELECT dt AS day, count(*) AS n FROM tasks GROUP BY day ORDER BY n DESC, day")
        #expect(byAlias == [["2026-01-02", "300"], ["2026-01-01", "200"], ["2026-01-03", "200"], ["2026-01-04", "100"]])
        let byOrdinal = try rows("SELECT dt, count(*) FROM tasks GROUP BY 1 HAVING count(*) < 250 ORDER BY 1 DESC LIMIT 2")
        #expect(byOrdinal == [["2026-01-04", "100"], ["2026-01-03", "200"]])
        let global = try rows("SELECT count(*), sum(priority), min(dt) FROM tasks WHERE dt > '2030-01-01'")
        #expect(global == [["0", "NULL", "NULL"]])
    }

    @Test func orderByPutsNullsLastAndHonoursNullsFirst() throws {
        let asc = try rows("SELECT status FROM tasks GROUP BY status ORDER BY status")
        #expect(asc.last == ["NULL"] && asc.first == ["Open"])
        let desc = try rows("SELECT status FROM tasks GROUP BY status ORDER BY status DESC")
        #expect(desc.last == ["NULL"] && desc.first == ["open"])
        let first = try rows("SELECT status FROM tasks GROUP BY status ORDER BY status NULLS FIRST")
        #expect(first.first == ["NULL"])
    }

    @Test func errorsCarryPositions() throws {
        func failure(_ sql: String) -> QueryError? {
            do { _ = try engine.execute(sql); return nil } catch { return error }
        }
        guard case .unknownColumn("nope", let p) = failure("SELECT PK, nope FROM tasks") else { Issue.record("no unknownColumn"); return }
        #expect(p.description == "1:12")
        guard case .unknownDataset("taks", let d) = failure("SELECT *\nFROM taks") else { Issue.record("no unknownDataset"); return }
        #expect(d.description == "2:6")
        guard case .type(let m, let t) = failure("SELECT status, PK FROM tasks GROUP BY status") else { Issue.record("no type error"); return }
        #expect(m.contains("GROUP BY") && t.description == "1:16")
        guard case .type(_, let w) = failure("SELECT PK FROM tasks WHERE count(*) > 1") else { Issue.record("aggregate in WHERE"); return }
        #expect(w.description == "1:28")
        guard case .unknownFunction = failure("SELECT frobnicate(PK) FROM tasks") else { Issue.record("no unknownFunction"); return }
        guard case .type = failure("SELECT PK FROM tasks WHERE PK + 1 > 2") else { Issue.record("string arithmetic"); return }
    }
}
