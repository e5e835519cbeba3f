import DynamoAPI
import DynamoModel

/// A shard of a table's stream, for in-process consumers.
public struct StreamShardDescriptor: Sendable, Hashable {
    public var streamArn: String
    public var shardId: String
    /// Position of the shard in the stream (0..<shard count).
    public var index: Int
}

extension EmbeddedDynamoDB {
    static let trimmed = DynamoError.trimmedDataAccessException(
        "The operation attempted to read past the oldest stream record in a shard.")

    func streamArn(_ stream: StreamInfo) -> String {
        StreamNaming.streamArn(
            region: configuration.region, account: configuration.accountId, table: stream.tableName, label: stream.label)
    }

    private func allStreams() throws(DynamoError) -> [StreamInfo] {
        try readers.read { db throws(DynamoError) in
            do { return try CatalogStore.streams(db) } catch { throw .internalServerError("\(error)") }
        }
    }

    /// Streams still readable (enabled, or disabled less than the retention period ago).
    private func liveStreams() throws(DynamoError) -> [StreamInfo] {
        let cutoff = now - configuration.streamRetentionSeconds
        return try allStreams().filter { ($0.disabledAt ?? .infinity) > cutoff }
    }

    private func stream(arn: String) throws(DynamoError) -> StreamInfo {
        guard let (table, label) = StreamNaming.parse(streamArn: arn),
            let stream = try liveStreams().first(where: { $0.tableName == table && $0.label == label })
        else {
            throw .resourceNotFoundException("Requested resource not found: Stream: \(arn) not found")
        }
        return stream
    }

    public func listStreams(_ input: ListStreamsInput) async throws(DynamoError) -> ListStreamsOutput {
        let limit = input.limit ?? 100
        guard (1...100).contains(limit) else {
            throw .validationException(
                "1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100")
        }
        var streams = try liveStreams()
        if let table = input.tableName { streams = streams.filter { $0.tableName == table } }
        if let start = input.exclusiveStartStreamArn, let position = streams.firstIndex(where: { streamArn($0) == start }) {
            streams = Array(streams[(position + 1)...])
        }
        let page = streams.prefix(limit).map {
            StreamSummary(streamArn: streamArn($0), tableName: $0.tableName, streamLabel: $0.label)
        }
        return ListStreamsOutput(streams: page, lastEvaluatedStreamArn: streams.count > limit ? page.last?.streamArn : nil)
    }

    public func describeStream(_ input: DescribeStreamInput) async throws(DynamoError) -> DescribeStreamOutput {
        let stream = try stream(arn: input.streamArn)
        let ranges = try readers.snapshot { db throws(DynamoError) -> [(Int64?, Int64?)] in
            do {
                var out: [(Int64?, Int64?)] = []
                for shard in 0..<stream.shardCount {
                    let first = try db.scalarInt(
                        "SELECT min(seq) FROM records WHERE stream=? AND shard=?", [.int(stream.id), .int(Int64(shard))])
                    let last = try db.scalarInt(
                        "SELECT max(seq) FROM records WHERE stream=? AND shard=?", [.int(stream.id), .int(Int64(shard))])
                    out.append((first, last))
                }
                return out
            } catch {
                throw .internalServerError("\(error)")
            }
        }
        var shards: [Shard] = []
        for (i, (first, last)) in ranges.enumerated() {
            shards.append(Shard(
                shardId: StreamNaming.shardId(stream: stream, shard: i),
                sequenceNumberRange: SequenceNumberRange(
                    startingSequenceNumber: StreamNaming.sequenceNumber(first ?? 0),
                    endingSequenceNumber: stream.enabled ? nil : StreamNaming.sequenceNumber(last ?? first ?? 0))))
        }
        if let start = input.exclusiveStartShardId, let position = shards.firstIndex(where: { $0.shardId == start }) {
            shards = Array(shards[(position + 1)...])
        }
        let limit = input.limit ?? 100
        let page = Array(shards.prefix(max(1, limit)))
        return DescribeStreamOutput(streamDescription: StreamDescription(
            streamArn: streamArn(stream), streamLabel: stream.label, streamStatus: stream.enabled ? "ENABLED" : "DISABLED",
            streamViewType: stream.viewType, creationRequestDateTime: stream.created, tableName: stream.tableName,
            keySchema: stream.keySchema, shards: page, lastEvaluatedShardId: shards.count > page.count ? page.last?.shardId : nil))
    }

