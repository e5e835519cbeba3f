import DynamoModel
import StreamMapping
import Testing

/// Retries, bisection, partial batch responses and the failure file, through the real fixture bootstrap.
@Suite(.serialized, .timeLimit(.minutes(3))) struct FailureHandlingTests {
    @Test func bisectIsolatesThePoisonRecord() async throws {
        let stack = try await Stack()
        for i in 0..<10 { try await stack.put(i == 6 ? "poison-6" : "item-\(i)", i) }
        let records = try stack.records()
        let supervisor = try stack.supervisor(
            .with {
                $0.batchSize = 10
                $0.bisectBatchOnFunctionError = true
                $0.maximumRetryAttempts = 1
                $0.onFailureDestination = "arn:aws:sqs:us-east-1:123456789012:dlq"
            }, pool: stack.pool("stream-poison"))
        #expect(await supervisor.waitUntilDrained())
        await supervisor.stop()
        await stack.shutdown()

        let poison = records[6].dynamodb.sequenceNumber
        let invocations = stack.deliveries()
        #expect(invocations.first?.count == 10, "the first batch holds all ten records")
        let succeeded = invocations.filter { !$0.contains { $0.sequenceNumber == poison } }.flatMap { $0 }
        #expect(succeeded.map(\.sequenceNumber) == records.map(\.dynamodb.sequenceNumber).filter { $0 != poison },
                "every other record delivered once, in order")
        #expect(invocations.filter { $0.map(\.sequenceNumber) == [poison] }.count == 2, "alone: first try and one retry")

        let failures = try stack.failureRecords()
        #expect(failures.count == 1)
        let failure = try #require(failures.first)
        #expect(failure.requestContext.condition == .retryAttemptsExhausted)
        #expect(failure.requestContext.functionArn == "arn:aws:lambda:us-east-1:012345678912:function:Consumer")
        #expect(failure.requestContext.approximateInvokeCount >= 2)
        #expect(failure.responseContext?.functionError == "Unhandled" && failure.responseContext?.statusCode == 200)
        #expect(failure.version == "1.0" && failure.timestamp == "2023-11-14T22:13:20.000Z")
        #expect(failure.batchInfo.startSequenceNumber == poison && failure.batchInfo.endSequenceNumber == poison)
        #expect(failure.batchInfo.batchSize == 1 && failure.batchInfo.approximateArrivalOfFirstRecord == "2023-11-14T22:13:20Z")
        #expect(failure.batchInfo.streamArn == records[0].eventSourceARN && failure.batchInfo.shardId.hasPrefix("shardId-"))
        let status = try #require(supervisor.status().first)
        #expect(status.recordsDelivered == 9 && status.recordsFailed == 1 && status.recordsBehind == 0)
        #expect(status.errors >= 4 && status.shards.first?.checkpoint == records.last?.dynamodb.sequenceNumber)
    }

    @Test func partialBatchResponseResumesAtTheReportedRecord() async throws {
        let stack = try await Stack()
        for i in 0..<6 { try await stack.put(i == 2 ? "flaky-2" : "item-\(i)", i) }
        let numbers = try stack.records().map(\.dynamodb.sequenceNumber)
        let supervisor = try stack.supervisor(
            .with {
                $0.batchSize = 10
                $0.reportBatchItemFailures = true
            }, pool: stack.pool("stream-partial"))
        #expect(await supervisor.waitUntilDrained())
        await supervisor.stop()
        await stack.shutdown()
        let invocations = stack.deliveries().map { $0.map(\.sequenceNumber) }
        #expect(invocations == [numbers, Array(numbers[2...])])
        let status = try #require(supervisor.status().first)
        #expect(status.invocations == 2 && status.errors == 1 && status.recordsDelivered == 6 && status.recordsFailed == 0)
    }

    @Test func anEmptyItemIdentifierFailsTheWholeBatch() async throws {
        let stack = try await Stack()
        for i in 0..<3 { try await stack.put("item-\(i)", i) }
        let numbers = try stack.records().map(\.dynamodb.sequenceNumber)
        let supervisor = try stack.supervisor(
            .with { $0.reportBatchItemFailures = true }, pool: stack.pool("stream-bad-id"))
        #expect(await supervisor.waitUntilDrained())
        await supervisor.stop()
        await stack.shutdown()
        #expect(stack.deliveries().map { $0.map(\.sequenceNumber) } == [numbers, numbers])
    }

    @Test func retriesRunOutThenTheShardMovesOn() async throws {
        let stack = try await Stack()
        try await stack.put("a", 1)
        try await stack.put("poison", 2)
        try await stack.put("b", 3)
        let supervisor = try stack.supervisor(
            .with {
                $0.maximumRetryAttempts = 2
                $0.onFailureDestination = "arn:aws:sns:us-east-1:123456789012:failures"
            }, pool: stack.pool("stream-poison"))
        #expect(await supervisor.waitUntilDrained())
        let numbers = try stack.records().map(\.dynamodb.sequenceNumber)
        #expect(stack.deliveries().map { $0.map(\.sequenceNumber) } == [numbers, numbers, numbers], "first try + 2 retries")
        let failure = try #require(try stack.failureRecords().first)
        #expect(failure.requestContext.condition == .retryAttemptsExhausted && failure.requestContext.approximateInvokeCount == 3)
        #expect(failure.batchInfo.batchSize == 3 && failure.batchInfo.startSequenceNumber == numbers[0]
                && failure.batchInfo.endSequenceNumber == numbers[2])

        try await stack.put("c", 4)
        #expect(await supervisor.waitUntilDrained())
        await supervisor.stop()
        await stack.shutdown()
        #expect(stack.deliveries().last?.map(\.pk) == ["c"], "the shard is not stalled")
    }

    @Test func recordsOlderThanTheMaximumAgeAreGivenUp() async throws {
        let stack = try await Stack()
        try await stack.put("poison", 1)
        let supervisor = try stack.supervisor(
            .with {
                $0.maximumRecordAgeSeconds = 60
                $0.onFailureDestination = "arn:aws:sqs:us-east-1:123456789012:dlq"
            }, pool: stack.pool("stream-poison"))
        #expect(await stack.wait { stack.deliveries().count >= 3 }, "retried while young")
        #expect(try stack.failureRecords().isEmpty)
        stack.clock.advance(by: 61)
        #expect(await supervisor.waitUntilDrained())
        await supervisor.stop()
        await stack.shutdown()
        let failure = try #require(try stack.failureRecords().first)
        #expect(failure.requestContext.condition == .recordAgeExceeded && failure.requestContext.approximateInvokeCount >= 3)
        #expect(supervisor.status().first?.recordsFailed == 1)
    }

    @Test func withoutADestinationRecordsAreDroppedAndCounted() async throws {
        let stack = try await Stack()
        try await stack.put("poison", 1)
        let supervisor = try stack.supervisor(.with { $0.maximumRetryAttempts = 0 }, pool: stack.pool("stream-poison"))
        #expect(await supervisor.waitUntilDrained())
        await supervisor.stop()
        await stack.shutdown()
        #expect(try stack.failureRecords().isEmpty)
        #expect(supervisor.status().first?.recordsFailed == 1 && stack.deliveries().count == 1)
    }
}
