"""The Python peer of Benchmarks/crud.sh: GET and POST /users/{userId}/tasks as an HTTP API (payload 2.0)
Lambda handler with boto3, the same key design and roughly the same checks as Functions/TaskDomain:

- identity from requestContext.authorizer.jwt.claims (sub, cognito:groups): 401 without, 403 for another user;
- the user's profile (PK=USER#<id>, SK=PROFILE) must exist and not be soft-deleted (404);
- GET: Query PK = USER#<id> AND begins_with(SK, TASK#), limit 1-100 (default 20), an HMAC-signed cursor;
- POST: JSON validation (unknown fields, types, title 1-200, priority, ISO date, tags, metadata), then a
  PutItem conditioned on attribute_not_exists(PK); 201 with Location and ETag.

Run by `sluice start-api` from Benchmarks/crud-python-template.yaml (Runtime: python3.x → awslambdaric).
"""
import base64
import datetime
import decimal
import hashlib
import hmac
import json
import os
import uuid

import boto3
from boto3.dynamodb.conditions import Key

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
SECRET = os.environ["CURSOR_SECRET"].encode()
FIELDS = {"title", "description", "status", "priority", "dueDate", "tags", "metadata"}
STATUSES = {"pending", "in_progress", "done", "cancelled"}
PRIORITIES = {"low", "medium", "high"}
HIDDEN = {"PK", "SK", "GSI1PK", "GSI1SK", "entity"}


class APIError(Exception):
    def __init__(self, status, code, message, field=None):
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def respond(status, body, headers=None):
    return {"statusCode": status, "headers": {"content-type": "application/json", **(headers or {})},
            "body": json.dumps(body, separators=(",", ":"), default=plain)}


def plain(value):  # boto3 returns Decimal for numbers and set for string sets
    if isinstance(value, set):
        return sorted(value)
    return int(value) if value == int(value) else float(value)


def caller(event, user_id):
    claims = ((event.get("requestContext") or {}).get("authorizer") or {}).get("jwt", {}).get("claims") or {}
    sub = claims.get("sub")
    if not sub:
        raise APIError(401, "unauthorized", "No identity")
    groups = claims.get("cognito:groups", "").strip("[]").split()
    if sub != user_id and "admin" not in groups:
        raise APIError(403, "forbidden", "Not your data")


def live_user(user_id):
    item = TABLE.get_item(Key={"PK": f"USER#{user_id}", "SK": "PROFILE"}).get("Item")
    if item is None or item.get("deletedAt"):
        raise APIError(404, "not_found", "User not found")


def public(item):
    return {k: v for k, v in item.items() if k not in HIDDEN}


def sign(payload):
    raw = json.dumps(payload, separators=(",", ":"), default=plain).encode()
    mac = hmac.new(SECRET, raw, hashlib.sha256).digest()
    enc = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    return enc(raw) + "." + enc(mac)


def unsign(cursor, scope):
    try:
        raw_text, mac_text = cursor.split(".")
        dec = lambda s: base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
        raw = dec(raw_text)
        if not hmac.compare_digest(dec(mac_text), hmac.new(SECRET, raw, hashlib.sha256).digest()):
            raise ValueError
        payload = json.loads(raw)
        if payload["s"] != scope:
            raise ValueError
        return payload["k"]
    except (ValueError, KeyError, TypeError):
        raise APIError(400, "invalid_cursor", "The cursor is not valid", "cursor")


