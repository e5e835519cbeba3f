#!/usr/bin/env python3
"""Load: mixed HTTP API and DynamoDB traffic on 64 keep-alive connections against one `sluice dev` for a while.

Half the connections are API clients (each its own user: POST, GET, PATCH a task, list tasks), half DynamoDB clients
(PutItem, GetItem with a consistent read, Query on their own partition). Every answer is checked (status and
content: a read returns what that client last wrote). Once a second the resident memory of `sluice dev` and of the
bootstraps it runs is sampled from /proc/<pid>/status.

Prints requests, status codes (5xx must be 0), wrong answers (must be 0), p50/p99 per kind, and the resident
memory at the start and the end of the last half with its growth: of `sluice dev` split into anonymous memory (heap,
stacks) and mapped files (SQLite maps `table.db` with `mmap_size` = 1 GiB, so that part follows the size of the
database, not the age of the process), and of the bootstraps. Exits 1 on any 5xx, wrong answer, transport error, or
growth of the anonymous or bootstrap memory above --max-growth-percent.

Usage: Reliability/load.py [--seconds 600] [--connections 64] [--max-growth-percent 10]
"""
import argparse
import json
import multiprocessing
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


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {}   # kind → [seconds]
        self.codes = {}       # code → count
        self.wrong = []       # descriptions of wrong answers
        self.transport = 0

    def record(self, kind, code, seconds, ok, detail=""):
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.codes[code] = self.codes.get(code, 0) + 1
            if not ok and len(self.wrong) < 1000:
                self.wrong.append(f"{kind}: {code} {detail}"[:300])


def measure(tally, kind, call, check):
    """Times one request and records it; `check(code, body)` says whether the answer is right. Returns (code, body),
    or (None, None) when the connection failed."""
    started = time.perf_counter()
    try:
        code, body = call()
    except OSError as error:
        with tally.lock:
            tally.transport += 1
            tally.wrong.append(f"{kind}: transport error {error}")
        return None, None
    tally.record(kind, code, time.perf_counter() - started, check(code, body), str(body)[:200])
    return code, body


def api_client(index, port, token, tally, stop, rng):
    user = f"load-u{index}"
    api = stack.API(port, timeout=60)
    code, body = api.call("POST", "/users", token, {"email": f"{user}@example.com", "name": user})
    if code not in (201, 409):
        tally.record("api-setup", code, 0, False, str(body))
        return
    tasks = {}  # id → last title written
    n = 0
    while not stop.is_set():
        n += 1
        roll = rng.random()
        if not tasks or roll < 0.25:
            title = f"{user}-{n}"
            code, body = measure(tally, "api POST task",
                                 lambda: api.call("POST", f"/users/{user}/tasks", token, {"title": title}),
                                 lambda c, b: c == 201 and b.get("title") == title)
            if code == 201 and body.get("title") == title:
                tasks[body["id"]] = title
        elif roll < 0.65:
            task = rng.choice(list(tasks))
            measure(tally, "api GET task", lambda: api.call("GET", f"/users/{user}/tasks/{task}", token),
                    lambda c, b: c == 200 and b.get("title") == tasks[task])
        elif roll < 0.85:
            measure(tally, "api GET tasks", lambda: api.call("GET", f"/users/{user}/tasks?limit=20", token),
                    lambda c, b: c == 200 and isinstance(b.get("items"), list))
        else:
            task = rng.choice(list(tasks))
            title = f"{user}-{n}-p"
            code, body = measure(tally, "api PATCH task",
                                 lambda: api.call("PATCH", f"/users/{user}/tasks/{task}", token, {"title": title}),
                                 lambda c, b: c == 200 and b.get("title") == title)
            if code == 200 and body.get("title") == title:
                tasks[task] = title