    public func getShardIterator(_ input: GetShardIteratorInput) async throws(DynamoError) -> GetShardIteratorOutput {
        let stream = try stream(arn: input.streamArn)
        guard let shard = (0..<stream.shardCount).first(where: { StreamNaming.shardId(stream: stream, shard: $0) == input.shardId })
        else {
            throw .resourceNotFoundException("Requested resource not found: Shard does not exist")
        }
        let (upto, latest) = try shardBounds(stream: stream.id, shard: shard)
        var sequence: Int64?
        if input.shardIteratorType == .atSequenceNumber || input.shardIteratorType == .afterSequenceNumber {
            guard let text = input.sequenceNumber else {
                throw .validationException("Must specify a sequence number for iterator type \(input.shardIteratorType.rawValue)")
            }
            guard let n = StreamNaming.counter(of: text) else {
                throw .validationException("Invalid SequenceNumber: \(text)")
            }
            sequence = n
        }
        let after: Int64
        var horizon = false
        switch input.shardIteratorType {
        case .trimHorizon:
            after = upto
            horizon = true
        case .latest:
            after = latest
        case .atSequenceNumber:
            if sequence! <= upto { throw Self.trimmed }
            after = sequence! - 1
        case .afterSequenceNumber:
            if sequence! < upto { throw Self.trimmed }
            after = sequence!
        }
        let iterator = ShardIterator(
            stream: stream.id, shard: shard, after: after, fromHorizon: horizon, issuedMillis: Int64(now * 1000))
        return GetShardIteratorOutput(shardIterator: iterator.encoded)
    }

    public func getRecords(_ input: GetRecordsInput) async throws(DynamoError) -> GetRecordsOutput {
        guard let iterator = ShardIterator(input.shardIterator) else {
            throw .validationException("Invalid ShardIterator")
        }
        let limit = input.limit ?? 1000
        guard (1...1000).contains(limit) else {
            throw .validationException(
                "1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value \(limit < 1 ? "greater than or equal to 1" : "less than or equal to 1000")")
        }
        let nowMillis = Int64(now * 1000)
        let lifetime = Int64(configuration.iteratorLifetimeSeconds * 1000)
        if nowMillis - iterator.issuedMillis > lifetime {
            throw .expiredIteratorException(
                "Iterator expired. The iterator was created at time \(iterator.issuedMillis) while right now it is \(nowMillis) which is further in the future than the tolerated delay of \(lifetime) milliseconds.")
        }
        guard let stream = try liveStreams().first(where: { $0.id == iterator.stream }) else {
            throw .resourceNotFoundException("Requested resource not found: Stream does not exist")
        }
        let (upto, _) = try shardBounds(stream: stream.id, shard: iterator.shard)
        if !iterator.fromHorizon, iterator.after < upto { throw Self.trimmed }
        let records = try readRecords(stream: stream, shard: iterator.shard, after: max(iterator.after, upto), limit: limit, includeARN: false)
        var next = iterator
        next.after = records.last.flatMap { StreamNaming.counter(of: $0.dynamodb.sequenceNumber) } ?? max(iterator.after, upto)
        next.fromHorizon = false
        next.issuedMillis = nowMillis
        // A disabled stream's shards are closed: once read to the end there is no next iterator.
        let closedAndDone = !stream.enabled && records.isEmpty
        return GetRecordsOutput(records: records, nextShardIterator: closedAndDone ? nil : next.encoded)
    }

    /// The shards of the table's current (or most recent) stream.
    public func streamShards(table name: String) throws(DynamoError) -> [StreamShardDescriptor] {
        guard let stream = try table(name).stream else {
            throw .resourceNotFoundException("Requested resource not found: Table: \(name) has no stream")
        }
        return (0..<stream.shardCount).map {
            StreamShardDescriptor(streamArn: streamArn(stream), shardId: StreamNaming.shardId(stream: stream, shard: $0), index: $0)
        }
    }

