import DynamoAPI
import DynamoModel
import Testing
@testable import TableEngine

@Suite struct StreamTests {
    @Test func recordContentPerChange() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable(stream: .newAndOldImages)
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("a"), "v": n(1)]))
        _ = try await t.engine.updateItem(UpdateItemInput(
            tableName: "simple", key: ["pk": s("a")], updateExpression: "SET v = :two", expressionAttributeValues: [":two": n(2)]))
        _ = try await t.engine.deleteItem(DeleteItemInput(tableName: "simple", key: ["pk": s("a")]))
        let shards = try t.allRecords("simple")
        let records = shards.first { !$0.isEmpty } ?? []
        #expect(shards.filter { !$0.isEmpty }.count == 1)
        #expect(records.map(\.eventName) == [.insert, .modify, .remove])
        #expect(records.map(\.dynamodb.newImage) == [["pk": s("a"), "v": n(1)], ["pk": s("a"), "v": n(2)], nil])
        #expect(records.map(\.dynamodb.oldImage) == [nil, ["pk": s("a"), "v": n(1)], ["pk": s("a"), "v": n(2)]])
        let arn = try t.engine.streamShards(table: "simple")[0].streamArn
        #expect(arn.hasPrefix("arn:aws:dynamodb:us-east-1:000000000000:table/simple/stream/2023-11-14T22:13:20.000"))
        for r in records {
            #expect(r.eventVersion == "1.1" && r.eventSource == "aws:dynamodb" && r.awsRegion == "us-east-1")
            #expect(r.dynamodb.keys == ["pk": s("a")])
            #expect(r.dynamodb.sequenceNumber.count == 21)
            #expect(r.dynamodb.sizeBytes > 0)
            #expect(r.dynamodb.streamViewType == "NEW_AND_OLD_IMAGES")
            #expect(r.dynamodb.approximateCreationDateTime == 1_700_000_000)
            #expect(r.eventSourceARN == arn)
            #expect(r.eventID.count == 32)
            #expect(r.userIdentity == nil)
        }
        let numbers = records.map { $0.dynamodb.sequenceNumber }
        #expect(numbers == numbers.sorted() && Set(numbers).count == 3)
    }

    @Test(arguments: [StreamViewType.keysOnly, .newImage, .oldImage, .newAndOldImages])
    func viewTypes(_ view: StreamViewType) async throws {
        let t = try TestEngine(shards: 1)
        try await t.createSimpleTable(stream: view)
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("a"), "v": n(1)]))
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("a"), "v": n(2)]))
        let r = try t.allRecords("simple")[0]
        #expect(r.count == 2)
        let wantsNew = view == .newImage || view == .newAndOldImages, wantsOld = view == .oldImage || view == .newAndOldImages
        #expect((r[1].dynamodb.newImage != nil) == wantsNew)
        #expect((r[1].dynamodb.oldImage != nil) == wantsOld)
        #expect(r[1].dynamodb.streamViewType == view.rawValue)
    }

    @Test func writesThatChangeNothingWriteNoRecord() async throws {
        let t = try TestEngine()
        try await t.createItemsTable()
        let item: Item = ["pk": s("a"), "sk": n(1), "v": .n("1.50"), "set": .ss(["x", "y"])]
        _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: item))
        _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("a"), "sk": n(1), "v": .n("1.5"), "set": .ss(["y", "x"])]))
        _ = try await t.engine.deleteItem(DeleteItemInput(tableName: "items", key: ["pk": s("missing"), "sk": n(1)]))
        _ = try await t.engine.updateItem(UpdateItemInput(
            tableName: "items", key: ["pk": s("a"), "sk": n(1)], updateExpression: "SET v = :v", expressionAttributeValues: [":v": .n("1.5")]))
        _ = try? await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("a"), "sk": n(1)], conditionExpression: "attribute_not_exists(pk)"))
        _ = try await t.engine.batchWriteItem(BatchWriteItemInput(requestItems: ["items": [.put(item), .delete(["pk": s("zz"), "sk": n(0)])]]))
        let records = try t.allRecords("items").flatMap { $0 }
        #expect(records.map(\.eventName) == [.insert])
    }

    @Test func orderPerItemAndShardsByPartitionKey() async throws {
        let t = try TestEngine(shards: 4)
        try await t.createSimpleTable(stream: .newImage)
        for round in 0..<5 {
            for i in 0..<40 {
                _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("k\(i)"), "round": n(round)]))
            }
        }
        let shards = try t.allRecords("simple")
        #expect(shards.count == 4)
        #expect(shards.filter { $0.count > 0 }.count >= 3)
        var shardOfItem: [AttributeValue: Int] = [:]
        for (index, records) in shards.enumerated() {
            let numbers = records.map { $0.dynamodb.sequenceNumber }
            #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 })
            var lastRound: [AttributeValue: Int] = [:]
            for r in records {
                let key = r.dynamodb.keys["pk"]!
                #expect(shardOfItem.updateValue(index, forKey: key).map { $0 == index } ?? true)
                guard case .n(let text)? = r.dynamodb.newImage?["round"], let round = Int(text) else { Issue.record("no round"); continue }
                #expect(round == (lastRound[key] ?? -1) + 1)
                lastRound[key] = round
            }
        }
        #expect(shards.reduce(0) { $0 + $1.count } == 200)
    }

    @Test func streamsAPI() async throws {
        let t = try TestEngine(shards: 2)
        try await t.createSimpleTable(stream: .keysOnly)
        try await t.createSimpleTable("plain")
        for i in 0..<30 { _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("k\(i)")])) }
        let streams = try await t.engine.listStreams(ListStreamsInput())
        #expect(streams.streams.count == 1 && streams.streams[0].tableName == "simple")
        let arn = streams.streams[0].streamArn
        #expect(try await t.engine.describeTable(DescribeTableInput(tableName: "simple")).table.latestStreamArn == arn)
        let described = try await t.engine.describeStream(DescribeStreamInput(streamArn: arn)).streamDescription
        #expect(described.streamStatus == "ENABLED" && described.streamViewType == .keysOnly && described.tableName == "simple")
        #expect(described.shards.count == 2)
        #expect(described.keySchema == [.init(attributeName: "pk", keyType: .hash)])
        for shard in described.shards {
            #expect(shard.shardId.hasPrefix("shardId-00000001700000000000-") && shard.shardId.count == 37)
            #expect(shard.sequenceNumberRange.endingSequenceNumber == nil)
        }
        var total: [StreamRecord] = []
        for shard in described.shards {
            var iterator = try await t.engine.getShardIterator(GetShardIteratorInput(
                streamArn: arn, shardId: shard.shardId, shardIteratorType: .trimHorizon)).shardIterator
            var pages = 0
            while let current = iterator {
                let out = try await t.engine.getRecords(GetRecordsInput(shardIterator: current, limit: 4))
                #expect(out.records.count <= 4)
                #expect(out.records.allSatisfy { $0.eventSourceARN == nil })
                total += out.records
                pages += 1
                iterator = out.records.isEmpty ? nil : out.nextShardIterator
            }
            #expect(pages >= 2)
        }
        #expect(total.count == 30)
        // LATEST sees only what comes after; AT/AFTER_SEQUENCE_NUMBER position precisely
        let shard0 = described.shards[0].shardId
        let latest = try await t.engine.getShardIterator(GetShardIteratorInput(streamArn: arn, shardId: shard0, shardIteratorType: .latest)).shardIterator!
        #expect(try await t.engine.getRecords(GetRecordsInput(shardIterator: latest)).records.isEmpty)
        let first = try await t.engine.getRecords(GetRecordsInput(shardIterator: try await t.engine.getShardIterator(GetShardIteratorInput(
            streamArn: arn, shardId: shard0, shardIteratorType: .trimHorizon)).shardIterator!, limit: 3)).records
        let at = try await t.engine.getShardIterator(GetShardIteratorInput(
            streamArn: arn, shardId: shard0, shardIteratorType: .atSequenceNumber, sequenceNumber: first[1].dynamodb.sequenceNumber)).shardIterator!
        #expect(try await t.engine.getRecords(GetRecordsInput(shardIterator: at, limit: 1)).records.first == first[1])
        let after = try await t.engine.getShardIterator(GetShardIteratorInput(
            streamArn: arn, shardId: shard0, shardIteratorType: .afterSequenceNumber, sequenceNumber: first[1].dynamodb.sequenceNumber)).shardIterator!
        #expect(try await t.engine.getRecords(GetRecordsInput(shardIterator: after, limit: 1)).records.first == first[2])
        await expectError("ValidationException", "Invalid ShardIterator") {
            _ = try await t.engine.getRecords(GetRecordsInput(shardIterator: "garbage"))
        }
        await expectError("ResourceNotFoundException") {
            _ = try await t.engine.describeStream(DescribeStreamInput(streamArn: arn + "x"))
        }
        // iterators expire after 15 minutes
        t.clock.advance(by: 15 * 60 + 1)
        await expectError("ExpiredIteratorException") { _ = try await t.engine.getRecords(GetRecordsInput(shardIterator: latest)) }
    }

    @Test func retentionTrimsAndTrimmedReadsFail() async throws {
        let t = try TestEngine(shards: 1)
        try await t.createSimpleTable(stream: .newImage)
        for i in 0..<5 { _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("old\(i)")])) }
        let arn = try t.engine.streamShards(table: "simple")[0].streamArn
        let shard = try t.engine.streamShards(table: "simple")[0].shardId
        let old = try t.engine.readStream(table: "simple", shard: 0)
        let stale = try await t.engine.getShardIterator(GetShardIteratorInput(streamArn: arn, shardId: shard, shardIteratorType: .trimHorizon)).shardIterator!
        t.clock.advance(by: 23 * 3600)
        for i in 0..<3 { _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("new\(i)")])) }
        t.clock.advance(by: 2 * 3600)
        #expect(try await t.engine.trimStreams() == 5)
        let remaining = try t.engine.readStream(table: "simple", shard: 0)
        #expect(remaining.map { $0.dynamodb.keys["pk"] } == [s("new0"), s("new1"), s("new2")])
        await expectError("TrimmedDataAccessException") {
            _ = try await t.engine.getShardIterator(GetShardIteratorInput(
                streamArn: arn, shardId: shard, shardIteratorType: .atSequenceNumber, sequenceNumber: old[2].dynamodb.sequenceNumber))
        }
        _ = stale
        let fresh = try await t.engine.getShardIterator(GetShardIteratorInput(streamArn: arn, shardId: shard, shardIteratorType: .afterSequenceNumber, sequenceNumber: remaining[0].dynamodb.sequenceNumber)).shardIterator!
        #expect(try await t.engine.getRecords(GetRecordsInput(shardIterator: fresh)).records.count == 2)
        let horizon = try await t.engine.getShardIterator(GetShardIteratorInput(streamArn: arn, shardId: shard, shardIteratorType: .trimHorizon)).shardIterator!
        #expect(try await t.engine.getRecords(GetRecordsInput(shardIterator: horizon)).records.count == 3)
        #expect(throws: DynamoError.self) { _ = try t.engine.readStream(table: "simple", shard: 0, after: old[0].dynamodb.sequenceNumber) }
        // trimming everything and reopening never reuses a sequence number
        t.clock.advance(by: 25 * 3600)
        #expect(try await t.engine.trimStreams() == 3)
        try t.reopen()
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("later")]))
        let later = try t.engine.readStream(table: "simple", shard: 0)
        #expect(later.count == 1 && later[0].dynamodb.sequenceNumber > remaining[2].dynamodb.sequenceNumber)
    }

    @Test func timeToLiveSweep() async throws {
        let t = try TestEngine(shards: 1)
        try await t.createItemsTable(stream: .newAndOldImages)
        #expect(try await t.engine.describeTimeToLive(DescribeTimeToLiveInput(tableName: "items")).timeToLiveDescription.timeToLiveStatus == "DISABLED")
        let now = Int(t.clock.now())
        _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("a"), "sk": n(1), "exp": n(now - 10), "status": s("open")]))
        _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("b"), "sk": n(1), "exp": n(now + 100)]))
        _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("c"), "sk": n(1), "exp": s("soon")]))
        _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("d"), "sk": n(1)]))
        _ = try await t.engine.updateTimeToLive(UpdateTimeToLiveInput(tableName: "items", timeToLiveSpecification: .init(attributeName: "exp", enabled: true)))
        let described = try await t.engine.describeTimeToLive(DescribeTimeToLiveInput(tableName: "items")).timeToLiveDescription
        #expect(described == TimeToLiveDescription(timeToLiveStatus: "ENABLED", attributeName: "exp"))
        await expectError("ValidationException", "TimeToLive is already enabled") {
            _ = try await t.engine.updateTimeToLive(UpdateTimeToLiveInput(tableName: "items", timeToLiveSpecification: .init(attributeName: "exp", enabled: true)))
        }
        #expect(try await t.engine.sweepExpiredItems() == 1)
        #expect(try await t.engine.getItem(GetItemInput(tableName: "items", key: ["pk": s("a"), "sk": n(1)])).item == nil)
        // the index entry went with it
        let open = try await t.engine.query(QueryInput(tableName: "items", indexName: "byStatus", keyConditionExpression: "#s = :o",
            expressionAttributeNames: ["#s": "status"], expressionAttributeValues: [":o": s("open")]))
        #expect(open.count == 0)
        t.clock.advance(by: 200)
        _ = try await t.engine.putItem(PutItemInput(tableName: "items", item: ["pk": s("e"), "sk": n(1), "exp": n(now + 150)]))
        #expect(try await t.engine.sweepExpiredItems() == 2)
        let removes = try t.allRecords("items")[0].filter { $0.eventName == .remove }
        #expect(removes.map { $0.dynamodb.keys["pk"] } == [s("a"), s("b"), s("e")])
        #expect(removes.allSatisfy { $0.userIdentity == .timeToLive && $0.dynamodb.oldImage != nil })
        // a user delete carries no identity
        _ = try await t.engine.deleteItem(DeleteItemInput(tableName: "items", key: ["pk": s("d"), "sk": n(1)]))
        #expect(try t.allRecords("items")[0].last?.userIdentity == nil)
    }

    @Test func disablingAndReenablingTheStream() async throws {
        let t = try TestEngine(shards: 1)
        try await t.createSimpleTable(stream: .newImage)
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("a")]))
        let firstArn = try t.engine.streamShards(table: "simple")[0].streamArn
        _ = try await t.engine.updateTable(UpdateTableInput(tableName: "simple", streamSpecification: .init(streamEnabled: false)))
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("b")]))
        let disabled = try await t.engine.describeStream(DescribeStreamInput(streamArn: firstArn)).streamDescription
        #expect(disabled.streamStatus == "DISABLED")
        #expect(disabled.shards[0].sequenceNumberRange.endingSequenceNumber != nil)
        #expect(try t.engine.readStream(table: "simple", shard: 0).count == 1)
        await expectError("ValidationException") {
            _ = try await t.engine.updateTable(UpdateTableInput(tableName: "simple", streamSpecification: .init(streamEnabled: false)))
        }
        t.clock.advance(by: 1)
        _ = try await t.engine.updateTable(UpdateTableInput(tableName: "simple", streamSpecification: .init(streamEnabled: true, streamViewType: .keysOnly)))
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("c")]))
        let secondArn = try t.engine.streamShards(table: "simple")[0].streamArn
        #expect(secondArn != firstArn)
        #expect(try t.engine.readStream(table: "simple", shard: 0).map { $0.dynamodb.keys["pk"] } == [s("c")])
        #expect(try await t.engine.listStreams(ListStreamsInput(tableName: "simple")).streams.count == 2)
        try t.reopen()
        #expect(try t.engine.streamShards(table: "simple")[0].streamArn == secondArn)
        _ = try await t.engine.putItem(PutItemInput(tableName: "simple", item: ["pk": s("d")]))
        let afterReopen = try t.engine.readStream(table: "simple", shard: 0)
        #expect(afterReopen.map { $0.dynamodb.keys["pk"] } == [s("c"), s("d")])
        #expect(afterReopen[1].dynamodb.sequenceNumber > afterReopen[0].dynamodb.sequenceNumber)
    }
}
