"""Shared parts of the reliability drivers: start/kill/stop `sluice dev`, talk to its HTTP API and its
DynamoDB endpoint over plain keep-alive HTTP, read its stream and its lake.

Nothing here is mocked: every call goes over loopback to a real `sluice dev` process.
"""
import argparse
import atexit
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sluice_binary(explicit=None):
    path = explicit or os.environ.get("SLUICE_BIN") or os.path.join(REPO, ".build", "debug", "sluice")
    if not os.access(path, os.X_OK):
        raise SystemExit(f"no sluice executable at {path} (swift build --product sluice, or pass --sluice)")
    return path


def token(sluice, data, sub, groups=None):
    args = [sluice, "token", "--sub", sub, "--data", data]
    if groups:
        args += ["--groups", groups]
    return subprocess.run(args, check=True, capture_output=True, text=True, cwd=REPO).stdout.strip()


def session_pids(sid):
    """Every live process of session `sid` (`sluice dev` and the bootstraps it spawned in their own groups)."""
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields: state ppid pgrp session ...
        if int(fields[3]) == sid and fields[0] != "Z":
            pids.append(int(name))
    return pids


def rss_kb(pid, field="VmRSS"):
    """Resident memory of a process in KiB: `VmRSS` (all), `RssAnon` (heap, stacks) or `RssFile` (mapped files)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class DevProcess:
    """One `sluice dev` run in its own session, its standard error appended to `log`."""

    def __init__(self, sluice, data, table_port, api_port, log, template=None, lake=None, cwd=REPO, env=None):
        args = [sluice, "dev", "--skip-build", "--data", data, "--table-port", str(table_port), "--api-port", str(api_port)]
        if template:
            args += ["--template", template]
        if lake:
            args += ["--lake", lake]
        self.table_port, self.api_port = table_port, api_port
        self.log_path = log
        self.log = open(log, "ab")
        self.proc = subprocess.Popen(
            args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, start_new_session=True,
            env={**os.environ, **(env or {})})
        self.sid = self.proc.pid
        _started.append(self)

    def wait_ready(self, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"sluice dev exited with {self.proc.returncode}: {self.tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.api_port, timeout=5)
                conn.request("GET", "/_sluice/status")
                if conn.getresponse().status == 200:
                    conn.close()
                    return time.time()
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"sluice dev did not answer within {timeout} s: {self.tail()}")

    def tail(self, n=2000):
        with open(self.log_path, "rb") as f:
            return f.read()[-n:].decode(errors="replace")

    def kill(self, whole_session=True):
        """SIGKILL: `sluice dev` alone (its bootstraps are orphaned and must end by themselves), or every process of
        its session at once (what a power cut or an OOM kill of the group does)."""
        if whole_session:
            for pid in session_pids(self.sid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        else:
            self.proc.kill()
        self.proc.wait()
        self.log.close()

    def wait_session_gone(self, timeout=30):
        """Waits until no process of the session is left (orphaned bootstraps exit once their Runtime API is gone)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if not session_pids(self.sid):
                return True
            time.sleep(0.05)
        return False

    def stop(self, timeout=60):
        """Graceful stop (SIGINT); returns the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            status = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            status = "killed after timeout"
        self.log.close()
        return status

    def rss_kb(self):
        """Resident memory of `sluice dev` and every bootstrap it runs."""
        return sum(rss_kb(pid) for pid in session_pids(self.sid))


_started = []


@atexit.register
def _kill_leftovers():
    """A driver that fails midway leaves no `sluice dev` (or bootstrap) behind."""
    for dev in _started:
        if dev.proc.poll() is None or session_pids(dev.sid):
            for pid in session_pids(dev.sid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


class Client:
    """One keep-alive HTTP connection; reconnects after a failure. `request` returns (status, body bytes) or raises
    OSError / http.client.HTTPException when the answer was lost."""

    def __init__(self, port, timeout=30):
        self.port, self.timeout = port, timeout
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            self.conn.request(method, path, body=body, headers=headers or {})
            response = self.conn.getresponse()
            data = response.read()
            return response.status, data
        except (OSError, http.client.HTTPException):
            self.close()
            raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class Dynamo(Client):
    """DynamoDB's JSON protocol, as the SDKs send it (the local endpoint does not ask for signatures)."""

    def call(self, operation, payload, streams=False):
        target = ("DynamoDBStreams_20120810." if streams else "DynamoDB_20120810.") + operation
        status, data = self.request("POST", "/", json.dumps(payload), {
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": target,
            "Authorization": "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request"})
        return status, (json.loads(data) if data else {})


class API(Client):
    def call(self, method, path, token, body=None, headers=None):
        h = {"Authorization": "Bearer " + token, "Content-Type": "application/json", **(headers or {})}
        status, data = self.request(method, path, None if body is None else json.dumps(body), h)
        try:
            return status, json.loads(data) if data else {}
        except ValueError:
            return status, {"raw": data.decode(errors="replace")}


