import DynamoModel

/// A ``DynamoDBService`` that answers GetItem and Query at once on the calling thread (the embedded engine
/// reads SQLite synchronously). A wire server answers those on its event loop, without a task per request.
/// The answers are exactly those of `getItem(_:)` and `query(_:)`.
public protocol ImmediateReads: DynamoDBService {
    func getItemNow(_ input: GetItemInput) throws(DynamoError) -> GetItemOutput
    func queryNow(_ input: QueryInput) throws(DynamoError) -> QueryOutput
}
