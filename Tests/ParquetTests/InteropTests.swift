import Foundation
import TestSupport
import Testing

@testable import Parquet

/// Our files read by pyarrow and DuckDB; their files read by us. Needs `pip install pyarrow duckdb`.
@Suite(.serialized) struct InteropTests {
    static let pyarrowReads = """
        import sys, json, pyarrow.parquet as pq
        t = pq.read_table(sys.argv[1])
        row = int(sys.argv[2])
        cols = {f.name: t.column(f.name) for f in t.schema}
        print(json.dumps({
            "types": {f.name: str(f.type) for f in t.schema},
            "rows": t.num_rows,
            "nulls": {k: c.null_count for k, c in cols.items()},
            "row": {k: str(c[row].as_py()) for k, c in cols.items()},
            "created_by": pq.ParquetFile(sys.argv[1]).metadata.created_by,
        }))
        """

    static let duckdbReads = """
        import sys, json, duckdb
        p, row = sys.argv[1], int(sys.argv[2])
        con = duckdb.connect()
        src = f"read_parquet('{p}', file_row_number=true)"
        types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * EXCLUDE (file_row_number) FROM {src}").fetchall()}
        count, n_nulls, n_sum, x_nulls = con.execute(f"SELECT count(*), count(*) - count(n), sum(n), count(*) - count(x) FROM {src}").fetchone()
        r = con.execute(f"SELECT pk, n, x, flag, epoch_us(ts), day::VARCHAR, amount::VARCHAR, small::VARCHAR, big::VARCHAR, raw FROM {src} WHERE file_row_number = {row}").fetchone()
        print(json.dumps({"types": types, "rows": count, "n_nulls": n_nulls, "n_sum": str(n_sum), "x_nulls": x_nulls,
                          "row": [str(v) for v in r]}))
        """

    static let rows = 5000
    static let probe = 11

    private func writeSample(_ codec: CompressionCodec) throws -> String {
        let path = try temporaryFolder("sluice-parquet") + "/sample.parquet"
        let w = try ParquetWriter(
            path: path, columns: Sample.columns,
            options: ParquetWriterOptions(codec: codec, rowGroupRows: 2000, pageBytes: 4096))
        try w.append(Sample.values(rows: Self.rows))
        try w.finish()
        return path
    }

