import Emulator
import SluiceJSON

/// Takes one batch of a shard (or of one of its parallel lanes) to the end, as Lambda does: invoke, and on failure
/// retry (`MaximumRetryAttempts`), bisect (`BisectBatchOnFunctionError`), resume after reported items
/// (`ReportBatchItemFailures`), and give up on records that ran out of retries or grew too old
/// (`MaximumRecordAgeInSeconds`), writing a ``FailureRecord`` for them. Records finish in order, so the result is a
/// count of leading records done.
struct BatchRunner: Sendable {
    let runner: MappingRunner
    let shardId: String
    let streamArn: String

    private var settings: MappingSettings { runner.definition.settings }

    /// What one invocation said about its batch.
    enum Outcome: Equatable {
        case success
        /// Records before this index succeeded; the function reported the one at the index as failed.
        case partial(Int)
        /// The whole batch failed (`functionError` is `Unhandled` for function errors, nil for a bad response).
        case failed(functionError: String?)
    }

    /// Runs `records` until each is delivered or given up on, or until the mapping stops. Returns how many leading
    /// records are done.
    func run(_ records: [PolledRecord]) async -> Int {
        var queue: [ArraySlice<PolledRecord>] = [records[...]]
        var done = 0
        var retries = 0
        var invokeCount = 0
        var last: (requestId: String, functionError: String?)?
        while !queue.isEmpty {
            var batch = queue.removeFirst()
            if settings.maximumRecordAgeSeconds >= 0 {
                let now = runner.options.clock.now()
                let expired = batch.prefix { now - $0.created > Double(settings.maximumRecordAgeSeconds) }
                if !expired.isEmpty {
                    giveUp(expired, condition: .recordAgeExceeded, invokeCount: invokeCount, last: last)
                    done += expired.count
                    batch = batch.dropFirst(expired.count)
                    if batch.isEmpty {
                        (retries, invokeCount, last) = (0, 0, nil)
                        continue
                    }
                }
            }
            if runner.isStopping { return done }
            let request = InvocationRequest(payload: PolledRecord.event(batch))
            let result = await runner.pool.invoke(request)
            invokeCount += 1
            let outcome = classify(result, batch)
            runner.countInvocation(failed: outcome != .success)
            var failing: ArraySlice<PolledRecord>
            switch outcome {
            case .success:
                runner.countDelivered(batch.count)
                done += batch.count
                (retries, invokeCount, last) = (0, 0, nil)
                continue
            case .partial(let index):
                runner.countDelivered(index)
                done += index
                last = (request.requestID, nil)
                failing = batch.dropFirst(index)
                if settings.bisectBatchOnFunctionError && index > 0 {
                    // Bisected at the reported record: no retry used up.
                    queue.insert(failing, at: 0)
                    continue
                }
            case .failed(let functionError):
                last = (request.requestID, functionError)
                failing = batch
            }
            if settings.bisectBatchOnFunctionError && failing.count > 1 {
                let middle = failing.startIndex + failing.count / 2
                queue.insert(contentsOf: [failing[..<middle], failing[middle...]], at: 0)
                continue
            }
            retries += 1
            if settings.maximumRetryAttempts >= 0 && retries > settings.maximumRetryAttempts {
                giveUp(failing, condition: .retryAttemptsExhausted, invokeCount: invokeCount, last: last)
                done += failing.count
                (retries, invokeCount, last) = (0, 0, nil)
                continue
            }
            if runner.isStopping { return done }
            try? await Task.sleep(for: runner.options.retryDelay)
            queue.insert(failing, at: 0)
        }
        return done
    }

    /// Reads the invocation's result as Lambda does for stream sources.
    func classify(_ result: InvocationResult, _ batch: ArraySlice<PolledRecord>) -> Outcome {
        switch result {
        case .failure:
            return .failed(functionError: "Unhandled")
        case .success(let payload, _):
            guard settings.reportBatchItemFailures else { return .success }
            // An empty or null response, or one without a list, reports success.
            guard let value = try? JSONValue(parsing: payload), case .object(let object) = value,
                let failures = object["batchItemFailures"], !failures.isNull
            else { return .success }
            guard let list = failures.arrayValue else { return .failed(functionError: nil) }
            var lowest: Int?
            for entry in list {
                guard let id = entry["itemIdentifier"]?.stringValue, !id.isEmpty,
                    let index = batch.firstIndex(where: { $0.sequenceNumber == id })
                else { return .failed(functionError: nil) }
                lowest = min(lowest ?? index, index)
            }
            guard let lowest else { return .success }
            return .partial(lowest - batch.startIndex)
        }
    }

    private func giveUp(
        _ records: ArraySlice<PolledRecord>, condition: FailureRecord.Condition, invokeCount: Int,
        last: (requestId: String, functionError: String?)?
    ) {
        guard let first = records.first, let final = records.last else { return }
        runner.countFailed(records.count)
        guard settings.onFailureDestination != nil else { return }
        let record = FailureRecord(
            requestContext: .init(
                requestId: last?.requestId ?? RequestID.make(), functionArn: runner.pool.configuration.functionARN,
                condition: condition, approximateInvokeCount: invokeCount),
            responseContext: last.map { .init(statusCode: 200, executedVersion: "$LATEST", functionError: $0.functionError) },
            version: "1.0", timestamp: Timestamps.iso8601(runner.options.clock.now(), fractional: true),
            batchInfo: .init(
                shardId: shardId, startSequenceNumber: first.sequenceNumber, endSequenceNumber: final.sequenceNumber,
                approximateArrivalOfFirstRecord: Timestamps.iso8601(first.created, fractional: false),
                approximateArrivalOfLastRecord: Timestamps.iso8601(final.created, fractional: false),
                batchSize: records.count, streamArn: streamArn))
        do { try runner.failures.append(record) } catch { runner.report(error) }
    }
}