def list_tasks(event, user_id):
    query = event.get("queryStringParameters") or {}
    try:
        limit = int(query.get("limit", "20"))
    except ValueError:
        raise APIError(400, "invalid_type", "'limit' must be an integer", "limit")
    if not 1 <= limit <= 100:
        raise APIError(400, "invalid_value", "'limit' must be 1-100", "limit")
    scope = "tasks:" + user_id
    if "cursor" in query:
        start = unsign(query["cursor"], scope)
        live_user(user_id)
        page = TABLE.query(KeyConditionExpression=Key("PK").eq(f"USER#{user_id}") & Key("SK").begins_with("TASK#"),
                           Limit=limit, ExclusiveStartKey=start)
        items = page.get("Items", [])
    else:
        # As the Swift handler does: the first page and the profile in one Query (PROFILE sorts before TASK#…).
        page = TABLE.query(KeyConditionExpression=Key("PK").eq(f"USER#{user_id}") & Key("SK").between("PROFILE", "TASK$"),
                           Limit=limit + 1)
        items = page.get("Items", [])
        if not items or items[0]["SK"] != "PROFILE" or items[0].get("deletedAt"):
            raise APIError(404, "not_found", "User not found")
        items = items[1:]
    body = {"items": [public(item) for item in items]}
    if "LastEvaluatedKey" in page:
        body["nextCursor"] = sign({"k": page["LastEvaluatedKey"], "s": scope})
    return respond(200, body)


def valid_date(text):
    try:
        datetime.date.fromisoformat(text)
        return len(text) == 10
    except (TypeError, ValueError):
        return False


def create_task(event, user_id):
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        body = base64.b64decode(body).decode()
    if len(body) > 64 * 1024:
        raise APIError(413, "payload_too_large", "The body is over 64 KB")
    try:
        data = json.loads(body)
    except ValueError:
        raise APIError(400, "invalid_json", "The body is not valid JSON")
    if not isinstance(data, dict):
        raise APIError(400, "invalid_type", "The body must be a JSON object")
    for name in data:
        if name not in FIELDS:
            raise APIError(400, "unknown_field", f"Unknown field '{name}'", name)
    title = data.get("title")
    if not isinstance(title, str):
        raise APIError(400, "missing_field" if title is None else "invalid_type", "'title' must be a string", "title")
    if not 1 <= len(title.strip()) <= 200:
        raise APIError(400, "invalid_value", "'title' must be 1-200 characters", "title")
    for name in ("description", "dueDate"):
        if name in data and not isinstance(data[name], str):
            raise APIError(400, "invalid_type", f"'{name}' must be a string", name)
    if "dueDate" in data and not valid_date(data["dueDate"]):
        raise APIError(400, "invalid_value", "'dueDate' must be YYYY-MM-DD", "dueDate")
    status, priority = data.get("status", "pending"), data.get("priority", "medium")
    if status not in STATUSES:
        raise APIError(400, "invalid_value", "unknown status", "status")
    if priority not in PRIORITIES:
        raise APIError(400, "invalid_value", "unknown priority", "priority")
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and 0 < len(t) <= 50 for t in tags):
        raise APIError(400, "invalid_type", "'tags' must be an array of strings", "tags")
    metadata = data.get("metadata", {})
    if not isinstance(metadata, dict):
        raise APIError(400, "invalid_type", "'metadata' must be an object", "metadata")
    live_user(user_id)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    task_id = uuid.uuid4().hex
    task = {"id": task_id, "userId": user_id, "title": title, "status": status, "priority": priority,
            "createdAt": now, "updatedAt": now, "version": 1}
    for name in ("description", "dueDate"):
        if name in data:
            task[name] = data[name]
    if tags:
        task["tags"] = set(tags)
    if metadata:
        task["metadata"] = json.loads(json.dumps(metadata), parse_float=decimal.Decimal)
    item = {"PK": f"USER#{user_id}", "SK": f"TASK#{task_id}", "entity": "task", **task,
            "GSI1PK": f"STATUS#{status}", "GSI1SK": f"{data.get('dueDate', 'NODUE')}#{task_id}"}
    TABLE.put_item(Item=item, ConditionExpression="attribute_not_exists(PK)")
    return respond(201, task, {"location": f"/users/{user_id}/tasks/{task_id}", "etag": '"1"'})


def handler(event, context):
    try:
        user_id = (event.get("pathParameters") or {}).get("userId", "")
        caller(event, user_id)
        method = event["requestContext"]["http"]["method"]
        if method == "GET":
            return list_tasks(event, user_id)
        if method == "POST":
            return create_task(event, user_id)
        raise APIError(405, "method_not_allowed", "Method not allowed")
    except APIError as error:
        detail = {"code": error.code, "message": error.message}
        if error.field:
            detail["field"] = error.field
        return respond(error.status, {"error": detail})
