#!/usr/bin/env python3
"""Faults: each one is reported clearly, and once it is gone the lake holds every change exactly once.

1. ETL faults on a chosen record (`Tests/Fixtures/FaultyLakeETL`, switched by a file on disk): `crash` (the
   bootstrap aborts), `timeout` (it sleeps past `Timeout`), `throw` (the handler throws). The mapping retries
   forever (`MaximumRetryAttempts: -1`) and bisects, so the poisoned record's shard waits and the rest flows;
   after the file is removed everything lands exactly once.
2. The same `throw` fault with `MaximumRetryAttempts: 2` and an on-failure destination: the failure file holds
   exactly the poisoned record and the lake everything else, once.
3. Disk full: the lake on a 2 MB tmpfs filled to the last byte. The ETL reports ENOSPC, no half-written Parquet
   file is visible, and after space is freed the lake catches up exactly once.
4. Read-only data folder (a tmpfs remounted `ro`; as root, file modes are not enough): `sluice dev` stops with a
   one-line error and exit status 2; once it is writable again the stack starts on the same data, nothing lost.

Scenarios 3 and 4 need `mount` (root); without it they are reported as skipped.
Usage: Reliability/faults.py [--records 60] [--fault-seconds 6]
Prints the figures and a last line `RESULT {json}`; exits 1 when a check fails.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stack  # noqa: E402

TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  FaultTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{{AttributeName: pk, AttributeType: S}}]
      KeySchema: [{{AttributeName: pk, KeyType: HASH}}]
      StreamSpecification: {{StreamViewType: NEW_AND_OLD_IMAGES}}
  ETLFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: etl
      Handler: bootstrap
      Runtime: provided.al2023
      Timeout: 2
      Environment: {{Variables: {{FAULT_FILE: "{fault_file}"}}}}
      Events:
        Stream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt FaultTable.StreamArn
            StartingPosition: TRIM_HORIZON
            BatchSize: 10
            BisectBatchOnFunctionError: true
            FunctionResponseTypes: [ReportBatchItemFailures]
            MaximumRetryAttempts: {retries}
            DestinationConfig:
              OnFailure: {{Type: SQS, Destination: "arn:aws:sqs:us-east-1:123456789012:etl-failures"}}
"""

TABLE = "FaultTable"


class Project:
    """A folder with a template whose ETL function is FaultyLakeETL (an executable `bootstrap` in `etl/`)."""

    def __init__(self, root, retries):
        self.root = root
        self.fault_file = os.path.join(root, "fault")
        os.makedirs(os.path.join(root, "etl"), exist_ok=True)
        binary = os.path.join(os.path.dirname(stack.sluice_binary(os.environ.get("SLUICE_BIN"))), "FaultyLakeETL")
        if not os.access(binary, os.X_OK):
            raise SystemExit(f"no FaultyLakeETL at {binary} (swift build --product FaultyLakeETL)")
        bootstrap = os.path.join(root, "etl", "bootstrap")
        if not os.path.exists(bootstrap):
            os.symlink(binary, bootstrap)
        with open(os.path.join(root, "template.yaml"), "w") as f:
            f.write(TEMPLATE.format(fault_file=self.fault_file, retries=retries))

    def fault(self, mode, marker):
        with open(self.fault_file, "w") as f:
            f.write(f"{mode} {marker}\n")

    def clear(self):
        if os.path.exists(self.fault_file):
            os.unlink(self.fault_file)


def start(sluice, project, data, lake=None, log=None):
    dev = stack.DevProcess(sluice, data, stack.free_port(), stack.free_port(), log or os.path.join(project.root, "dev.log"),
                           template=os.path.join(project.root, "template.yaml"), lake=lake, cwd=project.root)
    dev.wait_ready()
    return dev


def put(dynamo, pk, value):
    code, body = dynamo.call("PutItem", {"TableName": TABLE, "Item": {"pk": {"S": pk}, "v": {"N": str(value)}}})
    if code != 200:
        raise RuntimeError(f"PutItem {pk}: {code} {body}")


