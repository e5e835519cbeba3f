"""Hostile bodies and query strings to the CRUD API, through the real gateway and functions of `sluice dev`:
mutated JSON bodies for POST/PATCH of tasks and users, and random query strings for the three listings. The
issue's rule is "never a 500 for bad input": every answer must be below 500 and JSON (the functions'
`{"error":…}` or the gateway's `{"message":…}`); a 5xx, a dropped connection or a dead `sluice dev` fails the
run. Prints a `RESULT {json}` line; exits 1 when a check failed.

    python3 Reliability/api_mutations.py --seconds 120 [--sluice .build/release/sluice]
"""
import json
import os
import sys
import tempfile
import time

import stack

BODIES = [
    {"title": "t", "description": "d", "status": "pending", "priority": "low", "dueDate": "2026-01-02", "tags": ["x", "y"],
     "metadata": {"a": 1, "b": [True, None, 1.5], "c": {"d": "e"}}},
    {"status": "in_progress"}, {"status": "done"}, {"status": "cancelled"}, {"title": "new", "tags": []},
    {"metadata": None}, {"dueDate": None}, {"email": "a@b.co", "name": "N", "roles": ["user"]},
]
INSERTS = [b"{", b"}", b"[", b"]", b'"', b",", b"\\u0000", b"\\ud800", b"1e400", b"-0", b"null", b"true",
           b"99999999999999999999999999999", b"\xff", b"\xc3\x28", b"0.0000000000000000000000000000000000000000001"]
PARAMETERS = ["limit", "cursor", "status", "dueBefore", "dueAfter", "tag"]
VALUES = ["", "0", "-1", "101", "abc", "2026-01-01", "pending", "done", "%00", "%FF", "x" * 300, "1e9", "eyJ9", "..", "a,b"]


def query(rng, most):
    return "&".join(f"{rng.choice(PARAMETERS)}={rng.choice(VALUES)}" for _ in range(rng.randint(0, most)))


def main():
    args, rng, sluice = stack.mutation_driver(__doc__, seed=3)
    data = tempfile.mkdtemp(prefix="sluice-api-mutations-")
    api_port, table_port = stack.free_port(), stack.free_port()
    user, admin = stack.token(sluice, data, "fz"), stack.token(sluice, data, "boss", groups="admin")
    dev = stack.DevProcess(sluice, data, table_port, api_port, os.path.join(data, "dev.log"))
    dev.wait_ready()
    api = stack.API(api_port, timeout=30)
    status, _ = api.call("POST", "/users", user, {"email": "fz@example.com", "name": "Fz"})
    status2, created = api.call("POST", "/users/fz/tasks", user, {"title": "seed", "tags": ["a"], "dueDate": "2026-12-01"})
    if status != 201 or status2 != 201:
        raise SystemExit(f"setup failed: {status} {status2} {created}")
    task = created["id"]

    def send(method, path, token, raw=None):
        headers = {"Authorization": "Bearer " + token}
        if raw is not None:
            headers["Content-Type"] = "application/json"
        return api.request(method, path, raw, headers)

    failures, statuses, sent = [], {}, 0
    started = time.time()
    while time.time() - started < args.seconds:
        k = rng.random()
        body = stack.mutate(rng, json.dumps(rng.choice(BODIES)).encode(), INSERTS)
        if k < 0.35:
            request = ("POST", "/users/fz/tasks", user, body)
        elif k < 0.55:
            request = ("PATCH", f"/users/fz/tasks/{task}", user, body)
        elif k < 0.65:
            request = ("PATCH", "/users/fz", user, body)
        elif k < 0.85:
            request = ("GET", "/users/fz/tasks?" + query(rng, 4), user, None)
        elif k < 0.95:
            request = ("GET", "/tasks?" + query(rng, 3), admin, None)
        else:
            request = ("GET", "/users?" + query(rng, 3), admin, None)
        try:
            status, reply = send(*request)
        except Exception as error:
            failures.append(f"{request[0]} {request[1]} {request[3]!r:.120}: {error}")
            continue
        sent += 1
        statuses[status] = statuses.get(status, 0) + 1
        try:
            json.loads(reply)
            is_json = True
        except ValueError:
            is_json = False
        if status >= 500 or not is_json:
            failures.append(f"{status} {request[0]} {request[1]} {request[3]!r:.120} → {reply[:200]!r}")
    exit_status = dev.stop()
    result = {"seconds": args.seconds, "requests": sent, "statuses": {str(k): v for k, v in sorted(statuses.items())},
              "failures": len(failures), "dev_exit_status": exit_status}
    for line in failures[:20]:
        print("FAIL", line)
    print("RESULT " + json.dumps(result))
    sys.exit(0 if not failures and exit_status == 0 else 1)


if __name__ == "__main__":
    main()
