#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DynamoAPI
import DynamoModel
import SluiceCrypto
import SluiceJSON

/// DynamoDB and DynamoDB Streams over HTTP(S): the `DynamoDBService` a Lambda function uses on AWS, and
/// locally against `sluice table serve` (or any DynamoDB-compatible endpoint).
///
/// Each request is JSON POSTed with `X-Amz-Target: DynamoDB_20120810.<Operation>` (Streams:
/// `DynamoDBStreams_20120810.<Operation>` on the streams endpoint), signed with SigV4 when there are
/// credentials, retried with capped exponential backoff and full jitter on throttling, 5xx and
/// transport errors, and checked against `x-amz-crc32`.
///
/// HTTPS goes through libcurl, opened with `dlopen` on the first `https://` request (a function that never
/// calls DynamoDB on AWS never loads it); plain `http://` endpoints, always local, through SluiceHTTP's small
/// client (see ``PlainHTTPPool``). Requests block their thread while in flight, as the Lambda runtime's
/// handler thread expects; concurrent requests each use their own keep-alive connection from a small pool.
public final class DynamoDBClient: DynamoDBService {
    /// Which of the two JSON APIs an operation belongs to.
    public enum API: Sendable {
        case dynamodb, streams

        var targetPrefix: String {
            switch self {
            case .dynamodb: "DynamoDB_20120810."
            case .streams: "DynamoDBStreams_20120810."
            }
        }
    }

    public let configuration: DynamoClientConfiguration
    let dynamoEndpoint: HTTPEndpoint
    let streamsEndpoint: HTTPEndpoint
    let transport: AWSHTTPTransport
    let retries: RetrySchedule
    let ioThreads: IOThreads?

    public init(configuration: DynamoClientConfiguration) throws(DynamoClientError) {
        self.configuration = configuration
        dynamoEndpoint = try HTTPEndpoint(configuration.endpoint)
        streamsEndpoint = try HTTPEndpoint(configuration.streamsEndpoint)
        // DynamoDB Streams signs with the service name `dynamodb` too.
        transport = AWSHTTPTransport(
            libcurlPath: configuration.libcurlPath, region: configuration.region, service: "dynamodb",
            credentials: configuration.credentials, connectTimeoutMilliseconds: configuration.connectTimeoutMilliseconds,
            timeoutMilliseconds: configuration.timeoutMilliseconds, userAgent: "sluice-dynamoclient/1")
        retries = RetrySchedule(
            maxAttempts: configuration.maxAttempts, baseDelayMilliseconds: configuration.baseDelayMilliseconds,
            maxBackoffMilliseconds: configuration.maxBackoffMilliseconds)
        if case .ioThreads(let count) = configuration.ioMode { ioThreads = IOThreads(maximum: count) } else { ioThreads = nil }
    }

    /// A client configured like the AWS SDKs from `environment` (the process environment when nil)
    /// and the shared config files; see ``DynamoClientConfiguration/fromEnvironment(_:)``.
    public convenience init(environment: [String: String]? = nil) throws(DynamoClientError) {
        try self.init(configuration: DynamoClientConfiguration.fromEnvironment(environment))
    }

    /// Loads libcurl now instead of on the first `https://` request; returns its version.
    @discardableResult
    public func loadLibcurl() throws(DynamoClientError) -> String {
        try transport.pool.loadedLibrary().version
    }

