import DynamoClient
import DynamoModel
import Lake
import LambdaEvents
import LambdaRuntime

/// The ETL function: writes each batch of DynamoDB stream records into the Parquet lake.
///
/// Partial failures are reported, not thrown: when a dataset/dt group cannot be written (or a record is
/// malformed), the response lists every sequence number from the lowest failed one on, so Lambda
/// checkpoints just before it and redelivers the rest; records already written are recognised by their
/// `_seq` and skipped on redelivery. (The event-source mapping must enable `ReportBatchItemFailures`.)
/// Only a malformed record with no usable sequence number before it fails the whole invocation.
public struct ETLHandler: LambdaHandler {
    public let store: LakeStore

    /// The lake in a folder.
    public init(lake: String, options: LakeOptions = .init()) {
        store = LakeStore(root: lake, options: options)
    }

    public init(store: LakeStore) {
        self.store = store
    }

    /// The lake the function's environment names:
    /// - `LAKE_DIR`: a folder, or an `s3://bucket/prefix` location (`sluice dev` sets the folder under `.sluice/`);
    /// - else `LAKE_BUCKET` (template.yaml: `!Ref LakeBucket`): `s3://<bucket>/<LAKE_PREFIX>`;
    /// - else `.sluice/lake`.
    ///
    /// S3 is configured as the AWS SDKs are (`AWS_ENDPOINT_URL_S3`, `AWS_REGION`, the role's credentials).
    public static func location(environment: [String: String]) -> String {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let directory = value("LAKE_DIR") { return directory }
        if let bucket = value("LAKE_BUCKET") {
            let prefix = value("LAKE_PREFIX").map { "/" + $0 } ?? ""
            return "s3://" + bucket + prefix
        }
        return ".sluice/lake"
    }

    public struct UnreportableFailure: Error, CustomStringConvertible {
        public var description: String
    }

    public func handle(_ event: DynamoDBEvent, context: LambdaContext) async throws -> BatchItemFailures {
        try process(event) { context.logger.warning("\($0)") }
    }

    /// The handler's work without a Lambda context (tests, benchmarks).
    public func process(_ event: DynamoDBEvent, log: (String) -> Void = { _ in }) throws -> BatchItemFailures {
        let result = store.ingest(event.records)
        for m in result.malformed {
            log("malformed record \(m.index) (SequenceNumber \(m.sequenceNumber)): \(m.reason)")
        }
        for f in result.failures {
            log("failed to write \(f.records) records of \(f.dataset)/dt=\(f.dt) from \(f.firstSequenceNumber): \(f.error)")
        }
        if let reason = result.unreportableFailure { throw UnreportableFailure(description: reason) }
        return BatchItemFailures(itemIdentifiers: result.failedItemIdentifiers)
    }
}

/// What the function runs: ``ETLHandler``'s work on the raw event bytes, decoded by Lake's
/// `StreamEventDecoder` instead of `JSONDecoder` (same records, about ten times faster: decoding was
/// three quarters of the ETL's time). An event that does not decode is `Runtime.InvalidEvent`, as with
/// the `Codable` path.
public struct ETLEventHandler: ByteHandler {
    public let etl: ETLHandler

    public init(_ etl: ETLHandler) { self.etl = etl }

    public func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
        try respond(to: event) { context.logger.warning("\($0)") }
    }

    public func respond(to event: [UInt8], log: (String) -> Void = { _ in }) throws -> [UInt8] {
        let records: [StreamRecord]
        do {
            records = try StreamEventDecoder.records(from: event)
        } catch {
            throw FunctionErrorReport(errorType: "Runtime.InvalidEvent", errorMessage: "The event does not decode as DynamoDBEvent: \(error)")
        }
        let failures = try etl.process(DynamoDBEvent(records: records), log: log)
        var json = "{\"batchItemFailures\":["
        for (i, id) in failures.itemIdentifiers.enumerated() {
            if i > 0 { json += "," }
            json += "{\"itemIdentifier\":"
            JSONWriter.quote(id, to: &json)
            json += "}"
        }
        json += "]}"
        return Array(json.utf8)
    }
}

@main
enum LakeETLMain {
    static func main() {
        Lambda.run {
            let environment = ProcessEnvironment.current()
            return ETLEventHandler(ETLHandler(store: try LakeStore(location: ETLHandler.location(environment: environment), environment: environment)))
        }
    }
}
