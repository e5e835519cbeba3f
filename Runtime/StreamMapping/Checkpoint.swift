import SluiceJSON

/// Where a mapping stands in each shard, as saved in `<data>/checkpoints/<mapping>.json`:
///
/// `{"streamArn":"…","shards":{"shardId-…":{"sequenceNumber":"…","acknowledged":["…"]}}}`
///
/// Every record up to `sequenceNumber` is done (delivered, filtered out or given up on); `acknowledged` lists records
/// after it that are done too (with `ParallelizationFactor` > 1 later items may finish first). A checkpoint for
/// another stream ARN (the table was re-created) is ignored.
public struct MappingCheckpoint: Codable, Sendable, Equatable {
    /// One shard's position.
    public struct Shard: Codable, Sendable, Equatable {
        /// The last record of the done prefix; nil when nothing is done yet (start at the trim horizon).
        public var sequenceNumber: String?
        /// Done records after `sequenceNumber`.
        public var acknowledged: [String]

        public init(sequenceNumber: String?, acknowledged: [String] = []) {
            self.sequenceNumber = sequenceNumber
            self.acknowledged = acknowledged
        }
    }

    public var streamArn: String
    public var shards: [String: Shard]

    public init(streamArn: String, shards: [String: Shard] = [:]) {
        self.streamArn = streamArn
        self.shards = shards
    }
}

/// Loads and saves one mapping's checkpoint file (atomic replace with fsync).
struct CheckpointStore: Sendable {
    let path: String

    init(dataDirectory: String, mapping: String) {
        path = dataDirectory + "/checkpoints/" + mapping + ".json"
    }

    func load() throws(StreamMappingError) -> MappingCheckpoint? {
        guard let bytes = try FileIO.read(path) else { return nil }
        do { return try SluiceJSONDecoder().decode(MappingCheckpoint.self, from: bytes) } catch {
            throw .io(path: path, message: "unreadable checkpoint: \(error)")
        }
    }

    func save(_ checkpoint: MappingCheckpoint) throws(StreamMappingError) {
        let bytes: [UInt8]
        do {
            var encoder = SluiceJSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            bytes = try encoder.encode(checkpoint)
        } catch {
            throw .io(path: path, message: "cannot encode checkpoint: \(error)")
        }
        try FileIO.writeAtomically(bytes, to: path)
    }
}
