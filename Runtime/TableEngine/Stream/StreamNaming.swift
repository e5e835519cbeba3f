import SluiceTime
import DynamoModel

/// Names and formats of the Streams API: ARNs, labels, shard ids, sequence numbers, iterators.
enum StreamNaming {
    /// `arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL`.
    static func streamArn(region: String, account: String, table: String, label: String) -> String {
        "arn:aws:dynamodb:\(region):\(account):table/\(table)/stream/\(label)"
    }

    static func tableArn(region: String, account: String, table: String) -> String {
        "arn:aws:dynamodb:\(region):\(account):table/\(table)"
    }

    /// Splits a stream ARN into table name and label.
    static func parse(streamArn: String) -> (table: String, label: String)? {
        let parts = streamArn.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].hasPrefix("arn:aws:dynamodb:"), parts[0].hasSuffix(":table"), parts[2] == "stream",
            !parts[1].isEmpty, !parts[3].isEmpty
        else { return nil }
        return (String(parts[1]), String(parts[3]))
    }

    /// A stream label: the creation time as `YYYY-MM-DDThh:mm:ss.mmm` (as AWS formats it).
    static func label(epochSeconds: Double) -> String {
        UTCCalendar.timestamp(epochMilliseconds: Int64((epochSeconds * 1000).rounded(.down)), milliseconds: true, suffix: "")
    }

    /// `shardId-<20 digits of the stream's creation in ms>-<8 hex>` (37 characters).
    static func shardId(stream: StreamInfo, shard: Int) -> String {
        let millis = String(Int64(stream.created * 1000))
        let digits = String(repeating: "0", count: max(0, 20 - millis.count)) + millis
        var h = KeyBytes.hash(Array("\(stream.id)/\(stream.label)/\(shard)".utf8))
        h = h == 0 ? 1 : h
        let hex = String(h, radix: 16)
        return "shardId-\(digits)-\(String(repeating: "0", count: 8 - hex.count) + hex)"
    }

    /// The decimal sequence number of the global counter value `n`: 21 digits, `1` then 20 digits of `n`.
    static func sequenceNumber(_ n: Int64) -> String {
        let s = String(n)
        return "1" + String(repeating: "0", count: max(0, 20 - s.count)) + s
    }

    /// The counter value of a sequence number from ``sequenceNumber(_:)``.
    static func counter(of sequenceNumber: String) -> Int64? {
        guard sequenceNumber.utf8.count == 21, sequenceNumber.first == "1",
            let n = Int64(sequenceNumber.dropFirst())
        else { return nil }
        return n
    }

    /// A 32-hex-digit event id derived from the stream and counter.
    static func eventID(stream: Int64, counter: Int64) -> String {
        func mix(_ x: UInt64) -> UInt64 {
            var z = x &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let a = mix(UInt64(bitPattern: counter) ^ (UInt64(bitPattern: stream) << 48))
        let b = mix(a)
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex(a) + hex(b)
    }
}

/// The opaque shard iterator: stream id, shard, position (records after counter `after`),
/// whether it started at the trim horizon, and when it was issued.
struct ShardIterator {
    var stream: Int64
    var shard: Int
    var after: Int64
    var fromHorizon: Bool
    var issuedMillis: Int64

    var encoded: String {
        let fields = [stream, Int64(shard), after, fromHorizon ? 1 : 0, issuedMillis].map { String($0, radix: 36) }
        let body = fields.joined(separator: "-")
        return "sluice1-" + body + "-" + String(KeyBytes.hash(Array(body.utf8)), radix: 36)
    }

    init(stream: Int64, shard: Int, after: Int64, fromHorizon: Bool, issuedMillis: Int64) {
        self.stream = stream
        self.shard = shard
        self.after = after
        self.fromHorizon = fromHorizon
        self.issuedMillis = issuedMillis
    }

    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "sluice1" else { return nil }
        let body = parts[1...5].joined(separator: "-")
        guard String(KeyBytes.hash(Array(body.utf8)), radix: 36) == parts[6] else { return nil }
        let values = parts[1...5].compactMap { Int64($0, radix: 36) }
        guard values.count == 5 else { return nil }
        self.init(stream: values[0], shard: Int(values[1]), after: values[2], fromHorizon: values[3] == 1, issuedMillis: values[4])
    }
}