def status(api_port):
    status_code, data = Client(api_port, timeout=10).request("GET", "/_sluice/status")
    return json.loads(data) if status_code == 200 else {}


def wait_caught_up(api_port, stream_records, timeout=300):
    """Waits until every mapping has no lag and the lake holds at least `stream_records` rows (or no progress)."""
    deadline = time.time() + timeout
    last = {}
    while time.time() < deadline:
        try:
            last = status(api_port)
        except OSError:
            time.sleep(0.5)
            continue
        lag = sum(m.get("lag", 0) for m in last.get("mappings", []))
        if lag == 0 and last.get("lake", {}).get("recordsWritten", 0) >= stream_records:
            return last
        time.sleep(0.5)
    return last


def read_stream(dynamo, table):
    """Every record of the table's stream, per shard in sequence order (ListStreams → DescribeStream →
    GetShardIterator(TRIM_HORIZON) → GetRecords until a page is empty)."""
    _, streams = dynamo.call("ListStreams", {"TableName": table}, streams=True)
    arn = streams["Streams"][0]["StreamArn"]
    _, described = dynamo.call("DescribeStream", {"StreamArn": arn}, streams=True)
    shards = {}
    for shard in described["StreamDescription"]["Shards"]:
        _, it = dynamo.call("GetShardIterator", {
            "StreamArn": arn, "ShardId": shard["ShardId"], "ShardIteratorType": "TRIM_HORIZON"}, streams=True)
        iterator, records = it["ShardIterator"], []
        while iterator:
            code, page = dynamo.call("GetRecords", {"ShardIterator": iterator, "Limit": 1000}, streams=True)
            if code != 200:
                raise RuntimeError(f"GetRecords: {code} {page}")
            records += page.get("Records", [])
            if not page.get("Records"):
                break
            iterator = page.get("NextShardIterator")
        shards[shard["ShardId"]] = records
    return shards


def scan(dynamo, table):
    items, start = [], None
    while True:
        payload = {"TableName": table, "ConsistentRead": True}
        if start:
            payload["ExclusiveStartKey"] = start
        code, page = dynamo.call("Scan", payload)
        if code != 200:
            raise RuntimeError(f"Scan: {code} {page}")
        items += page.get("Items", [])
        start = page.get("LastEvaluatedKey")
        if not start:
            return items


def read_lake(lake):
    """What a reader of the lake sees: per dataset, the `_seq` of every row of every file the manifest lists, and the
    `.parquet` files on disk that the manifest does not list (these must not exist for readers that glob)."""
    import pyarrow.parquet as pq
    seqs, rows, strays = [], {}, []
    for dataset in sorted(os.listdir(lake)) if os.path.isdir(lake) else []:
        folder = os.path.join(lake, dataset)
        manifest_path = os.path.join(folder, "_manifest.json")
        if not os.path.isfile(manifest_path):
            continue
        with open(manifest_path) as f:
            listed = {entry["path"] for entry in json.load(f)["files"]}
        for path in sorted(listed):
            table = pq.read_table(os.path.join(folder, path))
            column = [int(v) for v in table.column("_seq").to_pylist()]
            seqs += column
            rows[dataset] = rows.get(dataset, 0) + len(column)
        for root, _, names in os.walk(folder):
            for name in names:
                relative = os.path.relpath(os.path.join(root, name), folder)
                if name.endswith(".parquet") and relative not in listed:
                    strays.append(os.path.join(dataset, relative))
    return seqs, rows, strays


def read_failures(data):
    folder = os.path.join(data, "failures")
    out = []
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, name)) as f:
            out += [json.loads(line) for line in f if line.strip()]
    return out


def percentile(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def mutate(rng, body, inserts):
    """`body` with one to four random edits: a byte changed, bytes deleted, one of `inserts` or a piece of
    the body itself inserted somewhere."""
    b = bytearray(body)
    for _ in range(rng.randint(1, 4)):
        if not b:
            break
        i, k = rng.randrange(len(b)), rng.random()
        if k < 0.3:
            b[i] = rng.randrange(256)
        elif k < 0.5:
            del b[i:i + rng.randint(1, 8)]
        elif k < 0.75:
            b[i:i] = rng.choice(inserts)
        else:
            j = rng.randrange(len(b))
            b[i:i] = b[j:j + rng.randint(1, 40)]
    return bytes(b)


def mutation_driver(description, seed):
    """The command line the mutation drivers share (--seconds, --sluice, --seed with `seed` as default):
    the parsed arguments, a random generator seeded from them, and the sluice binary."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--sluice")
    parser.add_argument("--seed", type=int, default=seed)
    args = parser.parse_args()
    return args, random.Random(args.seed), sluice_binary(args.sluice)
