import DynamoAPI
import DynamoModel

/// The table as the repositories use it: one `DynamoDBService`, one table name, and the mapping of
/// DynamoDB's errors to API errors (throttling → 503, anything unexpected → 500; conditional failures
/// are handled by the callers, which know what they mean).
struct TableGateway: Sendable {
    let service: any DynamoDBService
    let tableName: String

    /// The condition "the stored version is `version`" (optimistic concurrency).
    static let versionCondition = "#version = :version"
    static let versionNames = ["#version": "version"]
    static func versionValues(_ version: Int) -> Item { [":version": .n(String(version))] }

    func get(_ key: Item) async throws(APIError) -> Item? {
        do throws(DynamoError) {
            return try await service.getItem(GetItemInput(tableName: tableName, key: key, consistentRead: true)).item
        } catch { throw Self.unexpected(error) }
    }

    /// Reads up to `limit` matching items, querying again while a filter leaves a page short.
    /// Returns the items and the key to continue from (`nil` at the end).
    func collect(_ input: QueryInput, limit: Int, maxRequests: Int = 10) async throws(APIError) -> (items: [Item], next: Item?) {
        var input = input
        var items: [Item] = []
        var requests = 0
        repeat {
            input.limit = limit - items.count
            let output: QueryOutput
            do throws(DynamoError) { output = try await service.query(input) } catch { throw Self.unexpected(error) }
            items += output.items ?? []
            input.exclusiveStartKey = output.lastEvaluatedKey
            requests += 1
        } while items.count < limit && input.exclusiveStartKey != nil && requests < maxRequests
        return (items, input.exclusiveStartKey)
    }

    /// An error no caller expected: throttling and capacity become 503, the rest 500.
    static func unexpected(_ error: DynamoError) -> APIError {
        switch error {
        case .transactionConflictException:
            .versionConflict
        case .provisionedThroughputExceededException, .throttlingException, .limitExceededException:
            .unavailable("The table is busy; retry: \(error.message)")
        case .service where error.isRetryable:
            .unavailable("The table is busy; retry: \(error.code): \(error.message)")
        case .transactionCanceledException(_, let reasons) where reasons.contains { $0.code == "TransactionConflict" }:
            .versionConflict
        default:
            .internalError("\(error.code): \(error.message)")
        }
    }
}