def dynamo_client(index, port, tally, stop, rng, items=50):
    dynamo = stack.Dynamo(port, timeout=60)
    pk = f"LOAD#{index}"
    written = {}
    n = 0
    while not stop.is_set():
        n += 1
        roll = rng.random()
        sk = f"ITEM#{rng.randrange(items)}"
        if not written or roll < 0.3:
            item = {"PK": {"S": pk}, "SK": {"S": sk}, "v": {"N": str(n)}, "payload": {"S": "x" * rng.randrange(10, 400)}}
            code, _ = measure(tally, "ddb PutItem", lambda: dynamo.call("PutItem", {"TableName": TABLE, "Item": item}),
                              lambda c, b: c == 200)
            if code == 200:
                written[sk] = str(n)
        elif roll < 0.8:
            sk = rng.choice(list(written))
            measure(tally, "ddb GetItem", lambda: dynamo.call("GetItem", {
                "TableName": TABLE, "Key": {"PK": {"S": pk}, "SK": {"S": sk}}, "ConsistentRead": True}),
                lambda c, b: c == 200 and b.get("Item", {}).get("v", {}).get("N") == written[sk])
        else:
            measure(tally, "ddb Query", lambda: dynamo.call("Query", {
                "TableName": TABLE, "KeyConditionExpression": "PK = :pk", "Limit": 20,
                "ExpressionAttributeValues": {":pk": {"S": pk}}}),
                lambda c, b: c == 200 and 0 < b.get("Count", 0) <= 20)


def drive(indexes, api_clients, api_port, table_port, tokens, seconds, queue):
    """One driver process: a thread per connection index (API clients first, then DynamoDB clients)."""
    tally, stop = Tally(), threading.Event()
    threads = []
    for i in indexes:
        if i < api_clients:
            threads.append(threading.Thread(target=api_client, args=(i, api_port, tokens[i], tally, stop, random.Random(i))))
        else:
            threads.append(threading.Thread(
                target=dynamo_client, args=(i - api_clients, table_port, tally, stop, random.Random(1000 + i))))
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    queue.put({"latencies": tally.latencies, "codes": tally.codes, "wrong": tally.wrong, "transport": tally.transport})


def sampler(dev, samples, stop):
    started = time.time()
    while not stop.is_set():
        pid = dev.proc.pid
        total = dev.rss_kb()
        samples.append((time.time() - started, stack.rss_kb(pid), total, stack.rss_kb(pid, "RssAnon"),
                        stack.rss_kb(pid, "RssFile"), total - stack.rss_kb(pid)))
        stop.wait(1.0)