def stream_seqs(dynamo):
    out = {}
    for records in stack.read_stream(dynamo, TABLE).values():
        for r in records:
            out[int(r["dynamodb"]["SequenceNumber"])] = r["dynamodb"]["Keys"]["pk"]["S"]
    return out


def lake_check(dynamo, lake, expect_missing=()):
    """Compares the lake with the stream: (duplicated rows, stream records missing, stray files, rows)."""
    seqs = stream_seqs(dynamo)
    lake_seqs, _, strays = stack.read_lake(lake)
    missing = {s for s in seqs if s not in set(lake_seqs)} - {s for s, pk in seqs.items() if pk in expect_missing}
    return {"duplicated": len(lake_seqs) - len(set(lake_seqs)), "missing": len(missing), "strays": len(strays),
            "rows": len(lake_seqs), "streamRecords": len(seqs),
            "unexpected": len({s for s in lake_seqs if seqs.get(s) in expect_missing})}


def wait_for(predicate, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    return predicate()


def mapping(api_port):
    mappings = stack.status(api_port).get("mappings", [])
    return mappings[0] if mappings else {}


def etl_fault(sluice, work, mode, records, fault_seconds):
    """Scenario 1 for one mode."""
    project = Project(os.path.join(work, f"etl-{mode}"), retries=-1)
    data = os.path.join(project.root, "data")
    dev = start(sluice, project, data)
    dynamo = stack.Dynamo(dev.table_port)
    marker = f"poison-{mode}"
    project.fault(mode, marker)
    for i in range(records):
        put(dynamo, marker if i == records // 3 else f"{mode}-{i}", i)
    time.sleep(fault_seconds)
    during = mapping(dev.api_port)
    blocked = lake_check(dynamo, os.path.join(data, "lake"))
    lake_seqs, _, _ = stack.read_lake(os.path.join(data, "lake"))
    poisoned = [s for s, pk in stream_seqs(dynamo).items() if pk == marker]
    poison_in_lake = any(s in set(lake_seqs) for s in poisoned)
    project.clear()
    started = time.time()
    wait_for(lambda: lake_check(dynamo, os.path.join(data, "lake"))["missing"] == 0, 120)
    recovery = time.time() - started
    after = lake_check(dynamo, os.path.join(data, "lake"))
    dev.stop()
    log = open(dev.log_path, errors="replace").read()
    expected_log = {"crash": "Runtime exited with error: signal: aborted", "timeout": "Task timed out after 2.00 seconds",
                    "throw": "injected failure"}[mode]
    problems = []
    if during.get("errors", 0) == 0:
        problems.append(f"{mode}: the mapping reported no errors during the fault: {during}")
    if expected_log not in log:
        problems.append(f"{mode}: the log does not say '{expected_log}'")
    if poison_in_lake:
        problems.append(f"{mode}: the poisoned record reached the lake while the fault was on")
    if blocked["rows"] == 0:
        problems.append(f"{mode}: nothing flowed around the poisoned record while the fault was on")
    if after["missing"] or after["duplicated"] or after["strays"]:
        problems.append(f"{mode}: after the fault: {after}")
    if stack.read_failures(data):
        problems.append(f"{mode}: failure records with retries set to forever")
    report = next((line for line in log.splitlines() if expected_log in line), "")
    return {"mode": mode, "logLine": report[:300], "errorsDuringFault": during.get("errors", 0),
            "landedDuringFault": blocked["rows"],
            "streamRecords": after["streamRecords"], "lakeRows": after["rows"], "duplicated": after["duplicated"],
            "missing": after["missing"], "recoverySeconds": round(recovery, 1), "problems": problems}


def exhausted_retries(sluice, work, records):
    """Scenario 2."""
    project = Project(os.path.join(work, "etl-on-failure"), retries=2)
    data = os.path.join(project.root, "data")
    dev = start(sluice, project, data)
    dynamo = stack.Dynamo(dev.table_port)
    marker = "poison-forever"
    project.fault("throw", marker)
    for i in range(records):
        put(dynamo, marker if i == records // 2 else f"limited-{i}", i)
    failures = wait_for(lambda: stack.read_failures(data), 60)
    wait_for(lambda: lake_check(dynamo, os.path.join(data, "lake"), expect_missing={marker})["missing"] == 0, 60)
    check = lake_check(dynamo, os.path.join(data, "lake"), expect_missing={marker})
    poisoned = [s for s, pk in stream_seqs(dynamo).items() if pk == marker]
    project.clear()
    put(dynamo, "after-the-fault", 1)
    wait_for(lambda: lake_check(dynamo, os.path.join(data, "lake"), expect_missing={marker})["missing"] == 0, 60)
    final = lake_check(dynamo, os.path.join(data, "lake"), expect_missing={marker})
    dev.stop()
    problems = []
    infos = [f["DDBStreamBatchInfo"] for f in failures]
    if len(failures) != 1 or infos[0]["batchSize"] != 1 or int(infos[0]["startSequenceNumber"]) != poisoned[0] \
            or failures[0]["requestContext"]["condition"] != "RetryAttemptsExhausted":
        problems.append(f"on-failure: expected one failure record for sequence number {poisoned}, got {failures}")
    if check["unexpected"] or final["missing"] or final["duplicated"] or final["strays"]:
        problems.append(f"on-failure: lake {final}")
    return {"failureRecords": len(failures), "failedSequenceNumbers": [i["startSequenceNumber"] for i in infos],
            "lakeRows": final["rows"], "streamRecords": final["streamRecords"], "duplicated": final["duplicated"],
            "problems": problems}


def mount_tmpfs(path, size):
    os.makedirs(path, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path], capture_output=True, text=True)
    return result.returncode == 0, result.stderr.strip()


def umount(path):
    subprocess.run(["umount", "-l", path], capture_output=True)


def fill(path):
    """Writes a filler file until the file system is full; returns its path."""
    filler = os.path.join(path, "filler")
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        for size in (65536, 4096, 512, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler


def disk_full(sluice, work, records):
    """Scenario 3."""
    project = Project(os.path.join(work, "disk-full"), retries=-1)
    data = os.path.join(project.root, "data")
    lake = os.path.join(project.root, "lake")
    mounted, reason = mount_tmpfs(lake, "2m")
    if not mounted:
        return {"skipped": f"mount not permitted: {reason}", "problems": []}
    try:
        dev = start(sluice, project, data, lake=lake)
        dynamo = stack.Dynamo(dev.table_port)
        put(dynamo, "warm-up", 0)  # the dataset's schema and manifest exist before the disk fills
        wait_for(lambda: lake_check(dynamo, lake)["missing"] == 0, 60)
        filler = fill(lake)
        for i in range(records):
            put(dynamo, f"full-{i}", i)
        time.sleep(4)
        during = mapping(dev.api_port)
        full = lake_check(dynamo, lake)
        leftovers = [n for _, _, names in os.walk(lake) for n in names if ".tmp-" in n]
        os.unlink(filler)
        started = time.time()
        wait_for(lambda: lake_check(dynamo, lake)["missing"] == 0, 120)
        recovery = time.time() - started
        after = lake_check(dynamo, lake)
        dev.stop()
        log = open(dev.log_path, errors="replace").read()
        problems = []
        if "No space left on device" not in log:
            problems.append("disk full: the log does not say 'No space left on device'")
        if during.get("errors", 0) == 0:
            problems.append(f"disk full: the mapping reported no errors: {during}")
        if full["strays"] or leftovers:
            problems.append(f"disk full: half-written files left: {full['strays']} strays, temporary files {leftovers}")
        if full["missing"] == 0:
            problems.append("disk full: every record landed although the disk was full")
        if after["missing"] or after["duplicated"] or after["strays"]:
            problems.append(f"disk full: after space was freed: {after}")
        if stack.read_failures(data):
            problems.append("disk full: failure records")
        report = next((line for line in log.splitlines() if "No space left on device" in line), "")
        return {"errorsWhileFull": during.get("errors", 0), "logLine": report[:400], "missingWhileFull": full["missing"],
                "streamRecords": after["streamRecords"], "lakeRows": after["rows"], "duplicated": after["duplicated"],
                "recoverySeconds": round(recovery, 1), "problems": problems}
    finally:
        umount(lake)


def read_only(sluice, work, records):
    """Scenario 4."""
    project = Project(os.path.join(work, "read-only"), retries=-1)
    data = os.path.join(project.root, "data")
    mounted, reason = mount_tmpfs(data, "64m")
    if not mounted:
        return {"skipped": f"mount not permitted: {reason}", "problems": []}
    problems = []
    try:
        dev = start(sluice, project, data)
        dynamo = stack.Dynamo(dev.table_port)
        for i in range(records):
            put(dynamo, f"ro-{i}", i)
        wait_for(lambda: lake_check(dynamo, os.path.join(data, "lake"))["missing"] == 0, 60)
        before = lake_check(dynamo, os.path.join(data, "lake"))
        dev.stop()
        subprocess.run(["mount", "-o", "remount,ro", data], check=True)
        port = stack.free_port()
        refused = subprocess.run(
            [sluice, "dev", "--skip-build", "--data", data, "--table-port", str(port), "--api-port", str(stack.free_port()),
             "--template", os.path.join(project.root, "template.yaml")], cwd=project.root, capture_output=True, text=True,
            timeout=120)
        message = refused.stderr.strip()
        if refused.returncode != 2 or len(message.splitlines()) != 1 or "cannot use data folder" not in message:
            problems.append(f"read-only: exit {refused.returncode}, stderr {message!r}")
        subprocess.run(["mount", "-o", "remount,rw", data], check=True)
        dev = start(sluice, project, data)
        dynamo = stack.Dynamo(dev.table_port)
        put(dynamo, "after-read-only", 1)
        wait_for(lambda: lake_check(dynamo, os.path.join(data, "lake"))["missing"] == 0, 60)
        after = lake_check(dynamo, os.path.join(data, "lake"))
        items = len(stack.scan(dynamo, TABLE))
        dev.stop()
        if items != records + 1 or after["missing"] or after["duplicated"] or after["rows"] != before["rows"] + 1:
            problems.append(f"read-only: after it became writable: {items} items, lake {after}")
        return {"exitStatus": refused.returncode, "message": message, "itemsAfter": items, "lakeRows": after["rows"],
                "duplicated": after["duplicated"], "problems": problems}
    finally:
        umount(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=60)
    parser.add_argument("--fault-seconds", type=float, default=6.0, help="how long each ETL fault stays on")
    parser.add_argument("--only", default=None, help="comma-separated: crash,timeout,throw,on-failure,disk-full,read-only")
    parser.add_argument("--sluice", default=None)
    args = parser.parse_args()
    sluice = stack.sluice_binary(args.sluice)
    os.environ["SLUICE_BIN"] = sluice
    work = tempfile.mkdtemp(prefix="sluice-faults-")
    only = set(args.only.split(",")) if args.only else None
    results = {}
    for mode in ("crash", "timeout", "throw"):
        if only is None or mode in only:
            results[mode] = etl_fault(sluice, work, mode, args.records, args.fault_seconds)
            print(f"ETL {mode}: {json.dumps(results[mode])}", flush=True)
    if only is None or "on-failure" in only:
        results["on-failure"] = exhausted_retries(sluice, work, args.records)
        print(f"ETL throw, retries exhausted: {json.dumps(results['on-failure'])}", flush=True)
    if only is None or "disk-full" in only:
        results["disk-full"] = disk_full(sluice, work, args.records)
        print(f"lake disk full: {json.dumps(results['disk-full'])}", flush=True)
    if only is None or "read-only" in only:
        results["read-only"] = read_only(sluice, work, args.records)
        print(f"read-only data folder: {json.dumps(results['read-only'])}", flush=True)
    problems = [p for r in results.values() for p in r["problems"]]
    for problem in problems:
        print("PROBLEM: " + problem)
    print("RESULT " + json.dumps({"scenarios": results, "problems": problems}, sort_keys=True), flush=True)
    if not problems:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
