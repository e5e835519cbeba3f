#!/usr/bin/env bash
# Issue 5's benchmark: GET and POST /users/{id}/tasks through `sluice start-api` (release build) in front of
# the template's TasksFunction (Swift, release) on the embedded table, beside the same routes served by a
# Python handler (Benchmarks/crud_python/app.py, boto3) under awslambdaric on the same emulator, in one run.
#
# The table: one `sluice table serve` (the embedded SQLite engine over DynamoDB's wire protocol). Both
# start-api processes give their functions AWS_ENDPOINT_URL_DYNAMODB pointing at it, exactly as `sluice dev`
# does for its embedded table (dev would also run the stream → lake pipeline, which is not measured here).
# Both read the same seeded user and tasks, so a GET returns the same 20 tasks from either.
#   Benchmarks/crud.sh [--duration 15] [--connections 16] [--threads 1] [--concurrency 4] [--tasks 50]
# 16 connections on 4 instances keeps both busy without measuring queueing: with 64, p50 is about 16 service
# times and p99 says more about the queue than the stack (both are in Benchmarks/RESULTS.md).
# Prints requests/s, p50 and p99 for each route and server, and the ratio; then where each side's CPU goes
# (gateway, functions, table server), and a floor: the same gateway in front of a no-op Swift function on the
# GET route, which bounds the GET ratio any Swift function could reach with this gateway and table server.
# Needs wrk, awslambdaric and boto3.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=15; CONNECTIONS=16; THREADS=1; CONCURRENCY=4; TASKS=50
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) DURATION=$2; shift 2;;
        --connections) CONNECTIONS=$2; shift 2;;
        --threads) THREADS=$2; shift 2;;
        --concurrency) CONCURRENCY=$2; shift 2;;
        --tasks) TASKS=$2; shift 2;;
        *) echo "usage: $0 [--duration S] [--connections N] [--threads N] [--concurrency N] [--tasks N]" >&2; exit 2;;
    esac
done
command -v wrk >/dev/null || { echo "crud.sh: needs wrk (scripts/setup installs it)" >&2; exit 1; }
python3 -c "import awslambdaric, boto3" 2>/dev/null || { echo "crud.sh: needs awslambdaric and boto3 (scripts/setup)" >&2; exit 1; }

# One product per `swift build` (SwiftPM builds only the last of several --product); start-api loads every function.
for product in sluice Hello UsersAPI TasksAPI LakeETL NoopFunction; do swift build -c release --product "$product" >&2; done
SLUICE=$(swift build -c release --show-bin-path)/sluice

WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

wait_port() {  # log-file regex → port
    for _ in $(seq 1 600); do
        port=$(grep -oE "$2" "$1" | grep -oE '[0-9]+$' | head -1 || true)
        [ -n "$port" ] && { echo "$port"; return; }
        sleep 0.1
    done
    echo "crud.sh: server did not start: $(cat "$1")" >&2; exit 1
}

export SLUICE_JWT_SECRET=crud-benchmark-secret-0123456789
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1
"$SLUICE" table serve --port 0 --data "$WORK/data" --template template.yaml 2>"$WORK/table.log" &
PIDS+=($!); TABLE_PID=$!
TABLE_PORT=$(wait_port "$WORK/table.log" 'listening on 127\.0\.0\.1:[0-9]+')
export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:$TABLE_PORT

# Each start-api's log (its own lines and the functions' START/END/REPORT lines) goes to a file.
"$SLUICE" start-api --port 0 --skip-build -c release --max-concurrency "$CONCURRENCY" --data "$WORK/data" \
    2>"$WORK/ours.log" >/dev/null &
PIDS+=($!); OURS_PID=$!
"$SLUICE" start-api --port 0 --template Benchmarks/crud-python-template.yaml --max-concurrency "$CONCURRENCY" \
    --data "$WORK/data" 2>"$WORK/peer.log" >/dev/null &
PIDS+=($!); PEER_PID=$!
OURS=http://127.0.0.1:$(wait_port "$WORK/ours.log" 'listening on 127\.0\.0\.1:[0-9]+')
PEER=http://127.0.0.1:$(wait_port "$WORK/peer.log" 'listening on 127\.0\.0\.1:[0-9]+')

