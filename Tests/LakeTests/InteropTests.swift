import DynamoModel
import Foundation
import Parquet
import TestSupport
import Testing

@testable import Lake

/// The lake's files read by pyarrow and DuckDB (`pip install pyarrow duckdb`): proof that they are real Parquet.
@Suite struct LakeInteropTests {
    static let script = #"""
        import sys, json, os
        import pyarrow.parquet as pq
        import duckdb
        root = sys.argv[1]
        out = {}
        con = duckdb.connect()
        for ds in sorted(os.listdir(root)):
            manifest = os.path.join(root, ds, '_manifest.json')
            if not os.path.exists(manifest):
                continue
            m = json.load(open(manifest))
            files = [os.path.join(root, ds, f['path']) for f in m['files']]
            tables = [pq.read_table(f) for f in files]
            arrow_types = {}
            for t in tables:
                for field in t.schema:
                    arrow_types.setdefault(field.name, str(field.type))
            rel = f"read_parquet('{root}/{ds}/*/*.parquet', hive_partitioning=true, union_by_name=true)"
            duck_types = {r[0]: r[1] for r in con.execute(f"describe select * from {rel}").fetchall()}
            info = {
                'manifest_rows': sum(f['rows'] for f in m['files']),
                'arrow_rows': sum(t.num_rows for t in tables),
                'arrow_types': arrow_types,
                'duck_rows': con.execute(f"select count(*) from {rel}").fetchone()[0],
                'duck_types': duck_types,
                'duck_seqs': [str(r[0]) for r in con.execute(f"select _seq from {rel} order by _seq").fetchall()],
                'dts': [str(r[0]) for r in con.execute(f"select distinct dt from {rel} order by 1").fetchall()],
            }
            if ds == 'tasks':
                first = next(r for t in tables for r in t.to_pylist() if str(r['_seq']) == sys.argv[2])
                info['arrow_first'] = {k: (v.hex() if isinstance(v, bytes) else str(v)) for k, v in first.items()}
                info['duck'] = [str(v) for v in con.execute(f"""
                    select sum(estimate), max(_seq)::varchar, min(_ts)::varchar, sum(price)::varchar,
                           count(*) filter (where done), count(late), count(*) filter (where _op = 'REMOVE'),
                           json_extract_string(max(tags), '$[0]'), max(_extra)
                    from {rel}""").fetchone()]
            out[ds] = info
        snap = os.path.join(root, 'tasks_current', 'current.parquet')
        t = pq.read_table(snap)
        out['tasks_current'] = {'rows': t.num_rows, 'types': {f.name: str(f.type) for f in t.schema},
            'duck_rows': con.execute(f"select count(*) from read_parquet('{snap}')").fetchone()[0]}
        print(json.dumps(out))
        """#

    @Test func pyarrowAndDuckDBReadEveryDataset() throws {
        let lake = try Support.lake()
        let keys = Records.taskKeys(user: 9, task: 1)
        var rich = keys
        rich["title"] = .s("rich")
        rich["estimate"] = .n("5")
        rich["done"] = .bool(true)
        rich["price"] = .n("19.99")
        rich["blob"] = .b([0xDE, 0xAD])
        rich["tags"] = .ss(["red", "blue"])
        rich["meta"] = .m(["k": .n("1")])
        rich["huge"] = .n("1E+100")
        // Batch 1: plain tasks over two days, users, an item.
        _ = lake.ingest((1...30).map { Records.task(task: $0, seq: $0, time: $0 <= 20 ? Records.day1 : Records.day2) }
            + [Records.user(user: 1, seq: 31), Records.record(.insert, seq: 32, keys: ["PK": .s("ORG#1"), "SK": .s("X")], new: ["PK": .s("ORG#1"), "SK": .s("X"), "n": .n("2.5")])])
        // Batch 2: new columns (schema evolution), a rich item, a remove.
        _ = lake.ingest([
            Records.record(.insert, seq: 40, keys: keys, new: rich),
            Records.task(task: 31, seq: 41, extra: ["late": .s("yes")]),
            Records.task(.remove, task: 2, seq: 42),
        ])
        _ = lake.ingest((50...59).map { Records.task(task: $0, seq: $0) })
        try lake.compact(dataset: "tasks", partition: "2024-05-01")
        _ = try lake.snapshot(dataset: "tasks")

        let out = try jsonObject(python(Self.script, [lake.root, Records.seq(40)]))
        #expect(Set(out.keys) == ["tasks", "users", "items", "tasks_current"])
        for dataset in ["tasks", "users", "items"] {
            let info = try #require(out[dataset] as? [String: Any])
            let rows = try Support.rows(lake, dataset).count
            #expect(info["manifest_rows"] as? Int == rows, "\(dataset)")
            #expect(info["arrow_rows"] as? Int == rows, "\(dataset)")
            #expect(info["duck_rows"] as? Int == rows, "\(dataset)")
            let arrow = try #require(info["arrow_types"] as? [String: String])
            #expect(arrow["_op"] == "string" && arrow["_seq"] == "decimal128(38, 0)" && arrow["_ts"] == "timestamp[us, tz=UTC]", "\(arrow)")
            #expect(arrow["_shard"] == "string" && arrow["_extra"] == "string" && arrow["PK"] == "string")
            let duck = try #require(info["duck_types"] as? [String: String])
            #expect(duck["_seq"] == "DECIMAL(38,0)" && duck["_ts"] == "TIMESTAMP WITH TIME ZONE", "\(duck)")
            let seqs = Support.seqs(try Support.rows(lake, dataset)).map { String($0) }
            #expect(info["duck_seqs"] as? [String] == seqs, "\(dataset): exact sequence numbers")
        }
        let tasks = try #require(out["tasks"] as? [String: Any])
        let arrow = try #require(tasks["arrow_types"] as? [String: String])
        #expect(arrow["estimate"] == "int64" && arrow["done"] == "bool" && arrow["price"] == "decimal128(38, 9)")
        #expect(arrow["blob"] == "binary" && arrow["tags"] == "string" && arrow["late"] == "string", "\(arrow)")
        let duckTypes = try #require(tasks["duck_types"] as? [String: String])
        #expect(duckTypes["estimate"] == "BIGINT" && duckTypes["done"] == "BOOLEAN" && duckTypes["price"] == "DECIMAL(38,9)" && duckTypes["blob"] == "BLOB")
        #expect(tasks["dts"] as? [String] == ["2024-05-01", "2024-05-02"])
        let first = try #require(tasks["arrow_first"] as? [String: String])
        #expect(first["_seq"] == Records.seq(40) && first["price"] == "19.990000000" && first["blob"] == "dead")
        #expect(first["_ts"] == "2024-05-01 12:00:00+00:00" && first["tags"] == #"["red","blue"]"#)
        #expect(first["_extra"] == #"{"huge":{"N":"1E+100"}}"#)
        let estimates = (1...31).reduce(0) { $0 + $1 * 10 } + 5 + 20 + (50...59).reduce(0) { $0 + $1 * 10 }
        let evens = (1...31).filter { $0 % 2 == 0 }.count + 1 + 1 + (50...59).filter { $0 % 2 == 0 }.count
        #expect(tasks["duck"] as? [String] == [
            String(estimates), Records.seq(59), "2024-05-01 12:00:00+00", "19.990000000", String(evens), "1", "1", "red",
            #"{"huge":{"N":"1E+100"}}"#,
        ])
        let current = try #require(out["tasks_current"] as? [String: Any])
        #expect(current["rows"] as? Int == 31 + 1 - 1 + 10)
        #expect(current["duck_rows"] as? Int == 41)
        #expect((current["types"] as? [String: String])?["_seq"] == "decimal128(38, 0)")
    }
}
