import DynamoAPI
import DynamoModel
import Foundation
import Testing

/// The Codable forms carry DynamoDB's JSON field names, so a wire server and client can use them as is.
@Suite struct WireShapeTests {
    func json<T: Encodable>(_ value: T) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    @Test func putItemInputFieldNames() throws {
        let input = PutItemInput(
            tableName: "t", item: ["pk": .s("a")], conditionExpression: "attribute_not_exists(pk)",
            expressionAttributeNames: ["#p": "pk"], returnValues: .allOld, returnValuesOnConditionCheckFailure: .allOld)
        let object = try json(input)
        #expect(Set(object.keys) == ["TableName", "Item", "ConditionExpression", "ExpressionAttributeNames", "ReturnValues", "ReturnValuesOnConditionCheckFailure"])
        #expect((object["Item"] as? [String: Any])?["pk"] as? [String: String] == ["S": "a"])
        #expect(object["ReturnValues"] as? String == "ALL_OLD")
    }

    @Test func queryRoundTripFromAWSJSON() throws {
        let body = """
            {"TableName":"tasks","IndexName":"byStatus","KeyConditionExpression":"#s = :s","ExpressionAttributeNames":{"#s":"status"},
             "ExpressionAttributeValues":{":s":{"S":"open"}},"Limit":10,"ScanIndexForward":false,"Select":"COUNT",
             "ExclusiveStartKey":{"pk":{"S":"a"},"sk":{"N":"1"}}}
            """
        let input = try JSONDecoder().decode(QueryInput.self, from: Data(body.utf8))
        #expect(input.indexName == "byStatus" && input.limit == 10 && input.scanIndexForward == false && input.select == .count)
        #expect(input.exclusiveStartKey == ["pk": .s("a"), "sk": .n("1")])
        let output = QueryOutput(items: [["pk": .s("a")]], count: 1, scannedCount: 2, lastEvaluatedKey: ["pk": .s("a")])
        #expect(Set(try json(output).keys) == ["Items", "Count", "ScannedCount", "LastEvaluatedKey"])
    }

    @Test func consumedCapacityShape() throws {
        let consumed = ConsumedCapacity(
            tableName: "t", capacityUnits: 3, writeCapacityUnits: 3, table: Capacity(capacityUnits: 1, writeCapacityUnits: 1),
            globalSecondaryIndexes: ["g": Capacity(capacityUnits: 2, writeCapacityUnits: 2)])
        let object = try json(consumed)
        #expect(Set(object.keys) == ["TableName", "CapacityUnits", "WriteCapacityUnits", "Table", "GlobalSecondaryIndexes"])
        #expect((object["GlobalSecondaryIndexes"] as? [String: [String: Double]])?["g"] == ["CapacityUnits": 2, "WriteCapacityUnits": 2])
        let decoded = try JSONDecoder().decode(ConsumedCapacity.self, from: JSONEncoder().encode(consumed))
        #expect(decoded == consumed)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PutItemInput.self, from: Data(#"{"TableName":"t","Item":{},"ReturnConsumedCapacity":"ALL"}"#.utf8))
        }
    }

    @Test func transactAndBatchShapes() throws {
        let body = """
            {"TransactItems":[{"Put":{"TableName":"t","Item":{"pk":{"S":"a"}}}},
              {"ConditionCheck":{"TableName":"t","Key":{"pk":{"S":"b"}},"ConditionExpression":"attribute_exists(pk)"}}],
             "ClientRequestToken":"abc"}
            """
        let input = try JSONDecoder().decode(TransactWriteItemsInput.self, from: Data(body.utf8))
        #expect(input.transactItems.count == 2 && input.transactItems[1].conditionCheck?.key == ["pk": .s("b")])
        let batch = BatchWriteItemInput(requestItems: ["t": [.put(["pk": .s("a")]), .delete(["pk": .s("b")])]])
        let object = try json(batch)
        let requests = (object["RequestItems"] as? [String: Any])?["t"] as? [[String: Any]]
        #expect(requests?.map { Set($0.keys) } == [["PutRequest"], ["DeleteRequest"]])
    }

    @Test func streamShapes() throws {
        let record = StreamRecord(
            eventID: "e", eventName: .insert, awsRegion: "us-east-1",
            dynamodb: StreamRecordData(
                approximateCreationDateTime: 1, keys: ["pk": .s("a")], newImage: ["pk": .s("a")], oldImage: nil,
                sequenceNumber: "100000000000000000001", sizeBytes: 3, streamViewType: "NEW_IMAGE"))
        let object = try json(GetRecordsOutput(records: [record], nextShardIterator: "it"))
        #expect(Set(object.keys) == ["Records", "NextShardIterator"])
        let description = try json(DescribeStreamOutput(streamDescription: StreamDescription(
            streamArn: "arn", streamLabel: "l", streamStatus: "ENABLED", streamViewType: .newImage, creationRequestDateTime: 1,
            tableName: "t", keySchema: [.init(attributeName: "pk", keyType: .hash)],
            shards: [Shard(shardId: "s", sequenceNumberRange: .init(startingSequenceNumber: "1"))])))
        let stream = description["StreamDescription"] as? [String: Any]
        #expect(Set(stream?.keys ?? [:].keys) == ["StreamArn", "StreamLabel", "StreamStatus", "StreamViewType", "CreationRequestDateTime", "TableName", "KeySchema", "Shards"])
    }
}