USER_ID=bench
TOKEN=$("$SLUICE" token --sub "$USER_ID" --data "$WORK/data")
api() {  # method url [body] → checks a 2xx
    local status
    status=$(curl -s -o "$WORK/reply" -w '%{http_code}' -X "$1" "$2" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' ${3:+--data "$3"})
    [[ $status == 2* ]] || { echo "crud.sh: $1 $2 → $status $(cat "$WORK/reply")" >&2; exit 1; }
}
api POST "$OURS/users" '{"email":"bench@example.com","name":"Bench"}'
for i in $(seq 1 "$TASKS"); do
    api POST "$OURS/users/$USER_ID/tasks" "{\"title\":\"Seed task $i\",\"priority\":\"medium\",\"tags\":[\"seed\"]}"
done
# Both answer the same first page (and warm one instance each).
for server in "$OURS" "$PEER"; do
    api GET "$server/users/$USER_ID/tasks"
    python3 -c "import json,sys; n=len(json.load(open(sys.argv[1]))['items']); assert n == 20, n" "$WORK/reply"
done

# CPU time (user + system, clock ticks) of a start-api, its function processes and the table server: on a
# shared machine req/s depends on what else runs, CPU per request much less.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_ticks() {  # start-api pid → "gateway functions table" ticks
    local functions=0 pid
    for pid in $(pgrep -P "$1"); do functions=$((functions + $(ticks "$pid"))); done
    echo "$(ticks "$1") $functions $(ticks "$TABLE_PID")"
}
TICK_MS=$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN { print 1000 / hz }')

run() {  # url start-api-pid mode → "rps p50 p99 cpu-ms-per-request gateway-ms functions-ms table-ms"
    local out non2xx before after requests
    before=$(cpu_ticks "$2")
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s Benchmarks/crud.lua "$1" -- "$3" "$TOKEN" "$USER_ID" 2>"$WORK/wrk.err")
    after=$(cpu_ticks "$2")
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    if [ -n "$non2xx" ]; then echo "crud.sh: $1 $3: $non2xx non-2xx responses (the script counts them, it does not read bodies) $(head -3 "$WORK/wrk.err")" >&2; fi
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1 == "50%" {print $2}') $(echo "$out" | awk '$1 == "99%" {print $2}')" \
        "$(awk -v a="$before" -v b="$after" -v ms="$TICK_MS" -v n="$requests" 'BEGIN {
            split(a, x, " "); split(b, y, " "); g = (y[1] - x[1]) * ms / n; f = (y[2] - x[2]) * ms / n; t = (y[3] - x[3]) * ms / n
            printf "%.3f %.3f %.3f %.3f", g + f + t, g, f, t }')"
}

# Warm every instance of both (up to --max-concurrency cold starts each), so the runs measure warm requests.
for server in "$OURS" "$PEER"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s Benchmarks/crud.lua "$server" -- get "$TOKEN" "$USER_ID" >/dev/null 2>&1 || true
done

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) before the run; sluice $(git rev-parse --short HEAD 2>/dev/null || echo '?') release"
echo "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per run; --max-concurrency $CONCURRENCY for both; $TASKS seeded tasks, GET returns 20"
echo "python: $(python3 --version), awslambdaric $(python3 -c 'import importlib.metadata as m; print(m.version("awslambdaric"))'), boto3 $(python3 -c 'import boto3; print(boto3.__version__)')"
echo "cpu/req: CPU time of the start-api, its function processes and the table server per request (ms); 2 cores / cpu/req = the rate on an idle machine"
printf "%-24s %12s %9s %9s %8s %12s %9s %9s %8s %7s %8s\n" "route" "sluice req/s" "p50" "p99" "cpu/req" "python req/s" "p50" "p99" "cpu/req" "ratio" "cpu ratio"
SPLITS=()
for mode in get post; do
    read -r o_rps o_p50 o_p99 o_cpu o_gw o_fn o_tb <<<"$(run "$OURS" "$OURS_PID" "$mode")"
    read -r p_rps p_p50 p_p99 p_cpu p_gw p_fn p_tb <<<"$(run "$PEER" "$PEER_PID" "$mode")"
    ratio=$(awk -v a="$o_rps" -v b="$p_rps" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }')
    cpu_ratio=$(awk -v a="$o_cpu" -v b="$p_cpu" 'BEGIN { if (a > 0) printf "%.1fx", b / a; else print "n/a" }')
    name=$([ "$mode" = get ] && echo "GET /users/{id}/tasks" || echo "POST /users/{id}/tasks")
    printf "%-24s %12s %9s %9s %8s %12s %9s %9s %8s %7s %8s\n" "$name" "$o_rps" "$o_p50" "$o_p99" "$o_cpu" "$p_rps" "$p_p50" "$p_p99" "$p_cpu" "$ratio" "$cpu_ratio"
    SPLITS+=("$(printf "%-24s %8s %9s %8s %8s %9s %8s" "$name" "$o_gw" "$o_fn" "$o_tb" "$p_gw" "$p_fn" "$p_tb")")
    [ "$mode" = get ] && { GET_TABLE=$o_tb; GET_PEER=$p_cpu; }