def growth(samples, column):
    """Resident memory (MB) at the start and the end of the last half (medians of its first and last tenth)."""
    half = samples[len(samples) // 2:]
    if len(half) < 4:
        return 0, 0, 0
    tenth = max(1, len(half) // 10)
    start = sorted(s[column] for s in half[:tenth])[tenth // 2] / 1024
    end = sorted(s[column] for s in half[-tenth:])[tenth // 2] / 1024
    return round(start, 1), round(end, 1), round((end - start) / start * 100, 1) if start else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--max-growth-percent", type=float, default=10.0,
                        help="of sluice dev's anonymous memory and of the bootstraps' memory over the last half")
    parser.add_argument("--processes", type=int, default=4, help="driver processes sharing the connections")
    parser.add_argument("--sluice", default=None)
    args = parser.parse_args()
    sluice = stack.sluice_binary(args.sluice)
    data = tempfile.mkdtemp(prefix="sluice-load-")
    api_port, table_port = stack.free_port(), stack.free_port()
    api_clients = args.connections // 2
    tokens = [stack.token(sluice, data, f"load-u{i}") for i in range(api_clients)]
    dev = stack.DevProcess(sluice, data, table_port, api_port, os.path.join(data, "dev.log"))
    dev.wait_ready()
    print(f"load: {args.connections} connections for {args.seconds:.0f} s; load average before: "
          f"{open('/proc/loadavg').read().split()[:3]}", flush=True)
    stop, sampling = threading.Event(), threading.Event()
    samples = []
    watcher = threading.Thread(target=sampler, args=(dev, samples, sampling))
    watcher.start()
    # Several driver processes, so the driver's own lock (Python's GIL) does not queue the requests it times.
    processes = max(1, min(args.processes, args.connections))
    queue = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=drive, args=(
        [i for i in range(args.connections) if i % processes == p], api_clients, api_port, table_port, tokens,
        args.seconds, queue)) for p in range(processes)]
    started = time.time()
    for w in workers:
        w.start()
    tally = Tally()
    for _ in workers:
        part = queue.get()
        for kind, values in part["latencies"].items():
            tally.latencies.setdefault(kind, []).extend(values)
        for code, count in part["codes"].items():
            tally.codes[code] = tally.codes.get(code, 0) + count
        tally.wrong += part["wrong"]
        tally.transport += part["transport"]
    for w in workers:
        w.join()
    elapsed = time.time() - started
    sampling.set()
    watcher.join()
    loadavg = open("/proc/loadavg").read().split()[:3]
    exit_status = dev.stop()
    log_tail = dev.tail(600)

    server_errors = sum(v for k, v in tally.codes.items() if k >= 500)
    total = sum(len(v) for v in tally.latencies.values())
    kinds = {kind: {"requests": len(v), "p50ms": round(stack.percentile(v, 50) * 1000, 2),
                    "p99ms": round(stack.percentile(v, 99) * 1000, 2)} for kind, v in sorted(tally.latencies.items())}
    everything = [x for v in tally.latencies.values() for x in v]
    dev_start, dev_end, dev_growth = growth(samples, 1)
    all_start, all_end, all_growth = growth(samples, 2)
    anon_start, anon_end, anon_growth = growth(samples, 3)
    file_start, file_end, file_growth = growth(samples, 4)
    boot_start, boot_end, boot_growth = growth(samples, 5)
    result = {
        "seconds": round(elapsed, 1), "connections": args.connections, "requests": total,
        "requestsPerSecond": round(total / elapsed, 1), "codes": {str(k): v for k, v in sorted(tally.codes.items())},
        "serverErrors": server_errors, "wrongAnswers": len(tally.wrong), "transportErrors": tally.transport,
        "p50ms": round(stack.percentile(everything, 50) * 1000, 2), "p99ms": round(stack.percentile(everything, 99) * 1000, 2),
        "kinds": kinds, "rssDevMB": [dev_start, dev_end], "rssDevGrowthPercent": dev_growth,
        "rssAllMB": [all_start, all_end], "rssAllGrowthPercent": all_growth,
        "rssDevAnonMB": [anon_start, anon_end], "rssDevAnonGrowthPercent": anon_growth,
        "rssDevFileMB": [file_start, file_end], "rssDevFileGrowthPercent": file_growth,
        "rssBootstrapsMB": [boot_start, boot_end], "rssBootstrapsGrowthPercent": boot_growth,
        "rssDevAnonMBEveryMinute": [round(x[3] / 1024, 1) for x in samples[::60]],
        "rssDevFileMBEveryMinute": [round(x[4] / 1024, 1) for x in samples[::60]],
        "rssSamples": len(samples), "rssDevMBEveryMinute": [round(x[1] / 1024, 1) for x in samples[::60]],
        "rssAllMBEveryMinute": [round(x[2] / 1024, 1) for x in samples[::60]],
        "loadAverageAfter": loadavg, "driverProcesses": processes, "devExit": exit_status,
    }
    print(f"requests: {total} in {elapsed:.0f} s ({result['requestsPerSecond']}/s), codes {result['codes']}")
    print(f"5xx: {server_errors}, wrong answers: {len(tally.wrong)}, transport errors: {tally.transport}")
    print(f"latency p50 {result['p50ms']} ms, p99 {result['p99ms']} ms")
    for kind, figures in kinds.items():
        print(f"  {kind:16} {figures['requests']:8} requests  p50 {figures['p50ms']:8} ms  p99 {figures['p99ms']:8} ms")
    print(f"resident memory over the last half: sluice dev {dev_start} → {dev_end} MB ({dev_growth:+}%): "
          f"anonymous {anon_start} → {anon_end} MB ({anon_growth:+}%), mapped files (SQLite's mmap of table.db) "
          f"{file_start} → {file_end} MB ({file_growth:+}%); its bootstraps {boot_start} → {boot_end} MB ({boot_growth:+}%)")
    for wrong in tally.wrong[:10]:
        print("WRONG: " + wrong)
    print("RESULT " + json.dumps(result, sort_keys=True), flush=True)
    ok = (server_errors == 0 and not tally.wrong and tally.transport == 0 and exit_status == 0
          and anon_growth <= args.max_growth_percent and boot_growth <= args.max_growth_percent)
    if not ok:
        print(f"sluice dev log (tail): {log_tail}")
    if ok:
        shutil.rmtree(data, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
