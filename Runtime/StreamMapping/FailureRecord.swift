import SluiceJSON

/// What Lambda sends to a stream mapping's on-failure destination for records it gave up on (one JSON line of
/// `<data>/failures/<mapping>.jsonl`). It points at the records; it does not contain them.
public struct FailureRecord: Codable, Sendable, Equatable {
    /// Why the records were given up on.
    public enum Condition: String, Codable, Sendable {
        case retryAttemptsExhausted = "RetryAttemptsExhausted"
        case recordAgeExceeded = "RecordAgeExceeded"
    }

    public struct RequestContext: Codable, Sendable, Equatable {
        public var requestId: String
        public var functionArn: String
        public var condition: Condition
        /// Invocations that included these records.
        public var approximateInvokeCount: Int
    }

    public struct ResponseContext: Codable, Sendable, Equatable {
        public var statusCode: Int
        public var executedVersion: String
        /// `Unhandled` when the function failed; absent when it reported partial failures.
        public var functionError: String?
    }

    /// The span of the stream the records cover.
    public struct BatchInfo: Codable, Sendable, Equatable {
        public var shardId: String
        public var startSequenceNumber: String
        public var endSequenceNumber: String
        /// `2019-11-14T00:13:19Z` (whole seconds, as for DynamoDB).
        public var approximateArrivalOfFirstRecord: String
        public var approximateArrivalOfLastRecord: String
        public var batchSize: Int
        public var streamArn: String
    }

    public var requestContext: RequestContext
    /// Absent when the records expired before any invocation.
    public var responseContext: ResponseContext?
    /// `1.0`.
    public var version: String
    /// When the record was written: `2019-11-14T00:13:49.717Z`.
    public var timestamp: String
    public var batchInfo: BatchInfo

    enum CodingKeys: String, CodingKey {
        case requestContext, responseContext, version, timestamp
        case batchInfo = "DDBStreamBatchInfo"
    }
}

/// Appends failure records to a JSON-lines file.
struct FailureFile: Sendable {
    let path: String

    init(dataDirectory: String, mapping: String) {
        path = dataDirectory + "/failures/" + mapping + ".jsonl"
    }

    func append(_ record: FailureRecord) throws(StreamMappingError) {
        var bytes: [UInt8]
        do { bytes = try SluiceJSONEncoder().encode(record) } catch {
            throw .io(path: path, message: "cannot encode failure record: \(error)")
        }
        bytes.append(UInt8(ascii: "\n"))
        try FileIO.append(bytes, to: path)
    }
}