done
echo
echo "where the CPU of a request goes (ms): the gateway (start-api), the function processes, the table server"
printf "%-24s %8s %9s %8s %8s %9s %8s\n" "route" "gateway" "functions" "table" "gateway" "functions" "table"
printf "%-24s %27s %27s\n" "" "(sluice)" "(python)"
printf "%s\n" "${SPLITS[@]}"

# The floor: the same gateway and emulator in front of a Swift function that does nothing (it answers `null`)
# on the GET route. Any Swift function also needs the table server's answer, so (floor + our table share of a
# GET) is the least a GET can cost here, and the python peer's GET ÷ that bounds the GET ratio.
mkdir -p "$WORK/floor"
ln -s "$PWD/.build" "$WORK/floor/.build"  # start-api looks for bootstraps under the template's folder
cat >"$WORK/floor/template.yaml" <<YAML
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: JwtAuthorizer
        Authorizers:
          JwtAuthorizer:
            IdentitySource: \$request.header.Authorization
            JwtConfiguration: { issuer: https://sluice.local, audience: [sluice] }
  NoopFunction:
    Type: AWS::Serverless::Function
    Metadata: { SwiftProduct: NoopFunction }
    Properties:
      Runtime: provided.al2023
      Handler: bootstrap
      CodeUri: $PWD/Benchmarks/NoopFunction
      Events:
        ListUserTasks:
          Type: HttpApi
          Properties: { ApiId: !Ref HttpApi, Path: "/users/{userId}/tasks", Method: GET }
YAML
"$SLUICE" start-api --port 0 --template "$WORK/floor/template.yaml" --skip-build -c release --max-concurrency "$CONCURRENCY" \
    --data "$WORK/data" 2>"$WORK/floor.log" >/dev/null &
PIDS+=($!); FLOOR_PID=$!
FLOOR=http://127.0.0.1:$(wait_port "$WORK/floor.log" 'listening on 127\.0\.0\.1:[0-9]+')
wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s Benchmarks/crud.lua "$FLOOR" -- get "$TOKEN" "$USER_ID" >/dev/null 2>&1 || true
read -r f_rps _ _ _ f_gw f_fn _ <<<"$(run "$FLOOR" "$FLOOR_PID" get)"
awk -v rps="$f_rps" -v gw="$f_gw" -v fn="$f_fn" -v tb="$GET_TABLE" -v peer="$GET_PEER" 'BEGIN {
    least = gw + fn + tb
    printf "\nfloor: start-api + a no-op Swift function on the GET route: %.0f req/s, %.3f ms/req (gateway %.3f, function %.3f)\n", rps, gw + fn, gw, fn
    printf "       with our table server'"'"'s share of a GET (%.3f ms): %.3f ms, so the GET cpu ratio cannot pass %.1fx (python %.3f ms)\n", tb, least, peer / least, peer }'
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
