"""boto3 against `sluice table serve`: tables, items, expressions, queries, batches, transactions, streams.

Usage: python3 boto3_table_suite.py http://127.0.0.1:PORT
Exits non-zero with the failing check on stderr; prints "N checks passed" when everything holds.
"""
import sys
import boto3
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="local", aws_secret_access_key="local", region_name="us-east-1")
client = session.client("dynamodb", endpoint_url=endpoint)
resource = session.resource("dynamodb", endpoint_url=endpoint)
streams = session.client("dynamodbstreams", endpoint_url=endpoint)
checks = 0


def check(condition, what):
    global checks
    if not condition:
        raise SystemExit(f"FAILED: {what}")
    checks += 1


def error_code(call):
    try:
        call()
    except ClientError as error:
        return error.response["Error"]["Code"], error.response
    return None, None


# Tables
client.create_table(
    TableName="Tasks",
    AttributeDefinitions=[
        {"AttributeName": "PK", "AttributeType": "S"}, {"AttributeName": "SK", "AttributeType": "S"},
        {"AttributeName": "status", "AttributeType": "S"}, {"AttributeName": "due", "AttributeType": "N"},
    ],
    KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
    GlobalSecondaryIndexes=[{
        "IndexName": "byStatus",
        "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}, {"AttributeName": "due", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "ALL"},
    }],
    BillingMode="PAY_PER_REQUEST",
    StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
)
check("Tasks" in client.list_tables()["TableNames"], "ListTables names the new table")
description = client.describe_table(TableName="Tasks")["Table"]
check(description["TableStatus"] == "ACTIVE", "DescribeTable: ACTIVE")
check(description["LatestStreamArn"].startswith("arn:aws:dynamodb:us-east-1:"), "stream ARN shaped like AWS's")
code, _ = error_code(lambda: client.describe_table(TableName="Nope"))
check(code == "ResourceNotFoundException", "unknown table is ResourceNotFoundException")
client.update_time_to_live(TableName="Tasks", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
check(client.describe_time_to_live(TableName="Tasks")["TimeToLiveDescription"]["TimeToLiveStatus"] == "ENABLED", "TTL enabled")

# Items through the resource layer (boto3's own (de)serializer)
table = resource.Table("Tasks")
for i in range(25):
    table.put_item(Item={"PK": "USER#1", "SK": f"TASK#{i:03d}", "status": "open" if i % 2 else "done", "due": i, "title": f"t{i}", "tags": {"a", "b"}})
item = table.get_item(Key={"PK": "USER#1", "SK": "TASK#003"})["Item"]
check(item["title"] == "t3" and item["due"] == 3 and item["tags"] == {"a", "b"}, "GetItem returns the typed item")
updated = table.update_item(
    Key={"PK": "USER#1", "SK": "TASK#003"},
    UpdateExpression="SET #t = :t, due = due + :one ADD tags :new REMOVE title",
    ExpressionAttributeNames={"#t": "label"}, ExpressionAttributeValues={":t": "x", ":one": 1, ":new": {"c"}},
    ReturnValues="ALL_NEW")["Attributes"]
check(updated["due"] == 4 and updated["label"] == "x" and "title" not in updated and updated["tags"] == {"a", "b", "c"}, "UpdateItem SET/ADD/REMOVE with ALL_NEW")
code, response = error_code(lambda: table.put_item(
    Item={"PK": "USER#1", "SK": "TASK#003"}, ConditionExpression=Attr("PK").not_exists(),
    ReturnValuesOnConditionCheckFailure="ALL_OLD"))
check(code == "ConditionalCheckFailedException", "failed condition is ConditionalCheckFailedException")
check(response["Item"]["label"] == {"S": "x"}, "ReturnValuesOnConditionCheckFailure=ALL_OLD returns the item")
code, response = error_code(lambda: client.update_item(
    TableName="Tasks", Key={"PK": {"S": "USER#1"}, "SK": {"S": "TASK#001"}}, UpdateExpression="SET status = :s",
    ExpressionAttributeValues={":s": {"S": "x"}}))
check(code == "ValidationException" and "reserved keyword" in response["Error"]["Message"], "reserved word needs a placeholder")

# Queries and pagination
page = table.query(KeyConditionExpression=Key("PK").eq("USER#1") & Key("SK").begins_with("TASK#00"), ScanIndexForward=False)
check([i["SK"] for i in page["Items"]] == [f"TASK#{i:03d}" for i in range(9, -1, -1)], "Query begins_with, descending")
paginator = client.get_paginator("query")
pages = list(paginator.paginate(TableName="Tasks", KeyConditionExpression="PK = :p", ExpressionAttributeValues={":p": {"S": "USER#1"}}, PaginationConfig={"PageSize": 7}))
check(sum(p["Count"] for p in pages) == 25 and len(pages) >= 4, "Query pagination with LastEvaluatedKey")
filtered = table.query(KeyConditionExpression=Key("PK").eq("USER#1"), FilterExpression=Attr("due").gt(20))
check(filtered["Count"] == 4 and filtered["ScannedCount"] == 25, "FilterExpression: Count after, ScannedCount before")
by_status = table.query(IndexName="byStatus", KeyConditionExpression=Key("status").eq("open") & Key("due").between(5, 9))
check([i["due"] for i in by_status["Items"]] == [5, 7, 9], "GSI query in numeric order")
scanned = client.scan(TableName="Tasks", Select="COUNT")
check(scanned["Count"] == 25, "Scan COUNT")

# Batches
with table.batch_writer() as batch:
    for i in range(30):
        batch.put_item(Item={"PK": "USER#2", "SK": f"TASK#{i:03d}", "status": "open", "due": 100 + i})
got = resource.batch_get_item(RequestItems={"Tasks": {"Keys": [{"PK": "USER#2", "SK": f"TASK#{i:03d}"} for i in range(30)]}})
check(len(got["Responses"]["Tasks"]) == 30, "BatchWriteItem (30 via 2 calls) then BatchGetItem")
code, response = error_code(lambda: client.batch_write_item(RequestItems={"Tasks": [
    {"PutRequest": {"Item": {"PK": {"S": "D"}, "SK": {"S": "1"}}}}, {"PutRequest": {"Item": {"PK": {"S": "D"}, "SK": {"S": "1"}}}}]}))
check(code == "ValidationException" and "duplicates" in response["Error"]["Message"], "duplicate keys in one batch")

# Transactions
client.transact_write_items(TransactItems=[
    {"Put": {"TableName": "Tasks", "Item": {"PK": {"S": "USER#3"}, "SK": {"S": "PROFILE"}, "email": {"S": "a@example.com"}}}},
    {"Put": {"TableName": "Tasks", "Item": {"PK": {"S": "EMAIL#a@example.com"}, "SK": {"S": "GUARD"}}, "ConditionExpression": "attribute_not_exists(PK)"}},
])
code, response = error_code(lambda: client.transact_write_items(TransactItems=[
    {"Put": {"TableName": "Tasks", "Item": {"PK": {"S": "USER#4"}, "SK": {"S": "PROFILE"}}}},
    {"Put": {"TableName": "Tasks", "Item": {"PK": {"S": "EMAIL#a@example.com"}, "SK": {"S": "GUARD"}}, "ConditionExpression": "attribute_not_exists(PK)"}},
]))
check(code == "TransactionCanceledException", "a failing condition cancels the transaction")
reasons = [r["Code"] for r in response["CancellationReasons"]]
check(reasons == ["None", "ConditionalCheckFailed"], f"CancellationReasons in order: {reasons}")
check("Item" not in table.get_item(Key={"PK": "USER#4", "SK": "PROFILE"}), "nothing of a cancelled transaction is written")
both = client.transact_get_items(TransactItems=[
    {"Get": {"TableName": "Tasks", "Key": {"PK": {"S": "USER#3"}, "SK": {"S": "PROFILE"}}}},
    {"Get": {"TableName": "Tasks", "Key": {"PK": {"S": "USER#9"}, "SK": {"S": "PROFILE"}}}}])
check(both["Responses"][0]["Item"]["email"]["S"] == "a@example.com" and both["Responses"][1] == {}, "TransactGetItems")

# The stream: every change once, in order per item
arn = streams.list_streams(TableName="Tasks")["Streams"][0]["StreamArn"]
shards = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
records = []
for shard in shards:
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    while iterator:
        batch = streams.get_records(ShardIterator=iterator, Limit=50)
        records += batch["Records"]
        iterator = batch.get("NextShardIterator") if batch["Records"] else None
# 25 + 30 inserts, 1 update of TASK#003, 2 transaction puts; the failed put, the failed transaction and reads write nothing.
check(len(records) == 58, f"stream holds exactly the 58 changes (got {len(records)})")
task3 = [r for r in records if r["dynamodb"]["Keys"]["SK"]["S"] == "TASK#003" and r["dynamodb"]["Keys"]["PK"]["S"] == "USER#1"]
check([r["eventName"] for r in task3] == ["INSERT", "MODIFY"], "per-item order INSERT then MODIFY")
check(task3[1]["dynamodb"]["OldImage"]["title"]["S"] == "t3" and task3[1]["dynamodb"]["NewImage"]["label"]["S"] == "x", "NEW_AND_OLD_IMAGES")
sequence = [int(r["dynamodb"]["SequenceNumber"]) for r in records]
check(len(set(sequence)) == len(sequence), "sequence numbers are unique")

client.delete_table(TableName="Tasks")
check("Tasks" not in client.list_tables()["TableNames"], "DeleteTable")
print(f"{checks} checks passed")
