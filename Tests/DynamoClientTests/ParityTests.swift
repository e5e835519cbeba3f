import DynamoAPI
import DynamoClient
import DynamoModel
import Foundation
import Testing

/// One table suite, written once against `any DynamoDBService`, run against the engine in process,
/// against `sluice table serve` through `DynamoDBClient`, and against moto through `DynamoDBClient`.
/// Checks follow DynamoDB; where moto differs, the check is skipped for moto with the gap named.
@Suite(.timeLimit(.minutes(3))) struct ParityTests {
    @Test(arguments: Peer.allCases)
    func itemsWithConditionsAndReturnValues(peer: Peer) async throws {
        let db = try await PeerServices.shared.service(peer)
        let table = try await makeTable(db, "items")
        let key: Item = ["pk": s("a"), "sk": n(1)]
        let first = try await db.putItem(PutItemInput(tableName: table, item: key.merging(["label": s("one"), "hits": n(1)]) { $1 }))
        #expect(first.attributes == nil)
        let second = try await db.putItem(PutItemInput(
            tableName: table, item: key.merging(["label": s("two"), "hits": n(1), "gone": s("x")]) { $1 }, returnValues: .allOld))
        #expect(second.attributes?["label"] == s("one"))
        #expect(try await db.getItem(GetItemInput(tableName: table, key: key, consistentRead: true)).item?["label"] == s("two"))
        #expect(try await db.getItem(GetItemInput(tableName: table, key: ["pk": s("nope"), "sk": n(1)])).item == nil)

        // A failed condition, with the old item returned (ReturnValuesOnConditionCheckFailure = ALL_OLD).
        await expectConditionFailed(peer, oldItemLabel: "two") {
            _ = try await db.putItem(PutItemInput(
                tableName: table, item: key, conditionExpression: "attribute_not_exists(pk)",
                returnValuesOnConditionCheckFailure: .allOld))
        }

        let updatedNew = try await db.updateItem(UpdateItemInput(
            tableName: table, key: key, updateExpression: "SET label = :l, hits = hits + :one REMOVE gone",
            conditionExpression: "hits = :one", expressionAttributeValues: [":l": s("three"), ":one": n(1)],
            returnValues: .updatedNew))
        #expect(updatedNew.attributes == ["label": s("three"), "hits": n(2)])
        let updatedOld = try await db.updateItem(UpdateItemInput(
            tableName: table, key: key, updateExpression: "ADD hits :one", expressionAttributeValues: [":one": n(1)],
            returnValues: .updatedOld))
        #expect(updatedOld.attributes == ["hits": n(2)])
        let allOld = try await db.updateItem(UpdateItemInput(
            tableName: table, key: key, updateExpression: "SET label = :l", expressionAttributeValues: [":l": s("four")],
            returnValues: .allOld))
        #expect(allOld.attributes == key.merging(["label": s("three"), "hits": n(3)]) { $1 })
        await expectConditionFailed(peer, oldItemLabel: "four") {
            _ = try await db.updateItem(UpdateItemInput(
                tableName: table, key: key, updateExpression: "SET label = :l", conditionExpression: "hits > :big",
                expressionAttributeValues: [":l": s("never"), ":big": n(100)], returnValuesOnConditionCheckFailure: .allOld))
        }
        // An update of a missing item creates it.
        let created = try await db.updateItem(UpdateItemInput(
            tableName: table, key: ["pk": s("b"), "sk": n(1)], updateExpression: "SET hits = :one",
            expressionAttributeValues: [":one": n(1)], returnValues: .allNew))
        #expect(created.attributes == ["pk": s("b"), "sk": n(1), "hits": n(1)])

        await expectConditionFailed(peer, oldItemLabel: nil) {
            _ = try await db.deleteItem(DeleteItemInput(tableName: table, key: key, conditionExpression: "attribute_not_exists(label)"))
        }
        let deleted = try await db.deleteItem(DeleteItemInput(tableName: table, key: key, returnValues: .allOld))
        #expect(deleted.attributes?["label"] == s("four"))
        #expect(try await db.getItem(GetItemInput(tableName: table, key: key, consistentRead: true)).item == nil)

        // Errors of the service come back as the same cases.
        do {
            _ = try await db.getItem(GetItemInput(tableName: "Missing-\(UUID().uuidString.prefix(8))", key: key))
            Issue.record("expected ResourceNotFoundException")
        } catch {
            #expect(error.code == "ResourceNotFoundException", "\(error)")
        }
        do {
            _ = try await db.putItem(PutItemInput(tableName: table, item: ["pk": s("a")]))
            Issue.record("expected ValidationException")
        } catch {
            #expect(error.code == "ValidationException", "\(error)")
        }
    }

    @Test(arguments: Peer.allCases)
    func queryPagesFiltersAndIndexes(peer: Peer) async throws {
        let db = try await PeerServices.shared.service(peer)
        let table = try await makeTable(db, "query", index: true)
        for sk in 1...25 {
            _ = try await db.putItem(PutItemInput(
                tableName: table, item: ["pk": s("p"), "sk": n(sk), "status": s(sk % 2 == 0 ? "even" : "odd"), "hits": n(sk * 10)]))
        }
        for sk in 1...3 { _ = try await db.putItem(PutItemInput(tableName: table, item: ["pk": s("q"), "sk": n(sk), "status": s("other")])) }

        let values: Item = [":p": s("p")]
        var pages: [[Item]] = []
        var start: Item?
        repeat {
            let page = try await db.query(QueryInput(
                tableName: table, keyConditionExpression: "pk = :p", expressionAttributeValues: values, limit: 10, exclusiveStartKey: start))
            pages.append(page.items ?? [])
            start = page.lastEvaluatedKey
        } while start != nil && pages.count < 10
        #expect(pages.map(\.count).reduce(0, +) == 25)
        #expect(pages.flatMap { $0 }.map { $0["sk"] } == (1...25).map { n($0) })
        #expect(pages.count == 3)

        let backwards = try await db.query(QueryInput(
            tableName: table, keyConditionExpression: "pk = :p", expressionAttributeValues: values, limit: 2, scanIndexForward: false))
        #expect(backwards.items?.map { $0["sk"] } == [n(25), n(24)])

        let between = try await db.query(QueryInput(
            tableName: table, keyConditionExpression: "pk = :p AND sk BETWEEN :a AND :b",
            expressionAttributeValues: [":p": s("p"), ":a": n(5), ":b": n(9)]))
        #expect(between.items?.map { $0["sk"] } == (5...9).map { n($0) })

        // Limit applies before the filter: Count after it, ScannedCount before.
        let filtered = try await db.query(QueryInput(
            tableName: table, keyConditionExpression: "pk = :p", filterExpression: "#s = :even",
            expressionAttributeNames: ["#s": "status"], expressionAttributeValues: [":p": s("p"), ":even": s("even")], limit: 10))
        #expect(filtered.count == 5)
        #expect(filtered.scannedCount == 10)
        #expect(filtered.lastEvaluatedKey != nil)

        let projected = try await db.query(QueryInput(
            tableName: table, keyConditionExpression: "pk = :p AND sk = :one", projectionExpression: "hits",
            expressionAttributeValues: [":p": s("p"), ":one": n(1)]))
        #expect(projected.items == [["hits": n(10)]])

        // The global secondary index, read in pages of 5.
        var indexed: [Item] = []
        start = nil
        var indexPages = 0
        repeat {
            let page = try await db.query(QueryInput(
                tableName: table, indexName: "byStatus", keyConditionExpression: "#s = :even",
                expressionAttributeNames: ["#s": "status"], expressionAttributeValues: [":even": s("even")], limit: 5,
                exclusiveStartKey: start))
            indexed += page.items ?? []
            start = page.lastEvaluatedKey
            indexPages += 1
            if let key = start { #expect(Set(key.keys) == ["pk", "sk", "status"]) }
        } while start != nil && indexPages < 10
        #expect(indexed.map { $0["sk"] } == stride(from: 2, through: 24, by: 2).map { n($0) })
    }

    @Test(arguments: Peer.allCases)
    func scanPagesAndFilters(peer: Peer) async throws {
        let db = try await PeerServices.shared.service(peer)
        let table = try await makeTable(db, "scan")
        for index in 0..<28 {
            _ = try await db.putItem(PutItemInput(tableName: table, item: ["pk": s("k\(index % 4)"), "sk": n(index), "hits": n(index)]))
        }
        var seen: [Item] = []
        var start: Item?
        var pages = 0
        repeat {
            let page = try await db.scan(ScanInput(tableName: table, limit: 7, exclusiveStartKey: start))
            #expect(page.items?.count ?? 0 <= 7)
            seen += page.items ?? []
            start = page.lastEvaluatedKey
            pages += 1
        } while start != nil && pages < 20
        #expect(seen.count == 28)
        #expect(Set(seen.compactMap { $0["sk"] }) == Set((0..<28).map { n($0) }))
        let filtered = try await db.scan(ScanInput(
            tableName: table, filterExpression: "hits >= :x", expressionAttributeValues: [":x": n(20)]))
        #expect(filtered.count == 8)
        #expect(filtered.scannedCount == 28)
    }

    @Test(arguments: Peer.allCases)
    func batchWritesAndGets(peer: Peer) async throws {
        let db = try await PeerServices.shared.service(peer)
        let table = try await makeTable(db, "batch")
        let puts = (0..<25).map { WriteRequest(putRequest: .init(item: ["pk": s("b"), "sk": n($0), "label": s("item \($0)")])) }
        let written = try await db.batchWriteItem(BatchWriteItemInput(requestItems: [table: puts]))
        #expect(written.unprocessedItems.values.allSatisfy { $0.isEmpty })
        let keys = (0..<30).map { ["pk": s("b"), "sk": n($0)] as Item }
        let read = try await db.batchGetItem(BatchGetItemInput(requestItems: [
            table: KeysAndAttributes(keys: keys, projectionExpression: "sk, label", consistentRead: true)
        ]))
        let items = read.responses[table] ?? []
        #expect(items.count == 25)
        #expect(items.first { $0["sk"] == n(3) } == ["sk": n(3), "label": s("item 3")])
        #expect(read.unprocessedKeys.isEmpty)
        let deletes = (0..<10).map { WriteRequest(deleteRequest: .init(key: ["pk": s("b"), "sk": n($0)])) }
        _ = try await db.batchWriteItem(BatchWriteItemInput(requestItems: [table: deletes]))
        let left = try await db.scan(ScanInput(tableName: table, select: .count))
        #expect(left.count == 15)
        // More than 25 requests is a ValidationException.
        // Known peer gap (moto): it accepts a BatchWriteItem of more than 25 requests.
        if peer != .moto { do {
            let tooMany = (0..<26).map { WriteRequest(putRequest: .init(item: ["pk": s("c"), "sk": n($0)])) }
            _ = try await db.batchWriteItem(BatchWriteItemInput(requestItems: [table: tooMany]))
            Issue.record("expected ValidationException")
        } catch {
            #expect(error.code == "ValidationException", "\(error)")
        } }
    }

    @Test(arguments: Peer.allCases)
    func transactionsAndCancellationReasons(peer: Peer) async throws {
        let db = try await PeerServices.shared.service(peer)
        let table = try await makeTable(db, "tx")
        let a: Item = ["pk": s("a"), "sk": n(0)], b: Item = ["pk": s("b"), "sk": n(0)], c: Item = ["pk": s("c"), "sk": n(0)]
        _ = try await db.putItem(PutItemInput(tableName: table, item: c.merging(["hits": n(1)]) { $1 }))
        _ = try await db.transactWriteItems(TransactWriteItemsInput(transactItems: [
            TransactWriteItem(put: TransactPut(tableName: table, item: a.merging(["label": s("A")]) { $1 })),
            TransactWriteItem(update: TransactUpdate(
                tableName: table, key: b, updateExpression: "SET hits = :one", expressionAttributeValues: [":one": n(1)])),
            TransactWriteItem(conditionCheck: TransactCondition(tableName: table, key: c, conditionExpression: "attribute_exists(pk)")),
        ]))
        #expect(try await db.getItem(GetItemInput(tableName: table, key: b, consistentRead: true)).item?["hits"] == n(1))

        let d: Item = ["pk": s("d"), "sk": n(0)]
        do {
            _ = try await db.transactWriteItems(TransactWriteItemsInput(transactItems: [
                TransactWriteItem(put: TransactPut(tableName: table, item: d)),
                TransactWriteItem(conditionCheck: TransactCondition(
                    tableName: table, key: a, conditionExpression: "attribute_not_exists(pk)", returnValuesOnConditionCheckFailure: .allOld)),
                TransactWriteItem(update: TransactUpdate(
                    tableName: table, key: b, updateExpression: "SET hits = :two", expressionAttributeValues: [":two": n(2)])),
            ]))
            Issue.record("expected TransactionCanceledException")
        } catch {
            guard case .transactionCanceledException(_, let reasons) = error else {
                Issue.record("expected TransactionCanceledException, got \(error)")
                return
            }
            #expect(reasons.map(\.code) == ["None", "ConditionalCheckFailed", "None"])
            #expect(reasons[1].item?["label"] == s("A"))
        }
        #expect(try await db.getItem(GetItemInput(tableName: table, key: d, consistentRead: true)).item == nil)
        #expect(try await db.getItem(GetItemInput(tableName: table, key: b, consistentRead: true)).item?["hits"] == n(1))

        let got = try await db.transactGetItems(TransactGetItemsInput(transactItems: [
            TransactGetItem(get: TransactGet(tableName: table, key: a)),
            TransactGetItem(get: TransactGet(tableName: table, key: d)),
            TransactGetItem(get: TransactGet(tableName: table, key: c, projectionExpression: "hits")),
        ]))
        #expect(got.responses.count == 3)
        #expect(got.responses[0].item?["label"] == s("A"))
        #expect(got.responses[1].item == nil)
        if peer == .moto {
            // Known peer gap (moto): TransactGetItems ignores ProjectionExpression and returns the whole item.
            #expect(got.responses[2].item?["hits"] == n(1))
        } else {
            #expect(got.responses[2].item == ["hits": n(1)])
        }
    }

    @Test(arguments: Peer.allCases)
    func streamRecordsThroughTheStreamsAPI(peer: Peer) async throws {
        let db = try await PeerServices.shared.service(peer)
        let table = try await makeTable(db, "stream", stream: .newAndOldImages)
        let key: Item = ["pk": s("k1"), "sk": n(1)]
        _ = try await db.putItem(PutItemInput(tableName: table, item: key.merging(["hits": n(1)]) { $1 }))
        _ = try await db.updateItem(UpdateItemInput(
            tableName: table, key: key, updateExpression: "SET hits = :two", expressionAttributeValues: [":two": n(2)]))
        // A put that changes nothing writes no record.
        _ = try await db.putItem(PutItemInput(tableName: table, item: key.merging(["hits": n(2)]) { $1 }))
        _ = try await db.deleteItem(DeleteItemInput(tableName: table, key: key))
        _ = try await db.putItem(PutItemInput(tableName: table, item: ["pk": s("k2"), "sk": n(1)]))

        let streams = try await db.listStreams(ListStreamsInput(tableName: table))
        #expect(streams.streams.count == 1)
        let arn = try #require(streams.streams.first?.streamArn)
        let description = try await db.describeStream(DescribeStreamInput(streamArn: arn)).streamDescription
        #expect(description.streamViewType == .newAndOldImages)
        #expect(!description.shards.isEmpty)
        var records: [StreamRecord] = []
        for shard in description.shards {
            var iterator = try await db.getShardIterator(GetShardIteratorInput(
                streamArn: arn, shardId: shard.shardId, shardIteratorType: .trimHorizon)).shardIterator
            var reads = 0
            while let current = iterator, reads < 20 {
                let page = try await db.getRecords(GetRecordsInput(shardIterator: current))
                records += page.records
                iterator = page.records.isEmpty ? nil : page.nextShardIterator
                reads += 1
            }
        }
        let first = records.filter { $0.dynamodb.keys["pk"] == s("k1") }
        if peer == .moto {
            // Known peer gap (moto): a put that changes nothing still writes a MODIFY record.
            #expect(first.map(\.eventName) == [.insert, .modify, .modify, .remove])
        } else {
            #expect(first.map(\.eventName) == [.insert, .modify, .remove])
        }
        #expect(first.first?.dynamodb.newImage?["hits"] == n(1))
        #expect(first.dropFirst().first?.dynamodb.oldImage?["hits"] == n(1))
        #expect(first.dropFirst().first?.dynamodb.newImage?["hits"] == n(2))
        #expect(first.last?.dynamodb.oldImage?["hits"] == n(2))
        #expect(first.last?.dynamodb.newImage == nil)
        #expect(first.allSatisfy { $0.eventSource == "aws:dynamodb" && !$0.eventID.isEmpty })
        let sequence = first.compactMap { Decimal(string: $0.dynamodb.sequenceNumber) }
        #expect(sequence == sequence.sorted() && sequence.count == first.count)
        #expect(records.contains { $0.dynamodb.keys["pk"] == s("k2") && $0.eventName == .insert })
    }
}

// MARK: Helpers

func s(_ value: String) -> AttributeValue { .s(value) }
func n(_ value: Int) -> AttributeValue { .n(String(value)) }

/// A new table `pk` (S) + `sk` (N), optionally with the GSI `byStatus` (status, sk) and a stream.
func makeTable(_ db: any DynamoDBService, _ base: String, index: Bool = false, stream: StreamViewType? = nil) async throws -> String {
    let name = "\(base)-\(UUID().uuidString.prefix(8))"
    var definitions = [AttributeDefinition(attributeName: "pk", attributeType: .s), AttributeDefinition(attributeName: "sk", attributeType: .n)]
    var indexes: [SecondaryIndex]?
    if index {
        definitions.append(AttributeDefinition(attributeName: "status", attributeType: .s))
        indexes = [SecondaryIndex(indexName: "byStatus", keySchema: [
            KeySchemaElement(attributeName: "status", keyType: .hash), KeySchemaElement(attributeName: "sk", keyType: .range),
        ])]
    }
    _ = try await db.createTable(CreateTableInput(
        tableName: name,
        keySchema: [KeySchemaElement(attributeName: "pk", keyType: .hash), KeySchemaElement(attributeName: "sk", keyType: .range)],
        attributeDefinitions: definitions, globalSecondaryIndexes: indexes,
        streamSpecification: stream.map { StreamSpecification(streamEnabled: true, streamViewType: $0) }))
    return name
}

/// Runs `body`, which must fail with ConditionalCheckFailedException carrying the old item's label (when given).
func expectConditionFailed(
    _ peer: Peer, oldItemLabel: String?, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected ConditionalCheckFailedException", sourceLocation: sourceLocation)
    } catch {
        guard case .conditionalCheckFailedException(_, let item) = error as? DynamoError else {
            Issue.record("expected ConditionalCheckFailedException, got \(error)", sourceLocation: sourceLocation)
            return
        }
        if let oldItemLabel {
            #expect(item?["label"] == s(oldItemLabel), sourceLocation: sourceLocation)
        } else {
            #expect(item == nil, sourceLocation: sourceLocation)
        }
    }
}
