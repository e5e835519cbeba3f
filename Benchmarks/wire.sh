#!/usr/bin/env bash
# The DynamoDB wire endpoint under load: `sluice table serve` (release build) against moto's server,
# same wrk script, same run. PutItem with random keys, then GetItem of existing keys.
#   Benchmarks/wire.sh [--duration 10] [--connections 8] [--threads 1] [--keys 1000]
# One wrk thread drives the 8 connections: the generator shares the 2 cores with the server under test.
# Prints requests/s and p99 latency for both, and the ratio. Needs wrk (apt) and moto[server] (pip).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=10; CONNECTIONS=8; THREADS=1; KEYS=1000
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) DURATION=$2; shift 2;;
        --connections) CONNECTIONS=$2; shift 2;;
        --threads) THREADS=$2; shift 2;;
        --keys) KEYS=$2; shift 2;;
        *) echo "usage: $0 [--duration S] [--connections N] [--threads N] [--keys N]" >&2; exit 2;;
    esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null; then
    echo "wire.sh: installing wrk" >&2
    as_root apt-get install -y -qq wrk >/dev/null 2>&1 || { as_root apt-get update -qq >/dev/null; as_root apt-get install -y -qq wrk >/dev/null; }
fi
python3 -c "import moto.server" 2>/dev/null || { echo "wire.sh: needs moto[server] (scripts/setup installs it)" >&2; exit 1; }

swift build -c release --product sluice >&2
SLUICE=$(swift build -c release --show-bin-path)/sluice

WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

wait_port() {  # file regex → port
    for _ in $(seq 1 300); do
        port=$(grep -oE "$2" "$1" | grep -oE '[0-9]+$' | head -1 || true)
        [ -n "$port" ] && { echo "$port"; return; }
        sleep 0.1
    done
    echo "wire.sh: server did not start: $(cat "$1")" >&2; exit 1
}

"$SLUICE" table serve --port 0 --data "$WORK/data" --template "$WORK/none.yaml" 2>"$WORK/sluice.log" &
PIDS+=($!)
python3 -m moto.server -p 0 >"$WORK/moto.log" 2>&1 &
PIDS+=($!)
SLUICE_PORT=$(wait_port "$WORK/sluice.log" 'listening on 127\.0\.0\.1:[0-9]+')
MOTO_PORT=$(wait_port "$WORK/moto.log" 'Running on http://127\.0\.0\.1:[0-9]+')

AUTH="Authorization: AWS4-HMAC-SHA256 Credential=AKIDBENCH/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0000"
call() {  # port operation json
    curl -sf -X POST "http://127.0.0.1:$1/" -H "Content-Type: application/x-amz-json-1.0" -H "$AUTH" \
        -H "X-Amz-Date: 20250101T000000Z" -H "X-Amz-Target: DynamoDB_20120810.$2" --data "$3" >/dev/null \
        || { echo "wire.sh: $2 failed on port $1" >&2; exit 1; }
}
for port in "$SLUICE_PORT" "$MOTO_PORT"; do
    call "$port" CreateTable '{"TableName":"Bench","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}'
    # Every key exists before the GetItem run (batches of 25).
    for ((start = 0; start < KEYS; start += 25)); do
        requests=""
        for ((key = start; key < start + 25 && key < KEYS; key++)); do
            requests+="${requests:+,}{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"k$key\"},\"n\":{\"N\":\"$key\"},\"payload\":{\"S\":\"benchmark payload 0123456789\"}}}}"
        done
        call "$port" BatchWriteItem "{\"RequestItems\":{\"Bench\":[$requests]}}"
    done
done

run() {  # name port mode → "rps p99_ms"
    local out
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s Benchmarks/wire.lua "http://127.0.0.1:$2/" -- "$3" Bench "$KEYS" 2>"$WORK/wrk.err")
    echo "$out" > "$WORK/$1-$3.txt"
    local rps p99 non2xx
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    if [ -n "$non2xx" ]; then echo "wire.sh: $1 $3: $non2xx non-2xx responses (the script counts them, it does not read bodies) $(head -3 "$WORK/wrk.err")" >&2; fi
    echo "$rps $p99"
}

echo "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per run, $KEYS keys; sluice $(git rev-parse --short HEAD 2>/dev/null || echo '?') release; moto $(python3 -c 'import moto; print(moto.__version__)')"
printf "%-8s %14s %10s %14s %10s %8s\n" "op" "sluice req/s" "p99" "moto req/s" "p99" "ratio"
for mode in put get; do
    read -r s_rps s_p99 <<<"$(run sluice "$SLUICE_PORT" "$mode")"
    read -r m_rps m_p99 <<<"$(run moto "$MOTO_PORT" "$mode")"
    ratio=$(awk -v a="$s_rps" -v b="$m_rps" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }')
    name=$([ "$mode" = put ] && echo PutItem || echo GetItem)
    printf "%-8s %14s %10s %14s %10s %8s\n" "$name" "$s_rps" "$s_p99" "$m_rps" "$m_p99" "$ratio"
done
