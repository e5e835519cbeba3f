#!/usr/bin/env bash
# Issue 2's benchmark: our runtime beside AWS's Python runtime client (awslambdaric), in one run,
# both driven through Sluice's Runtime API emulator by the same in-process driver.
#   - invocations per second of a no-op handler (warm, sequential, as one Lambda environment serves them)
#   - cold start: process spawn → first GET /next, median of N spawns
#   - the stripped, statically linked release bootstrap size
# Usage: Benchmarks/runtime.sh [seconds-per-throughput-run] [spawns]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
SPAWNS=${2:-20}
scripts/setup

swift build -c release --static-swift-stdlib --product NoopFunction >/dev/null
swift build -c release --static-swift-stdlib --product Hello >/dev/null
swift build -c release --product RuntimeBench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp .build/release/NoopFunction "$work/bootstrap" && strip "$work/bootstrap"
cp .build/release/Hello "$work/hello" && strip "$work/hello"
cat > "$work/noop.py" <<'PY'
def handler(event, context):
    return None
PY

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "swift: $(swift --version 2>&1 | head -1)"
echo "python: $(python3 --version), awslambdaric $(python3 -c 'import importlib.metadata as m; print(m.version("awslambdaric"))')"
ours=$(.build/release/RuntimeBench sluice "$SECONDS_PER_RUN" "$SPAWNS" -- "$work/bootstrap")
peer=$(cd "$work" && "$OLDPWD/.build/release/RuntimeBench" awslambdaric "$SECONDS_PER_RUN" "$SPAWNS" -- python3 -m awslambdaric noop.handler)
CC=${CC:-$(command -v cc || command -v clang)}
"$CC" -O2 Benchmarks/loopback_floor.c -o "$work/loopback_floor"
floor=$("$work/loopback_floor")
echo "$peer"
echo "$ours"
echo "$floor (one pipelined round trip per invocation: the ceiling for any runtime through a TCP Runtime API here)"
field() { echo "$1" | tr '\t' '\n' | sed -n "s/^$2=//p"; }
ours_rate=$(field "$ours" invocations_per_second); peer_rate=$(field "$peer" invocations_per_second)
ours_cold=$(field "$ours" cold_start_median_ms); peer_cold=$(field "$peer" cold_start_median_ms)
echo "invocations/s: awslambdaric $peer_rate, sluice $ours_rate, ratio $(awk "BEGIN {printf \"%.2f\", $ours_rate / $peer_rate}")x (target >= 5x)"
echo "cold start median: awslambdaric ${peer_cold} ms, sluice ${ours_cold} ms, ratio $(awk "BEGIN {printf \"%.1f\", $peer_cold / $ours_cold}")x faster (target <= 10 ms)"
echo "bootstrap size (stripped, static stdlib): no-op $(stat -c %s "$work/bootstrap") bytes, Hello $(stat -c %s "$work/hello") bytes (target <= 12 MB)"
