#!/usr/bin/env bash
# Issue 3's benchmark: the embedded DynamoDB-compatible engine (PutItem with its stream record,
# GetItem, Query of a 100-item page) beside a plain C-API SQLite loop with the same durability
# (WAL, synchronous=FULL), in one process and one run; plus resident memory while the table grows.
# Usage: Benchmarks/table.sh [seconds-per-phase] [items-for-growth]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_PHASE=${1:-3}
GROWTH=${2:-200000}
swift build -c release --product TableBench >/dev/null
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sqlite: $(pkg-config --modversion sqlite3 2>/dev/null || echo unknown), TMPDIR filesystem: $(df -T /tmp | awk 'NR==2 {print $2}')"
.build/release/TableBench "$SECONDS_PER_PHASE" "$GROWTH"
