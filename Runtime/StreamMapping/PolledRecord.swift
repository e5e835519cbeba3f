import DynamoModel

/// A record read from a shard and waiting for (or in) an invocation, with its JSON for the event.
struct PolledRecord: Sendable {
    var record: StreamRecord
    /// The record as it appears in `{"Records":[…]}`.
    var json: [UInt8]
    /// When the poller read it (the batching window starts at the first record of a batch).
    var readAt: ContinuousClock.Instant

    var sequenceNumber: String { record.dynamodb.sequenceNumber }
    /// `ApproximateCreationDateTime` (epoch seconds).
    var created: Double { record.dynamodb.approximateCreationDateTime ?? 0 }

    /// The event Lambda sends for `records`: the same bytes as encoding `DynamoDBEvent(records:)`.
    static func event(_ records: ArraySlice<PolledRecord>) -> [UInt8] {
        var out = Array(#"{"Records":["#.utf8)
        out.reserveCapacity(records.reduce(16) { $0 + $1.json.count + 1 })
        for (index, record) in records.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += record.json
        }
        out += Array("]}".utf8)
        return out
    }
}
