"""Hostile requests to the DynamoDB endpoint, executed: the `dynamo-request` fuzz corpus (one seed per
operation and what the fuzzer grew from them) and random byte mutations of it, sent for a while to a real
`sluice table serve` whose table the seeds name. The fuzz target only decodes and validates requests; this
runs them through the engine too.

Every answer must be 200, or a 4xx whose body is JSON with `__type` or `message`; a 5xx, a dropped
connection or a dead server fails the run. Prints a `RESULT {json}` line; exits 1 when a check failed.

    python3 Reliability/wire_mutations.py --seconds 120 [--sluice .build/release/sluice]
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from stack import REPO, Client, free_port, mutate, mutation_driver

MUTATIONS = [b"{", b"}", b"[", b"]", b'"', b",", b"\\u0000", b"1e400", b"-0", b'{"M":{}}', b'{"NULL":true}',
             b"99999999999999999999999999999999999999999", b'{"L":[{"L":[]}]}', b"\xff\xfe"]


def seeds(corpus):
    """(target, body) per corpus file; the seeds' table `T` becomes `Tbl` (table names have 3 characters or more)."""
    out = []
    for name in sorted(os.listdir(corpus)):
        with open(os.path.join(corpus, name), "rb") as f:
            op, _, body = f.read().partition(b"\n")
        try:
            target = op.decode("ascii")
        except UnicodeDecodeError:
            continue  # not sendable as a header
        if not target.isprintable() or '"' in target:
            continue  # the HTTP parser refuses it before any operation (a documented 400)
        body = body.replace(b'"TableName":"T"', b'"TableName":"Tbl"').replace(b'"T":', b'"Tbl":')
        out.append((target if "." in target else "DynamoDB_20120810." + target, body))
    return out


def main():
    args, rng, sluice = mutation_driver(__doc__, seed=7)
    data, port = tempfile.mkdtemp(prefix="sluice-wire-"), free_port()
    server = subprocess.Popen([sluice, "table", "serve", "--port", str(port), "--data", data, "--template", os.path.join(data, "none.yaml")],
                              stderr=subprocess.DEVNULL, cwd=REPO)
    client = Client(port, timeout=10)

    def call(target, body):
        return client.request("POST", "/", body, {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": target})

    for _ in range(100):
        try:
            call("DynamoDB_20120810.ListTables", b"{}")
            break
        except OSError:
            time.sleep(0.1)
    status, body = call("DynamoDB_20120810.CreateTable", json.dumps({
        "TableName": "Tbl", "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "g", "AttributeType": "S"}],
        "GlobalSecondaryIndexes": [{"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}],
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}}).encode())
    if status != 200:
        raise SystemExit(f"CreateTable: {status} {body[:200]}")

    pool = seeds(os.path.join(REPO, "Fuzz", "Corpus", "dynamo-request"))
    failures, statuses, sent = [], {}, 0
    start = time.time()
    while time.time() - start < args.seconds:
        target, body = pool[sent] if sent < len(pool) else rng.choice(pool)
        if sent >= len(pool) and rng.random() < 0.7:
            body = mutate(rng, body, MUTATIONS)
        try:
            status, reply = call(target, body)
        except Exception as error:  # a dropped connection or no answer
            failures.append(f"{target} {body[:120]!r}: {error}")
            if server.poll() is not None:
                failures.append(f"the server exited with {server.returncode}")
                break
            continue
        sent += 1
        statuses[status] = statuses.get(status, 0) + 1
        if status >= 500 or (status != 200 and b"__type" not in reply and b"message" not in reply):
            failures.append(f"{status} {target} {body[:120]!r} → {reply[:200]!r}")
    alive = server.poll() is None
    server.terminate()
    server.wait()
    result = {"seconds": args.seconds, "requests": sent, "statuses": {str(k): v for k, v in sorted(statuses.items())},
              "failures": len(failures), "server_alive_at_end": alive, "seeds": len(pool)}
    for line in failures[:20]:
        print("FAIL", line)
    print("RESULT " + json.dumps(result))
    sys.exit(0 if not failures and alive else 1)


if __name__ == "__main__":
    main()
