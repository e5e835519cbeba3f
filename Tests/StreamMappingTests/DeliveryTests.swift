import DynamoModel
import Foundation
import LambdaEvents
import SluiceJSON
import StreamMapping
import Testing

/// Batching, filters, parallelization, checkpoints and status, through the real fixture bootstrap.
@Suite(.serialized, .timeLimit(.minutes(3))) struct DeliveryTests {
    @Test func filtersDropWhatMatchesNoPattern() async throws {
        let stack = try await Stack()
        try await stack.put("order-1", 1, ["status": .s("shipped")])
        try await stack.put("order-2", 2, ["status": .s("pending")])
        try await stack.put("user-3", 20)
        try await stack.put("user-4", 3)
        let settings = try MappingSettings.with {
            $0.filters = try [
                #"{"dynamodb":{"NewImage":{"status":{"S":["shipped"]}}}}"#,
                #"{"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"user-"}]}},"NewImage":{"v":{"N":[{"numeric":[">",10]}]}}}}"#,
            ].map { try FilterPattern(json: $0) }
        }
        let supervisor = try stack.supervisor(settings, pool: stack.pool("stream-ok"))
        #expect(await supervisor.waitUntilDrained())
        await supervisor.stop()
        await stack.shutdown()
        #expect(stack.deliveries().flatMap { $0 }.map(\.pk) == ["order-1", "user-3"])
        let status = try #require(supervisor.status().first)
        #expect(status.recordsFiltered == 2 && status.recordsDelivered == 2)
        #expect(status.shards.first?.checkpoint == (try stack.records().last?.dynamodb.sequenceNumber), "dropped records count as processed")
    }

    @Test func theEventIsWhatLambdaSends() async throws {
        let stack = try await Stack()
        try await stack.put("a", 1)
        try await stack.put("b", 2, ["note": .m(["x": .l([.n("1.50"), .null])])])
        let supervisor = try stack.supervisor(MappingSettings(), pool: stack.pool("stream-ok"))
        #expect(await supervisor.waitUntilDrained())
        await supervisor.stop()
        await stack.shutdown()
        let lines = try String(contentsOfFile: stack.eventLog, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        let event = try SluiceJSONDecoder().decode(DynamoDBEvent.self, from: String(lines[0]))
        let records = try stack.records()
        #expect(event.records == records)
        #expect(event.records.allSatisfy { $0.eventSourceARN?.contains(":table/items/stream/") == true })
        let expected = try JSONValue(parsing: SluiceJSONEncoder().encode(DynamoDBEvent(records: records)))
        #expect(try JSONValue(parsing: String(lines[0])).jsonString(formatting: .sortedKeys) == expected.jsonString(formatting: .sortedKeys))
    }

    @Test func batchSizeAndBatchingWindow() async throws {
        let stack = try await Stack()
        let supervisor = try stack.supervisor(
            .with {
                $0.batchSize = 4
                $0.maximumBatchingWindowSeconds = 1
            }, pool: stack.pool("stream-ok"))
        #expect(await stack.wait { supervisor.status().first?.running == true })
        let started = ContinuousClock.now
        for i in 0..<3 { try await stack.put("w-\(i)", i) }
        #expect(await stack.wait { stack.deliveries().count == 1 })
        let waited = ContinuousClock.now - started
        #expect(waited >= .milliseconds(900), "the window held the batch (\(waited))")
        #expect(stack.deliveries().first?.count == 3)

        for i in 0..<10 { try await stack.put("b-\(i)", i) }
        #expect(await supervisor.waitUntilDrained())
        await supervisor.stop()
        await stack.shutdown()
        let sizes = stack.deliveries().dropFirst().map(\.count)
        #expect(sizes.allSatisfy { $0 <= 4 } && sizes.reduce(0, +) == 10, "\(sizes)")
        #expect(sizes.prefix(2) == [4, 4], "full batches go at once")
    }

    @Test func parallelizationKeepsOrderPerItem() async throws {
        let stack = try await Stack()
        for round in 0..<5 {
            for key in 0..<8 { try await stack.put("k\(key)", round) }
        }
        let supervisor = try stack.supervisor(
            .with {
                $0.parallelizationFactor = 4
                $0.batchSize = 3
            }, pool: stack.pool("stream-ok", concurrency: 4, sleepMs: 30))
        #expect(await supervisor.waitUntilDrained(timeout: .seconds(20)))
        await supervisor.stop()
        await stack.shutdown()
        let all = stack.deliveries().flatMap { $0 }
        #expect(all.count == 40 && Set(all.map(\.sequenceNumber)).count == 40, "each record once")
        for key in 0..<8 {
            let versions = all.filter { $0.pk == "k\(key)" }.map(\.version)
            #expect(versions == ["0", "1", "2", "3", "4"], "k\(key): \(versions)")
        }
        // With 4 lanes the global order is interleaved; with one lane it would be the stream's order.
        let numbers = all.map(\.sequenceNumber)
        #expect(numbers != numbers.sorted(), "batches ran side by side")
    }

    @Test func aRestartNeitherLosesNorRedelivers() async throws {
        let stack = try await Stack(shards: 2)
        for i in 0..<30 { try await stack.put("r-\(i)", i) }
        let settings = MappingSettings.with { $0.batchSize = 3 }
        let first = try stack.supervisor(settings, pool: stack.pool("stream-ok", sleepMs: 40))
        #expect(await stack.wait { stack.deliveries().count >= 3 })
        await first.stop()
        let deliveredBefore = stack.deliveries().flatMap { $0 }.count
        #expect(deliveredBefore < 30, "stopped in the middle (\(deliveredBefore))")
        for i in 30..<40 { try await stack.put("r-\(i)", i) }

        let second = try stack.supervisor(settings, pool: stack.pool("stream-ok"))
        #expect(await second.waitUntilDrained())
        await second.stop()
        await stack.shutdown()
        var counts: [String: Int] = [:]
        for delivery in stack.deliveries().flatMap({ $0 }) { counts[delivery.sequenceNumber, default: 0] += 1 }
        let numbers = try stack.records().map(\.dynamodb.sequenceNumber)
        #expect(numbers.count == 40)
        #expect(numbers.allSatisfy { counts[$0] == 1 }, "every record exactly once: \(counts.values.sorted())")

        let saved = try SluiceJSONDecoder().decode(
            MappingCheckpoint.self, from: String(contentsOfFile: stack.dataDirectory + "/checkpoints/Consumer-Stream.json", encoding: .utf8))
        let shards = try stack.engine.streamShards(table: "items")
        for shard in shards {
            let last = try stack.engine.readStream(table: "items", shard: shard.index, limit: 1000).last?.dynamodb.sequenceNumber
            #expect(saved.shards[shard.shardId]?.sequenceNumber == last && saved.shards[shard.shardId]?.acknowledged == [])
        }
    }

    @Test func aRestartWithParallelLanesKeepsAcknowledgedRecords() async throws {
        let stack = try await Stack()
        for round in 0..<4 {
            for key in 0..<6 { try await stack.put("p\(key)", round) }
        }
        let settings = MappingSettings.with {
            $0.parallelizationFactor = 3
            $0.batchSize = 2
        }
        let first = try stack.supervisor(settings, pool: stack.pool("stream-ok", concurrency: 3, sleepMs: 40))
        #expect(await stack.wait { stack.deliveries().count >= 4 })
        await first.stop()
        let second = try stack.supervisor(settings, pool: stack.pool("stream-ok", concurrency: 3))
        #expect(await second.waitUntilDrained())
        await second.stop()
        await stack.shutdown()
        var counts: [String: Int] = [:]
        for delivery in stack.deliveries().flatMap({ $0 }) { counts[delivery.sequenceNumber, default: 0] += 1 }
        #expect(counts.count == 24 && counts.values.allSatisfy { $0 == 1 }, "\(counts.values.sorted())")
    }

    @Test func latestSkipsWhatWasThereBefore() async throws {
        let stack = try await Stack()
        try await stack.put("old", 1)
        let supervisor = try stack.supervisor(.with { $0.startingPosition = .latest }, pool: stack.pool("stream-ok"))
        #expect(await supervisor.waitUntilDrained())
        try await stack.put("new", 2)
        #expect(await stack.wait { !stack.deliveries().isEmpty })
        #expect(await supervisor.waitUntilDrained())
        await supervisor.stop()
        await stack.shutdown()
        #expect(stack.deliveries().flatMap { $0 }.map(\.pk) == ["new"])
    }

    @Test func statusReportsLagThatDrainsToZero() async throws {
        let stack = try await Stack(shards: 2)
        for i in 0..<20 { try await stack.put("s-\(i)", i) }
        stack.clock.advance(by: 5)
        let supervisor = try stack.supervisor(.with { $0.batchSize = 5 }, pool: stack.pool("stream-ok", sleepMs: 100))
        #expect(await stack.wait { supervisor.status().first?.running == true })
        let busy = try #require(supervisor.status().first)
        #expect(busy.shards.count == 2 && busy.recordsBehind > 0 && busy.recordsBehind <= 20)
        #expect(busy.iteratorAgeMilliseconds >= 5000)
        #expect(!supervisor.drained())
        #expect(await supervisor.waitUntilDrained())
        let idle = try #require(supervisor.status().first)
        #expect(idle.recordsBehind == 0 && idle.iteratorAgeMilliseconds == 0)
        #expect(idle.recordsDelivered == 20 && idle.invocations >= 4 && idle.errors == 0 && idle.lastError == nil)
        await supervisor.stop()
        await stack.shutdown()
    }
}

