#!/bin/sh
# Builds SluiceJSON's sources and main.swift as one optimized executable and runs it
# (avoids a release build of the whole package). Output: best of 50 runs per line.
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${TMPDIR:-/tmp}/sluice-json-bench
swiftc -O -parse-as-library -module-name JSONBench "$here"/../../Runtime/JSON/*.swift "$here/main.swift" -o "$out"
exec "$out" "$@"
