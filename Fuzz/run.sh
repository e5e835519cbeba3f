#!/usr/bin/env bash
# Builds the libFuzzer targets (Swift with -sanitize=fuzzer,address) and runs each for a while.
#
#   Fuzz/run.sh [seconds] [target ...]     # default 60 s each; targets: expression dynamo-request lambda-event parquet json sql
#   FUZZ_MERGE=1 Fuzz/run.sh 180           # also merge what each run found into Fuzz/Corpus/<target> (minimized)
#
# Prints, per target: executions, executions per second, coverage (edges "cov" and features "ft"),
# corpus size and crashes. A crash leaves its input in Fuzz/Findings/<target>/ and makes the script exit 1:
# minimize it (`<binary> -minimize_crash=1 -runs=10000 <input>`), fix the bug, then commit the input under
# Fuzz/Regressions/<target>/ so FuzzReplayTests keeps replaying it.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(expression dynamo-request lambda-event parquet json sql)

product() {
    case "$1" in
        expression) echo FuzzExpression ;;
        dynamo-request) echo FuzzDynamoRequest ;;
        lambda-event) echo FuzzLambdaEvent ;;
        parquet) echo FuzzParquet ;;
        json) echo FuzzJSON ;;
        sql) echo FuzzSQL ;;
        *) echo "unknown target $1" >&2; exit 2 ;;
    esac
}
options() {
    case "$1" in
        expression) echo "-max_len=4200 -dict=Dictionaries/expression.dict" ;;
        dynamo-request | lambda-event | json) echo "-max_len=16384 -dict=Dictionaries/json.dict" ;;
        parquet) echo "-max_len=65536" ;;
        sql) echo "-max_len=4096 -dict=Dictionaries/sql.dict" ;;
    esac
}

echo "building the fuzz targets (release, -sanitize=fuzzer,address)…" >&2
BUILD_START=$(date +%s)
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 \
    | grep -v "Cannot export local symbol" | grep -E "error|warning: |Compiling|Build complete" | grep -v "^\[" >&2 || true
BIN=$(swift build -c release --show-bin-path)
echo "built in $(( $(date +%s) - BUILD_START )) s; load: $(uptime | sed 's/.*load average: //')" >&2

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Swift's runtime keeps metadata caches for the life of the process: not leaks.
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
FAILED=0
printf '%-15s %8s %12s %10s %8s %8s %8s %8s\n' target seconds execs execs/s cov ft corpus crashes
for target in "${TARGETS[@]}"; do
    binary="$BIN/$(product "$target")"
    mkdir -p "Findings/$target" "Regressions/$target" "$WORK/$target"
    before=$(find "Findings/$target" -type f | wc -l)
    # shellcheck disable=SC2046
    "$binary" "$WORK/$target" "Corpus/$target" "Regressions/$target" $(options "$target") \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="Findings/$target/" >"$WORK/$target.log" 2>&1 || true
    log="$WORK/$target.log"
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' || true)
    ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*' || true)
    corpus=$(echo "$last" | grep -o 'corp: [0-9]*' | grep -o '[0-9]*' || true)
    crashes=$(( $(find "Findings/$target" -type f | wc -l) - before ))
    printf '%-15s %8s %12s %10s %8s %8s %8s %8s\n' "$target" "$SECONDS_EACH" "${execs:-0}" "${rate:-0}" "${cov:-0}" "${ft:-0}" "${corpus:-0}" "$crashes"
    if [ -z "$execs" ]; then
        FAILED=1
        echo "$target did not run:" >&2
        grep -v "Cannot export local symbol" "$log" | tail -5 >&2
    elif [ "$crashes" -gt 0 ] || grep -q "ERROR: AddressSanitizer\|ERROR: libFuzzer\|Fatal error" "$log"; then
        FAILED=1
        grep -m1 -A12 "ERROR: \|Fatal error" "$log" >&2 || true
        echo "crash inputs: $(find "Findings/$target" -type f -newer "$log" -o -type f | tail -3 | tr '\n' ' ')" >&2
    fi
    if [ "${FUZZ_MERGE:-0}" = 1 ]; then
        "$binary" -merge=1 $(options "$target") "Corpus/$target" "$WORK/$target" >/dev/null 2>&1 || true
    fi
done
exit $FAILED
