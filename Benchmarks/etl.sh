#!/usr/bin/env bash
# Issue 7's ETL benchmark: rows per second from a DynamoDB stream event (JSON file of N tasks-shaped records)
# to Snappy Parquet files on disk — Sluice's LakeStore (JSON decode + ingest) beside a Python ETL doing the
# same with boto3's TypeDeserializer and pyarrow.parquet.write_table, in the same run. Best of R runs each.
# Usage: Benchmarks/etl.sh [records] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200000}
RUNS=${2:-3}
swift build -c release --product ETLBench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$N" "$work/event.json" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
arn = "arn:aws:dynamodb:us-east-1:123456789012:table/Tasks/stream/2024-01-01T00:00:00.000"
base = 1714564800  # 2024-05-01T12:00:00Z; records span two days
records = []
for i in range(n):
    user, task = i % 1000, i
    keys = {"PK": {"S": f"USER#{user}"}, "SK": {"S": f"TASK#{task:08d}"}}
    image = dict(keys)
    image.update({
        "title": {"S": f"Task number {task} for user {user}"},
        "status": {"S": ["open", "doing", "done"][i % 3]},
        "done": {"BOOL": i % 3 == 2},
        "estimate": {"N": str(i % 97)},
        "price": {"N": f"{i % 1000}.{i % 100:02d}"},
        "createdAt": {"S": "2024-05-01T12:00:00Z"},
    })
    op = "INSERT" if i % 10 else "MODIFY"
    records.append({
        "eventID": f"{i:032x}", "eventName": op, "eventVersion": "1.1", "eventSource": "aws:dynamodb",
        "awsRegion": "us-east-1", "eventSourceARN": arn,
        "dynamodb": {"ApproximateCreationDateTime": base + (i * 86400 * 2) // n, "Keys": keys, "NewImage": image,
                     "SequenceNumber": str(100000000000000000000 + i), "SizeBytes": 200,
                     "StreamViewType": "NEW_AND_OLD_IMAGES"},
    })
with open(out, "w") as f:
    json.dump({"Records": records}, f)
PY

echo "machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "swift: $(swift --version 2>&1 | head -1)"
echo "python: $(python3 --version), pyarrow $(python3 -c 'import pyarrow; print(pyarrow.__version__)'), boto3 $(python3 -c 'import boto3; print(boto3.__version__)')"
echo "input: $N records, $(stat -c %s "$work/event.json") bytes of event JSON"
peer=$(python3 Benchmarks/etl_python.py "$work/event.json" "$work/lake-py" "$RUNS")
ours=$(.build/release/ETLBench "$work/event.json" "$work/lake-swift" "$RUNS")
echo "$peer"
echo "$ours"
field() { echo "$1" | tr '\t' '\n' | sed -n "s/^$2=//p"; }
peer_rate=$(field "$peer" rows_per_second); ours_rate=$(field "$ours" rows_per_second)
echo "bytes on disk: pyarrow $(du -sb "$work/lake-py" | cut -f1), sluice $(du -sb "$work/lake-swift" | cut -f1)"
echo "rows/s: pyarrow $peer_rate, sluice $ours_rate, ratio $(awk "BEGIN {printf \"%.2f\", $ours_rate / $peer_rate}")x (target >= 1x)"
