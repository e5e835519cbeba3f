import DynamoModel

/// DynamoDB and DynamoDB Streams, one method per operation, shaped exactly like the JSON API.
///
/// The embedded engine (`TableEngine.EmbeddedDynamoDB`) implements it in process; an HTTP client
/// implements it against a wire endpoint. Handlers program against this protocol (usually through
/// the typed helpers in `DynamoDBService+Typed.swift`).
public protocol DynamoDBService: Sendable {
    func putItem(_ input: PutItemInput) async throws(DynamoError) -> PutItemOutput
    func getItem(_ input: GetItemInput) async throws(DynamoError) -> GetItemOutput
    func updateItem(_ input: UpdateItemInput) async throws(DynamoError) -> UpdateItemOutput
    func deleteItem(_ input: DeleteItemInput) async throws(DynamoError) -> DeleteItemOutput
    func query(_ input: QueryInput) async throws(DynamoError) -> QueryOutput
    func scan(_ input: ScanInput) async throws(DynamoError) -> ScanOutput
    func batchGetItem(_ input: BatchGetItemInput) async throws(DynamoError) -> BatchGetItemOutput
    func batchWriteItem(_ input: BatchWriteItemInput) async throws(DynamoError) -> BatchWriteItemOutput
    func transactWriteItems(_ input: TransactWriteItemsInput) async throws(DynamoError) -> TransactWriteItemsOutput
    func transactGetItems(_ input: TransactGetItemsInput) async throws(DynamoError) -> TransactGetItemsOutput

    func createTable(_ input: CreateTableInput) async throws(DynamoError) -> CreateTableOutput
    func deleteTable(_ input: DeleteTableInput) async throws(DynamoError) -> DeleteTableOutput
    func describeTable(_ input: DescribeTableInput) async throws(DynamoError) -> DescribeTableOutput
    func listTables(_ input: ListTablesInput) async throws(DynamoError) -> ListTablesOutput
    func updateTable(_ input: UpdateTableInput) async throws(DynamoError) -> UpdateTableOutput
    func updateTimeToLive(_ input: UpdateTimeToLiveInput) async throws(DynamoError) -> UpdateTimeToLiveOutput
    func describeTimeToLive(_ input: DescribeTimeToLiveInput) async throws(DynamoError) -> DescribeTimeToLiveOutput

    // DynamoDB Streams
    func listStreams(_ input: ListStreamsInput) async throws(DynamoError) -> ListStreamsOutput
    func describeStream(_ input: DescribeStreamInput) async throws(DynamoError) -> DescribeStreamOutput
    func getShardIterator(_ input: GetShardIteratorInput) async throws(DynamoError) -> GetShardIteratorOutput
    func getRecords(_ input: GetRecordsInput) async throws(DynamoError) -> GetRecordsOutput
}
