import DynamoAPI
import DynamoModel

/// User profiles and their email guards.
///
/// Email uniqueness: each live profile owns a guard item `PK = EMAIL#<lowercased email>`, written in
/// the same TransactWriteItems as the profile with `attribute_not_exists(PK)`, so two concurrent sign-ups
/// with `Ada@x.io` and `ada@X.io` cannot both succeed. An email change moves the guard (delete the old
/// one, conditioned on still being ours; put the new one) in the profile's transaction. A soft delete
/// releases the guard, so the address can register again; the deleted profile keeps its email.
///
/// Every write is conditioned on the stored `version` (optimistic concurrency): a write based on a stale
/// read fails with ``WriteConflict/staleVersion`` instead of overwriting.
public struct UserRepository: Sendable {
    let table: TableGateway

    public init(service: any DynamoDBService, tableName: String) {
        table = TableGateway(service: service, tableName: tableName)
    }

    /// The profile, deleted or not; `nil` when there is none.
    public func get(_ id: String) async throws(APIError) -> User? {
        guard let item = try await table.get(TableDesign.profileKey(id)) else { return nil }
        return try ItemMapping.user(from: item)
    }

    /// Writes a new profile and its email guard in one transaction.
    /// - Throws: `409 user_exists` when the id is taken, `409 email_taken` when the email is.
    public func create(_ user: User) async throws(APIError) {
        let items = [
            TransactWriteItem(put: TransactPut(
                tableName: table.tableName, item: ItemMapping.item(for: user), conditionExpression: "attribute_not_exists(PK)")),
            TransactWriteItem(put: TransactPut(
                tableName: table.tableName, item: ItemMapping.emailGuard(normalizedEmail: user.normalizedEmail, userId: user.id),
                conditionExpression: "attribute_not_exists(PK)")),
        ]
        do throws(DynamoError) {
            _ = try await table.service.transactWriteItems(TransactWriteItemsInput(transactItems: items))
        } catch .transactionCanceledException(let message, let reasons) {
            if Self.failed(reasons, at: 0) { throw .userExists(user.id) }
            if Self.failed(reasons, at: 1) { throw .emailTaken(user.email) }
            throw TableGateway.unexpected(.transactionCanceledException(message, reasons: reasons))
        } catch { throw TableGateway.unexpected(error) }
    }

    /// Replaces `old` (read at `old.version`) by `new`, moving the email guard when the email changes
    /// other than in case. `new.version` must be `old.version + 1`.
    /// - Throws: ``APIError/versionConflict`` when the profile changed since `old` was read,
    ///   `409 email_taken` when the new email belongs to someone else.
    public func replace(_ old: User, with new: User) async throws(APIError) {
        let profile = TransactWriteItem(put: TransactPut(
            tableName: table.tableName, item: ItemMapping.item(for: new),
            conditionExpression: "attribute_exists(PK) AND " + TableGateway.versionCondition,
            expressionAttributeNames: TableGateway.versionNames, expressionAttributeValues: TableGateway.versionValues(old.version)))
        var items = [profile]
        let releaseOld = old.deletedAt == nil && (new.deletedAt != nil || new.normalizedEmail != old.normalizedEmail)
        let claimNew = new.deletedAt == nil && new.normalizedEmail != old.normalizedEmail
        if releaseOld {
            items.append(TransactWriteItem(delete: TransactDelete(
                tableName: table.tableName, key: TableDesign.emailKey(old.normalizedEmail),
                conditionExpression: "attribute_not_exists(PK) OR userId = :me", expressionAttributeValues: [":me": .s(old.id)])))
        }
        if claimNew {
            items.append(TransactWriteItem(put: TransactPut(
                tableName: table.tableName, item: ItemMapping.emailGuard(normalizedEmail: new.normalizedEmail, userId: new.id),
                conditionExpression: "attribute_not_exists(PK)")))
        }
        do throws(DynamoError) {
            _ = try await table.service.transactWriteItems(TransactWriteItemsInput(transactItems: items))
        } catch .transactionCanceledException(let message, let reasons) {
            if Self.failed(reasons, at: 0) { throw .versionConflict }
            if claimNew, Self.failed(reasons, at: items.count - 1) { throw .emailTaken(new.email) }
            if releaseOld, Self.failed(reasons, at: 1) { throw .versionConflict }
            throw TableGateway.unexpected(.transactionCanceledException(message, reasons: reasons))
        } catch { throw TableGateway.unexpected(error) }
    }

    /// One page of profiles in email order (GSI1, partition `USERS`); soft-deleted ones only when asked.
    public func list(limit: Int, after start: Item?, includeDeleted: Bool) async throws(APIError) -> (users: [User], next: Item?) {
        let input = QueryInput(
            tableName: table.tableName, indexName: TableDesign.gsi1, keyConditionExpression: "GSI1PK = :p",
            filterExpression: includeDeleted ? nil : "attribute_not_exists(deletedAt)",
            expressionAttributeValues: [":p": .s(TableDesign.usersIndexPartition)], exclusiveStartKey: start)
        let page = try await table.collect(input, limit: limit)
        var users: [User] = []
        for item in page.items { users.append(try ItemMapping.user(from: item)) }
        return (users, page.next)
    }

    static func failed(_ reasons: [DynamoError.CancellationReason], at index: Int) -> Bool {
        index < reasons.count && reasons[index].code == "ConditionalCheckFailed"
    }
}
