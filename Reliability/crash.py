#!/usr/bin/env python3
"""Crash recovery: `sluice dev` under a write load through the HTTP API and the DynamoDB endpoint, killed with
SIGKILL at random moments and restarted on the same data folder and ports; then, after the lake catches up:

- every acknowledged write is in the table (an item may hold a later write whose answer was lost in a kill);
- the stream holds exactly the changes that were made, in order per item (no gaps, no repeats, nothing unasked);
- every stream record is in the lake exactly once, by `_seq`, and no stray Parquet file is visible;
- the failure file is empty (nothing failed on purpose here);
- no bootstrap outlives a killed `sluice dev` (orphans must end by themselves).

Usage: Reliability/crash.py [--kills 20] [--min-gap 1] [--max-gap 4] [--api-writers 4] [--dynamo-writers 4]
Prints the figures and a last line `RESULT {json}`; exits 1 when a check fails.
"""
import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stack  # noqa: E402

TABLE = "AppTable"


class Ledger:
    """What the writers attempted and what was acknowledged, per item."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acked = 0
        self.answers = {}            # status code → count (non-2xx are not acknowledged)
        self.lost_answers = 0        # requests whose answer never came (connection died)
        self.item_attempts = {}      # (PK, SK) → set of values attempted (v for raw items, title for tasks)
        self.item_acks = {}          # (PK, SK) → list of acknowledged values, in order
        self.created_titles = set()  # titles of task creations (acknowledged or not)

    def answer(self, code):
        with self.lock:
            self.answers[code] = self.answers.get(code, 0) + 1

    def attempt(self, key, value):
        with self.lock:
            self.item_attempts.setdefault(key, set()).add(value)

    def ack(self, key, value):
        with self.lock:
            self.acked += 1
            self.item_acks.setdefault(key, []).append(value)


def api_writer(index, port, token, ledger, stop, rng):
    user = f"crash-a{index}"
    api = stack.API(port, timeout=30)
    tasks = []
    profile = False
    n = 0
    while not stop.is_set():
        n += 1
        try:
            if not profile:
                ledger.attempt((f"USER#{user}", "PROFILE"), user)
                code, body = api.call("POST", "/users", token, {"email": f"{user}@example.com", "name": user})
                ledger.answer(code)
                if code == 201:
                    ledger.ack((f"USER#{user}", "PROFILE"), user)
                profile = code in (201, 409)
                continue
            if not tasks or rng.random() < 0.35:
                title = f"{user}-n{n}"
                ledger.created_titles.add(title)
                code, body = api.call("POST", f"/users/{user}/tasks", token, {"title": title})
                ledger.answer(code)
                if code == 201:
                    key = (f"USER#{user}", f"TASK#{body['id']}")
                    ledger.attempt(key, title)
                    ledger.ack(key, title)
                    tasks.append(body["id"])
            else:
                task = rng.choice(tasks)
                key = (f"USER#{user}", f"TASK#{task}")
                title = f"{user}-n{n}"
                ledger.attempt(key, title)
                code, body = api.call("PATCH", f"/users/{user}/tasks/{task}", token, {"title": title})
                ledger.answer(code)
                if code == 200:
                    ledger.ack(key, title)
        except (OSError, ValueError, KeyError) as error:
            if isinstance(error, (ValueError, KeyError)):
                print(f"api writer {index}: unexpected answer: {error}", file=sys.stderr)
            with ledger.lock:
                ledger.lost_answers += 1
            time.sleep(0.05)


def dynamo_writer(index, port, ledger, stop, rng, items=8):
    dynamo = stack.Dynamo(port, timeout=30)
    n = 0
    while not stop.is_set():
        n += 1
        k = rng.randrange(items)
        key = (f"DDB#w{index}", f"ITEM#{k}")
        value = str(n)
        ledger.attempt(key, value)
        try:
            if rng.random() < 0.4:
                code, _ = dynamo.call("PutItem", {"TableName": TABLE, "Item": {
                    "PK": {"S": key[0]}, "SK": {"S": key[1]}, "v": {"N": value}, "writer": {"N": str(index)}}})
            else:
                code, _ = dynamo.call("UpdateItem", {
                    "TableName": TABLE, "Key": {"PK": {"S": key[0]}, "SK": {"S": key[1]}},
                    "UpdateExpression": "SET v = :v, writer = :w",
                    "ExpressionAttributeValues": {":v": {"N": value}, ":w": {"N": str(index)}}})
            ledger.answer(code)
            if code == 200:
                ledger.ack(key, value)
        except OSError:
            with ledger.lock:
                ledger.lost_answers += 1
            time.sleep(0.05)


def value_of(image, key):
    """The value a writer put: `v` of raw items, `title` of tasks, `id` of profiles."""
    if image is None:
        return None
    if key[0].startswith("DDB#"):
        return image.get("v", {}).get("N")
    if key[1].startswith("TASK#"):
        return image.get("title", {}).get("S")
    return image.get("id", {}).get("S")


def verify(ledger, dynamo, lake, data):
    problems = []
    table = {(i["PK"]["S"], i["SK"]["S"]): i for i in stack.scan(dynamo, TABLE)}
    shards = stack.read_stream(dynamo, TABLE)
    per_item = {}
    sequence_numbers = []
    for records in shards.values():
        for record in records:
            keys = record["dynamodb"]["Keys"]
            key = (keys["PK"]["S"], keys["SK"]["S"])
            per_item.setdefault(key, []).append(record)
            sequence_numbers.append(int(record["dynamodb"]["SequenceNumber"]))

    lost = 0
    stream_problems = 0
    for key, acks in ledger.item_acks.items():
        records = per_item.get(key, [])
        seen = [value_of(r["dynamodb"].get("NewImage"), key) for r in records]
        # Every acknowledged write made a change, so it has a stream record.
        missing = [a for a in acks if a not in seen]
        lost += len(missing)
        if missing:
            problems.append(f"{key}: acknowledged writes without a stream record: {missing[:5]}")
        # The table holds the last acknowledged write or a later attempt.
        final = value_of(table.get(key), key)
        later = seen[seen.index(acks[-1]) + 1:] if acks[-1] in seen else []
        if final != acks[-1] and final not in later:
            problems.append(f"{key}: table holds {final!r}, last acknowledged {acks[-1]!r}")
            lost += 0 if missing else 1
    for key, records in per_item.items():
        if key[0].startswith("EMAIL#"):
            continue  # the email guards of the profiles: written by the API beside each profile
        attempted = ledger.item_attempts.get(key, set())
        seen = [value_of(r["dynamodb"].get("NewImage"), key) for r in records]
        if key[1].startswith("TASK#") and key not in ledger.item_attempts:
            # A task whose creation was not acknowledged (so no writer knows its id): its title must be one sent.
            if seen and seen[0] not in ledger.created_titles:
                problems.append(f"{key}: stream holds a task nobody created: {seen[0]!r}")
                stream_problems += 1
            continue
        unasked = [v for v in seen if v not in attempted]
        repeats = len(seen) - len(set(seen))
        if unasked or repeats:
            stream_problems += len(unasked) + repeats
            problems.append(f"{key}: stream values {seen} (unasked {unasked}, repeats {repeats})")
        images = [r["dynamodb"].get("NewImage", {}) for r in records]
        versions = [int(image["version"]["N"]) for image in images if "version" in image]
        if versions and versions != list(range(versions[0], versions[0] + len(versions))):
            stream_problems += 1
            problems.append(f"{key}: versions out of order or with gaps: {versions}")
        if key[0].startswith("DDB#"):
            numbers = [int(v) for v in seen]
            if numbers != sorted(numbers):
                stream_problems += 1
                problems.append(f"{key}: stream out of order: {numbers}")
        last = value_of(records[-1]["dynamodb"].get("NewImage"), key) if records else None
        if last != value_of(table.get(key), key):
            stream_problems += 1
            problems.append(f"{key}: last stream image {last!r} differs from the table {value_of(table.get(key), key)!r}")
    for key in table:
        if key not in per_item:
            stream_problems += 1
            problems.append(f"{key}: in the table without a stream record")
    if len(sequence_numbers) != len(set(sequence_numbers)):
        stream_problems += len(sequence_numbers) - len(set(sequence_numbers))
        problems.append("the stream repeats sequence numbers")

    lake_seqs, lake_rows, strays = stack.read_lake(lake)
    duplicated = len(lake_seqs) - len(set(lake_seqs))
    missing_in_lake = set(sequence_numbers) - set(lake_seqs)
    unknown_in_lake = set(lake_seqs) - set(sequence_numbers)
    if duplicated:
        problems.append(f"{duplicated} rows duplicated in the lake")
    if missing_in_lake:
        problems.append(f"{len(missing_in_lake)} stream records missing from the lake, e.g. {sorted(missing_in_lake)[:3]}")
    if unknown_in_lake:
        problems.append(f"{len(unknown_in_lake)} lake rows match no stream record")
    if strays:
        problems.append(f"Parquet files not in a manifest: {strays[:5]}")
    failures = stack.read_failures(data)
    if failures:
        problems.append(f"{len(failures)} failure records: {json.dumps(failures[0])[:300]}")
    return {
        "itemsInTable": len(table), "streamRecords": len(sequence_numbers), "lakeRows": len(lake_seqs),
        "lakeRowsByDataset": lake_rows, "lost": lost, "streamProblems": stream_problems,
        "duplicatedInLake": duplicated, "missingFromLake": len(missing_in_lake), "strayParquetFiles": len(strays),
        "failureRecords": len(failures), "problems": problems,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--min-gap", type=float, default=1.0, help="seconds of load after a restart, at least")
    parser.add_argument("--max-gap", type=float, default=4.0, help="seconds of load after a restart, at most")
    parser.add_argument("--api-writers", type=int, default=4)
    parser.add_argument("--dynamo-writers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--sluice", default=None)
    parser.add_argument("--keep", action="store_true", help="keep the data folder")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    sluice = stack.sluice_binary(args.sluice)
    data = tempfile.mkdtemp(prefix="sluice-crash-")
    lake = os.path.join(data, "lake")
    log = os.path.join(data, "dev.log")
    table_port, api_port = stack.free_port(), stack.free_port()
    print(f"crash recovery: {args.kills} kills, seed {seed}, data {data}", flush=True)

    tokens = [stack.token(sluice, data, f"crash-a{i}") for i in range(args.api_writers)]
    ledger = Ledger()
    dev = stack.DevProcess(sluice, data, table_port, api_port, log)
    dev.wait_ready()
    stop = threading.Event()
    threads = [threading.Thread(target=api_writer, args=(i, api_port, tokens[i], ledger, stop, random.Random(rng.random())))
               for i in range(args.api_writers)]
    threads += [threading.Thread(target=dynamo_writer, args=(i, table_port, ledger, stop, random.Random(rng.random())))
                for i in range(args.dynamo_writers)]
    for t in threads:
        t.start()

    killed_sessions = []
    restarts = []
    orphan_kills = 0
    started = time.time()
    try:
        for k in range(args.kills):
            time.sleep(rng.uniform(args.min_gap, args.max_gap))
            whole = rng.random() < 0.5
            orphan_kills += 0 if whole else 1
            dev.kill(whole_session=whole)
            killed_sessions.append(dev)
            spawn = time.time()
            dev = stack.DevProcess(sluice, data, table_port, api_port, log)
            restarts.append(dev.wait_ready() - spawn)
            print(f"  kill {k + 1}: {'session' if whole else 'sluice dev only'}, acknowledged so far {ledger.acked}, "
                  f"restarted in {restarts[-1]:.2f} s", flush=True)
        time.sleep(rng.uniform(args.min_gap, args.max_gap))
    finally:
        stop.set()
        for t in threads:
            t.join()
    load_seconds = time.time() - started
    orphans_left = sum(0 if old.wait_session_gone(timeout=30) else 1 for old in killed_sessions)

    dynamo = stack.Dynamo(table_port)
    records = sum(len(r) for r in stack.read_stream(dynamo, TABLE).values())
    caught = time.time()
    final_status = stack.wait_caught_up(api_port, records)
    catch_up = time.time() - caught
    result = verify(ledger, dynamo, lake, data)
    exit_status = dev.stop()
    if orphans_left:
        result["problems"].append(f"{orphans_left} killed sessions still have processes 30 s later")
    if exit_status != 0:
        result["problems"].append(f"the last sluice dev exited with {exit_status} on SIGINT")
    result.update({
        "kills": args.kills, "killsOfDevOnly": orphan_kills, "seed": seed, "acknowledged": ledger.acked,
        "answersLost": ledger.lost_answers, "answers": {str(k): v for k, v in sorted(ledger.answers.items())},
        "loadSeconds": round(load_seconds, 1), "catchUpSeconds": round(catch_up, 1),
        "restartSecondsMean": round(sum(restarts) / len(restarts), 2) if restarts else 0,
        "restartSecondsMax": round(max(restarts), 2) if restarts else 0, "orphanedSessionsLeft": orphans_left,
        "mappingErrors": sum(m.get("errors", 0) for m in final_status.get("mappings", [])),
    })
    print(f"writes acknowledged: {ledger.acked}")
    print(f"lost: {result['lost']}")
    print(f"duplicated in lake: {result['duplicatedInLake']}")
    print(f"stream records: {result['streamRecords']}, lake rows: {result['lakeRows']} {result['lakeRowsByDataset']}, "
          f"missing from lake: {result['missingFromLake']}, stream problems: {result['streamProblems']}, "
          f"failure records: {result['failureRecords']}")
    print(f"answers: {result['answers']}, answers lost in kills: {ledger.lost_answers}")
    print(f"restart to ready: mean {result['restartSecondsMean']} s, max {result['restartSecondsMax']} s; "
          f"catch-up after the load: {result['catchUpSeconds']} s")
    for problem in result["problems"][:20]:
        print("PROBLEM: " + problem)
    print("RESULT " + json.dumps(result, sort_keys=True), flush=True)
    ok = not result["problems"] and result["lost"] == 0 and result["duplicatedInLake"] == 0
    if ok and not args.keep:
        shutil.rmtree(data, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
