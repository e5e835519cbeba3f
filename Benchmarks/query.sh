#!/usr/bin/env bash
# Times LakeQuery against DuckDB (python) on the same Parquet lake written by our ParquetWriter.
#   Benchmarks/query.sh [rows] [partitions]     (defaults: 5000000 rows, 30 partitions)
# The lake is kept in ${LAKE:-/tmp/sluice-querybench-<rows>} between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-5000000}
PARTS=${2:-30}
LAKE=${LAKE:-/tmp/sluice-querybench-$ROWS}
swift build -c release --product QueryBench >/dev/null
BIN=$(swift build -c release --show-bin-path)/QueryBench
if [ ! -d "$LAKE/tasks" ]; then "$BIN" generate "$LAKE" "$ROWS" "$PARTS"; fi

Q1="SELECT status, count(*), avg(priority) FROM tasks GROUP BY status"
Q2="SELECT count(*), avg(priority) FROM tasks WHERE dt = '2026-01-15' AND status = 'blocked' AND priority >= 4"
Q3="SELECT status, count(*) FROM tasks_current GROUP BY status"

OURS=$("$BIN" query "$LAKE" "$Q1" "$Q2" "$Q3")
echo "$OURS"
python3 - "$LAKE" "$Q1" "$Q2" "$Q3" <<'PY' "$OURS"
import sys, time, duckdb
lake, queries = sys.argv[1], sys.argv[2:5]
ours = {}
for line in sys.argv[5].splitlines():
    if line.startswith("ms "):
        ms, sql = line.split(" | ", 1)
        ours[sql] = float(ms.split()[1])
con = duckdb.connect()
con.execute(f"CREATE VIEW tasks AS SELECT * FROM read_parquet('{lake}/tasks/*/*.parquet', hive_partitioning=true, union_by_name=true)")
con.execute("CREATE VIEW tasks_current AS SELECT * FROM (SELECT * FROM tasks QUALIFY row_number() OVER (PARTITION BY PK, SK ORDER BY _seq DESC) = 1) WHERE _op <> 'REMOVE'")
print("duckdb", duckdb.__version__, "threads", con.execute("SELECT current_setting('threads')").fetchone()[0])
for q in queries:
    best = 1e9
    for _ in range(3):
        t = time.perf_counter(); rows = con.execute(q).fetchall(); best = min(best, time.perf_counter() - t)
    d = best * 1000
    o = ours.get(q, float('nan'))
    print(f"{q}\n  LakeQuery {o:9.1f} ms   DuckDB {d:9.1f} ms   ratio {o / d:5.2f}x   ({len(rows)} rows)")
PY