    @Test(arguments: [CompressionCodec.snappy, .zstd, .uncompressed])
    func pyarrowReadsOurFile(codec: CompressionCodec) throws {
        let path = try writeSample(codec)
        let out = try jsonObject(python(Self.pyarrowReads, [path, "\(Self.probe)"]))
        let types = try #require(out["types"] as? [String: String])
        #expect(types == [
            "pk": "string", "n": "int64", "x": "double", "flag": "bool", "ts": "timestamp[us, tz=UTC]",
            "day": "date32[day]", "amount": "decimal128(12, 2)", "small": "decimal128(5, 1)",
            "big": "decimal128(30, 4)", "raw": "binary",
        ])
        #expect(out["rows"] as? Int == Self.rows)
        #expect(out["created_by"] as? String == "sluice version 0.1.0")
        let nulls = try #require(out["nulls"] as? [String: Int])
        for (column, values) in zip(Sample.columns, Sample.values(rows: Self.rows)) {
            #expect(nulls[column.name] == values.nullCount, "nulls of \(column.name)")
        }
        let row = try #require(out["row"] as? [String: String])
        #expect(row == [
            "pk": "key-11-ü", "n": "10950033", "x": "-0.25", "flag": "False",
            "ts": "2024-05-01 00:00:11.000011+00:00", "day": "2024-05-12", "amount": "-34.93",
            "small": "-398.9", "big": "-3899999999999999999.9993", "raw": "b'\\x0b\\x00\\xff'",
        ])
    }

    @Test(arguments: [CompressionCodec.snappy, .zstd])
    func duckdbReadsOurFile(codec: CompressionCodec) throws {
        let path = try writeSample(codec)
        let out = try jsonObject(python(Self.duckdbReads, [path, "\(Self.probe)"]))
        let types = try #require(out["types"] as? [String: String])
        #expect(types == [
            "pk": "VARCHAR", "n": "BIGINT", "x": "DOUBLE", "flag": "BOOLEAN", "ts": "TIMESTAMP WITH TIME ZONE",
            "day": "DATE", "amount": "DECIMAL(12,2)", "small": "DECIMAL(5,1)", "big": "DECIMAL(30,4)", "raw": "BLOB",
        ])
        #expect(out["rows"] as? Int == Self.rows)
        let values = Sample.values(rows: Self.rows)
        #expect(out["n_nulls"] as? Int == values[1].nullCount)
        #expect(out["x_nulls"] as? Int == values[2].nullCount)
        guard case .int64(let ns) = values[1] else { return }
        #expect(out["n_sum"] as? String == "\(ns.compactMap { $0 }.reduce(0, +))")
        #expect(out["row"] as? [String] == [
            "key-11-ü", "10950033", "-0.25", "False", "1714521611000011", "2024-05-12", "-34.93", "-398.9",
            "-3899999999999999999.9993", "b'\\x0b\\x00\\xff'",
        ])
    }

    // MARK: Files written by pyarrow and DuckDB

    static let n = 3000

    static func expected() -> [String: ColumnValues] {
        let r = 0..<n
        return [
            "s": .string(r.map { $0 % 5 == 0 ? nil : "s\($0 % 17)" }),
            "i": .int64(r.map { $0 % 7 == 0 ? nil : Int64($0 * 3) }),
            "i32": .int64(r.map { Int64($0 - 100) }),
            "f": .double(r.map { Double($0) / 4 }),
            "b": .boolean(r.map { $0 % 3 == 0 ? nil : $0 % 2 == 0 }),
            "ts": .timestampMicros(r.map { Int64($0) * 1_000_001 }),
            "d": .date(r.map { Int32($0) }),
            "dec": .decimal(r.map { Int128($0 * 7 - 500) }),
        ]
    }

    private func check(_ path: String, rowGroups: Int) throws {
        let reader = try ParquetReader(path: path)
        #expect(reader.rowCount == Int64(Self.n))
        #expect(reader.rowGroupCount == rowGroups)
        let types = Dictionary(uniqueKeysWithValues: reader.columns.map { ($0.name, $0.type) })
        #expect(types == [
            "s": .string, "i": .int64, "i32": .int64, "f": .double, "b": .boolean,
            "ts": .timestampMicrosUTC, "d": .date, "dec": .decimal(precision: 10, scale: 2),
        ])
        for (name, values) in Self.expected() {
            let index = try #require(reader.columnIndex(named: name))
            #expect(try reader.readColumn(index) == values, "column \(name) of \(path)")
        }
        let iIndex = try #require(reader.columnIndex(named: "i"))
        let iStats = try #require(try reader.statistics(rowGroup: 0, column: iIndex))
        #expect(iStats.min == .int64(3))
        #expect(iStats.max == .int64(999 * 3))
        #expect(iStats.nullCount == 143)
    }

    @Test(arguments: ["snappy", "zstd", "none"], ["1.0", "2.0"])
    func weReadPyarrowFiles(codec: String, pageVersion: String) throws {
        let path = try temporaryFolder("sluice-parquet") + "/pyarrow.parquet"
        _ = try python(
            """
            import sys, decimal, pyarrow as pa, pyarrow.parquet as pq
            n = 3000
            r = range(n)
            t = pa.table({
                "s": pa.array([None if i % 5 == 0 else f"s{i % 17}" for i in r], pa.string()),
                "i": pa.array([None if i % 7 == 0 else i * 3 for i in r], pa.int64()),
                "i32": pa.array([i - 100 for i in r], pa.int32()),
                "f": pa.array([i / 4 for i in r], pa.float64()),
                "b": pa.array([None if i % 3 == 0 else i % 2 == 0 for i in r], pa.bool_()),
                "ts": pa.array([i * 1000001 for i in r], pa.timestamp("us", tz="UTC")),
                "d": pa.array(list(r), pa.date32()),
                "dec": pa.array([decimal.Decimal(i * 7 - 500).scaleb(-2) for i in r], pa.decimal128(10, 2)),
            })
            pq.write_table(t, sys.argv[1], compression=sys.argv[2], data_page_version=sys.argv[3],
                           row_group_size=1000, use_dictionary=sys.argv[2] != "none", data_page_size=2048)
            """, [path, codec, pageVersion])
        try check(path, rowGroups: 3)
    }

    @Test(arguments: ["snappy", "zstd", "uncompressed"])
    func weReadDuckDBFiles(codec: String) throws {
        let path = try temporaryFolder("sluice-parquet") + "/duckdb.parquet"
        _ = try python(
            """
            import sys, duckdb
            con = duckdb.connect()
            con.execute("SET threads = 1")  # keep row order deterministic
            con.execute(f'''
              COPY (SELECT
                CASE WHEN i % 5 = 0 THEN NULL ELSE 's' || (i % 17) END AS s,
                CASE WHEN i % 7 = 0 THEN NULL ELSE i * 3 END::BIGINT AS i,
                (i - 100)::INTEGER AS i32,
                i / 4.0::DOUBLE AS f,
                CASE WHEN i % 3 = 0 THEN NULL ELSE i % 2 = 0 END AS b,
                make_timestamp(i * 1000001) AS ts,
                DATE '1970-01-01' + i::INTEGER AS d,
                CAST((i * 7 - 500) * 0.01 AS DECIMAL(10, 2)) AS dec
              FROM range(3000) t(i) ORDER BY i)
              TO '{sys.argv[1]}' (FORMAT parquet, COMPRESSION {sys.argv[2]}, ROW_GROUP_SIZE 1000)''')
            """, [path, codec])
        let reader = try ParquetReader(path: path)
        #expect(reader.rowCount == Int64(Self.n))
        // DuckDB may write rows in another order: line them up by the unique i32 column.
        let key = try reader.readColumn(try #require(reader.columnIndex(named: "i32")))
        guard case .int64(let keys) = key else { Issue.record("i32 not read as int64"); return }
        let permutation = keys.indices.sorted { (keys[$0] ?? 0) < (keys[$1] ?? 0) }
        for (name, values) in Self.expected() {
            let column = try reader.readColumn(try #require(reader.columnIndex(named: name)))
            let got = permutation.map { column[$0] }
            let want = (0..<Self.n).map { values[$0] }
            #expect(got == want, "column \(name) of the DuckDB file")
        }
    }
}