    /// Records of one shard of the table's current stream after `sequenceNumber` (from the oldest
    /// retained record when `nil`), in order, at most `limit` (and about 1 MB). Records carry `eventSourceARN`.
    public func readStream(table name: String, shard: Int, after sequenceNumber: String? = nil, limit: Int = 1000)
        throws(DynamoError) -> [StreamRecord]
    {
        guard let stream = try table(name).stream, (0..<stream.shardCount).contains(shard) else {
            throw .resourceNotFoundException("Requested resource not found: Table: \(name) has no such stream shard")
        }
        let (upto, _) = try shardBounds(stream: stream.id, shard: shard)
        var after = upto
        if let sequenceNumber {
            guard let n = StreamNaming.counter(of: sequenceNumber) else {
                throw .validationException("Invalid SequenceNumber: \(sequenceNumber)")
            }
            if n < upto { throw Self.trimmed }
            after = n
        }
        return try readRecords(stream: stream, shard: shard, after: after, limit: limit, includeARN: true)
    }

    /// (highest trimmed counter, highest counter) of a shard.
    private func shardBounds(stream: Int64, shard: Int) throws(DynamoError) -> (Int64, Int64) {
        try readers.snapshot { db throws(DynamoError) in
            do {
                let upto = try db.scalarInt("SELECT upto FROM trims WHERE stream=? AND shard=?", [.int(stream), .int(Int64(shard))]) ?? 0
                let latest = try db.scalarInt("SELECT max(seq) FROM records WHERE stream=? AND shard=?", [.int(stream), .int(Int64(shard))]) ?? upto
                return (upto, max(upto, latest))
            } catch {
                throw .internalServerError("\(error)")
            }
        }
    }

    private func readRecords(stream: StreamInfo, shard: Int, after: Int64, limit: Int, includeARN: Bool)
        throws(DynamoError) -> [StreamRecord]
    {
        let arn = includeARN ? streamArn(stream) : nil
        return try readers.read { db throws(DynamoError) -> [StreamRecord] in
            do {
                let s = try db.prepare("SELECT seq, body FROM records WHERE stream=? AND shard=? AND seq > ? ORDER BY seq LIMIT ?")
                defer { s.reset() }
                try s.bind([.int(stream.id), .int(Int64(shard)), .int(after), .int(Int64(max(1, limit)))])
                var out: [StreamRecord] = []
                var bytes = 0
                while try s.step() {
                    let seq = s.int64(0)
                    let body = s.blob(1)
                    guard let fields = ItemCodec.decode(body) else { throw DynamoError.internalServerError("Corrupt stream record") }
                    out.append(record(fields, seq: seq, stream: stream, arn: arn))
                    bytes += body.count
                    if bytes >= pageLimitBytes { break }
                }
                return out
            } catch let error as DynamoError {
                throw error
            } catch {
                throw .internalServerError("\(error)")
            }
        }
    }

    private func record(_ fields: Item, seq: Int64, stream: StreamInfo, arn: String?) -> StreamRecord {
        func map(_ key: String) -> Item? {
            if case .m(let m)? = fields[key] { return m }
            return nil
        }
        func number(_ key: String) -> Double {
            if case .n(let t)? = fields[key] { return Double(t) ?? 0 }
            return 0
        }
        var name = StreamRecord.EventName.modify
        if case .s(let e)? = fields["e"], let n = StreamRecord.EventName(rawValue: e) { name = n }
        return StreamRecord(
            eventID: StreamNaming.eventID(stream: stream.id, counter: seq), eventName: name,
            awsRegion: configuration.region,
            dynamodb: StreamRecordData(
                approximateCreationDateTime: number("t").rounded(.down), keys: map("k") ?? [:], newImage: map("n"),
                oldImage: map("o"), sequenceNumber: StreamNaming.sequenceNumber(seq), sizeBytes: Int(number("z")),
                streamViewType: stream.viewType.rawValue),
            eventSourceARN: arn, userIdentity: fields["u"] != nil ? .timeToLive : nil)
    }
}