    /// Sends one operation and decodes its output, with retries. Throws the detailed client error.
    public func send<Input: Encodable, Output: Decodable>(
        _ operation: String, api: API = .dynamodb, _ input: Input, as output: Output.Type
    ) async throws(DynamoClientError) -> Output {
        let body: [UInt8]
        do { body = try SluiceJSONEncoder().encode(input) } catch {
            throw .service(.validationException("Cannot encode \(Input.self): \(error)"))
        }
        let endpoint = api == .dynamodb ? dynamoEndpoint : streamsEndpoint
        let target = api.targetPrefix + operation
        var attempt = 1
        while true {
            do {
                let response: HTTPResponse
                if let ioThreads {
                    response = try await ioThreads.run { () throws(DynamoClientError) -> HTTPResponse in
                        try self.exchange(endpoint: endpoint, target: target, body: body)
                    }
                } else {
                    response = try exchange(endpoint: endpoint, target: target, body: body)
                }
                return try Self.decode(Output.self, response)
            } catch {
                guard error.isRetryable, let delay = retries.delay(afterAttempt: attempt) else { throw error }
                if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay) * 1_000_000) }
                attempt += 1
            }
        }
    }

    /// Full jitter: a random time in `0 ... min(base · 2^(retry-1), cap)` milliseconds.
    public static func backoffMilliseconds(retry: Int, base: Int, cap: Int) -> Int {
        RetrySchedule.backoffMilliseconds(retry: retry, base: base, cap: cap)
    }

    /// One signed POST; the response checked against its checksum; an error status turned into its error.
    func exchange(endpoint: HTTPEndpoint, target: String, body: [UInt8]) throws(DynamoClientError) -> HTTPResponse {
        let response = try transport.send(SignedRequest(
            method: "POST", scheme: endpoint.scheme, authority: endpoint.authority, path: endpoint.path,
            headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", target)], body: body))
        if configuration.verifyChecksums, let header = response.header("x-amz-crc32"), let expected = UInt32(header) {
            let actual = CRC32.checksum(response.body)
            guard actual == expected else { throw .checksumMismatch(expected: expected, actual: actual) }
        }
        guard response.status == 200 else { throw Self.error(status: response.status, body: response.body) }
        return response
    }

    static func decode<Output: Decodable>(_ type: Output.Type, _ response: HTTPResponse) throws(DynamoClientError) -> Output {
        // GetItem and Query/Scan outputs in the plain form are read without a JSON tree.
        if let direct = type as? any WireJSONDecodable.Type, let output = direct.init(wireJSON: response.body) {
            return output as! Output
        }
        do {
            return try SluiceJSONDecoder().decode(type, from: response.body.isEmpty ? Array("{}".utf8) : response.body)
        } catch {
            throw .invalidResponse(status: response.status, message: "cannot decode \(Output.self): \(error)")
        }
    }

    /// An AWS JSON error body (`{"__type":"…#Code","message"|"Message":"…"}`) as a client error.
    public static func error(status: Int, body: [UInt8]) -> DynamoClientError {
        guard let value = try? JSONValue(parsing: body), let object = value.objectValue,
            let type = object["__type"]?.stringValue ?? object["code"]?.stringValue
        else {
            let text = String(decoding: body.prefix(200), as: UTF8.self)
            return .invalidResponse(status: status, message: text.isEmpty ? "empty body" : text)
        }
        let code = type.split(separator: "#").last.map(String.init) ?? type
        let message = object["message"]?.stringValue ?? object["Message"]?.stringValue ?? ""
        func item(_ value: JSONValue?) -> Item? {
            guard let value, !value.isNull else { return nil }
            return try? SluiceJSONDecoder().decode(Item.self, from: value)
        }
        let error: DynamoError
        switch code {
        case "ValidationException": error = .validationException(message)
        case "ConditionalCheckFailedException":
            error = .conditionalCheckFailedException(message.isEmpty ? "The conditional request failed" : message, item: item(object["Item"]))
        case "ResourceNotFoundException": error = .resourceNotFoundException(message)
        case "ResourceInUseException": error = .resourceInUseException(message)
        case "TransactionCanceledException":
            let reasons = (object["CancellationReasons"]?.arrayValue ?? []).map { entry in
                DynamoError.CancellationReason(
                    code: entry["Code"]?.stringValue ?? "None",
                    message: entry["Message"]?.stringValue, item: item(entry["Item"]))
            }
            error = .transactionCanceledException(message, reasons: reasons)
        case "TransactionConflictException": error = .transactionConflictException(message)
        case "ProvisionedThroughputExceededException": error = .provisionedThroughputExceededException(message)
        case "ThrottlingException": error = .throttlingException(message)
        case "ItemCollectionSizeLimitExceededException": error = .itemCollectionSizeLimitExceededException(message)
        case "IdempotentParameterMismatchException": error = .idempotentParameterMismatchException(message)
        case "LimitExceededException": error = .limitExceededException(message)
        case "SerializationException": error = .serializationException(message)
        case "InternalServerError": error = .internalServerError(message)
        case "ExpiredIteratorException": error = .expiredIteratorException(message)
        case "TrimmedDataAccessException": error = .trimmedDataAccessException(message)
        default: return .unmodeledService(code: code, message: message, status: status)
        }
        return .service(error)
    }

    // MARK: DynamoDBService

    func call<Input: Encodable, Output: Decodable>(
        _ operation: String, _ input: Input, api: API = .dynamodb
    ) async throws(DynamoError) -> Output {
        do { return try await send(operation, api: api, input, as: Output.self) } catch { throw error.asDynamoError }
    }

    public func putItem(_ input: PutItemInput) async throws(DynamoError) -> PutItemOutput { try await call("PutItem", input) }
    public func getItem(_ input: GetItemInput) async throws(DynamoError) -> GetItemOutput { try await call("GetItem", input) }
    public func updateItem(_ input: UpdateItemInput) async throws(DynamoError) -> UpdateItemOutput { try await call("UpdateItem", input) }
    public func deleteItem(_ input: DeleteItemInput) async throws(DynamoError) -> DeleteItemOutput { try await call("DeleteItem", input) }
    public func query(_ input: QueryInput) async throws(DynamoError) -> QueryOutput { try await call("Query", input) }
    public func scan(_ input: ScanInput) async throws(DynamoError) -> ScanOutput { try await call("Scan", input) }
    public func batchGetItem(_ input: BatchGetItemInput) async throws(DynamoError) -> BatchGetItemOutput {
        try await call("BatchGetItem", input)
    }
    public func batchWriteItem(_ input: BatchWriteItemInput) async throws(DynamoError) -> BatchWriteItemOutput {
        try await call("BatchWriteItem", input)
    }
    public func transactWriteItems(_ input: TransactWriteItemsInput) async throws(DynamoError) -> TransactWriteItemsOutput {
        try await call("TransactWriteItems", input)
    }
    public func transactGetItems(_ input: TransactGetItemsInput) async throws(DynamoError) -> TransactGetItemsOutput {
        try await call("TransactGetItems", input)
    }
    public func createTable(_ input: CreateTableInput) async throws(DynamoError) -> CreateTableOutput { try await call("CreateTable", input) }
    public func deleteTable(_ input: DeleteTableInput) async throws(DynamoError) -> DeleteTableOutput { try await call("DeleteTable", input) }
    public func describeTable(_ input: DescribeTableInput) async throws(DynamoError) -> DescribeTableOutput {
        try await call("DescribeTable", input)
    }
    public func listTables(_ input: ListTablesInput) async throws(DynamoError) -> ListTablesOutput { try await call("ListTables", input) }
    public func updateTable(_ input: UpdateTableInput) async throws(DynamoError) -> UpdateTableOutput { try await call("UpdateTable", input) }
    public func updateTimeToLive(_ input: UpdateTimeToLiveInput) async throws(DynamoError) -> UpdateTimeToLiveOutput {
        try await call("UpdateTimeToLive", input)
    }
    public func describeTimeToLive(_ input: DescribeTimeToLiveInput) async throws(DynamoError) -> DescribeTimeToLiveOutput {
        try await call("DescribeTimeToLive", input)
    }
    public func listStreams(_ input: ListStreamsInput) async throws(DynamoError) -> ListStreamsOutput {
        try await call("ListStreams", input, api: .streams)
    }
    public func describeStream(_ input: DescribeStreamInput) async throws(DynamoError) -> DescribeStreamOutput {
        try await call("DescribeStream", input, api: .streams)
    }
    public func getShardIterator(_ input: GetShardIteratorInput) async throws(DynamoError) -> GetShardIteratorOutput {
        try await call("GetShardIterator", input, api: .streams)
    }
    public func getRecords(_ input: GetRecordsInput) async throws(DynamoError) -> GetRecordsOutput {
        try await call("GetRecords", input, api: .streams)
    }
}
