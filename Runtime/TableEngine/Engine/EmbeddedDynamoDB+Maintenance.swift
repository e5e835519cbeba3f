import DynamoAPI
import DynamoModel

extension EmbeddedDynamoDB {
    /// Deletes every item whose TTL attribute (a number, epoch seconds) is before `now` (the engine's
    /// clock by default) in tables with TTL enabled; each deletion's REMOVE record carries
    /// `userIdentity` `{"type":"Service","principalId":"dynamodb.amazonaws.com"}`. Returns how many were deleted.
    /// TTL values more than five years in the past are ignored, as DynamoDB does.
    @discardableResult
    public func sweepExpiredItems(now: Double? = nil) async throws(DynamoError) -> Int {
        let cutoff = now ?? self.now
        return try await writer.submit { ctx throws(DynamoError) -> Int in
            var deleted = 0
            for table in ctx.tables.values where table.ttl?.enabled == true {
                var expired: [([UInt8], Item)] = []
                do {
                    let s = try ctx.db.prepare(
                        "SELECT k, body FROM entries WHERE tid=? AND ttl IS NOT NULL AND ttl < ? AND ttl > ? AND idx=0")
                    defer { s.reset() }
                    try s.bind([.int(table.id), .double(cutoff), .double(cutoff - 5 * 365 * 86400)])
                    while try s.step() {
                        if let item = ItemCodec.decode(s.blob(1)) { expired.append((s.blob(0), item)) }
                    }
                } catch {
                    throw .internalServerError("\(error)")
                }
                for (key, item) in expired {
                    try ctx.apply(table, key: key, old: item, new: nil, identity: .timeToLive)
                    deleted += 1
                }
            }
            return deleted
        }
    }

    /// Removes stream records older than the retention period (24 hours by default); reading
    /// their positions afterwards is a `TrimmedDataAccessException`. Returns how many were removed.
    @discardableResult
    public func trimStreams(now: Double? = nil) async throws(DynamoError) -> Int {
        let cutoff = (now ?? self.now) - configuration.streamRetentionSeconds
        return try await writer.submit { ctx throws(DynamoError) -> Int in
            do {
                var removed = 0
                // Trimming may remove the newest records: keep the counter so sequence numbers never repeat.
                try ctx.db.run("UPDATE meta SET value=max(value, ?) WHERE key='counter'", [.int(ctx.counter)])
                for stream in try CatalogStore.streams(ctx.db) {
                    for shard in 0..<Int64(stream.shardCount) {
                        let keep = try ctx.db.scalarInt(
                            "SELECT seq FROM records WHERE stream=? AND shard=? AND created >= ? ORDER BY seq LIMIT 1",
                            [.int(stream.id), .int(shard), .double(cutoff)])
                        let bound = keep ?? Int64.max
                        guard let upto = try ctx.db.scalarInt(
                            "SELECT max(seq) FROM records WHERE stream=? AND shard=? AND seq < ?",
                            [.int(stream.id), .int(shard), .int(bound)])
                        else { continue }
                        try ctx.db.run(
                            "DELETE FROM records WHERE stream=? AND shard=? AND seq <= ?", [.int(stream.id), .int(shard), .int(upto)])
                        removed += ctx.db.changes
                        try ctx.db.run(
                            "INSERT INTO trims(stream, shard, upto) VALUES(?, ?, ?) ON CONFLICT(stream, shard) DO UPDATE SET upto=excluded.upto",
                            [.int(stream.id), .int(shard), .int(upto)])
                    }
                }
                return removed
            } catch {
                throw .internalServerError("\(error)")
            }
        }
    }
}
