import DynamoModel

/// A ``DynamoDBService`` that answers GetItem and Query at once on the calling thread (the embedded engine
/// reads SQLite synchronously). A wire server answers those on its event loop, without a task per request.
/// The answers are exactly those of `getItem(_:)` and `query(_:)`.
public protocol ImmediateReads: DynamoDBService {
    func getItemNow(_ input: GetItemInput) throws(DynamoError) -> GetItemOutput
    func queryNow(_ input: QueryInput) throws(DynamoError) -> QueryOutput

    /// The wire JSON of ``getItemNow(_:)``'s answer: the bytes its `wireJSON()` writes, except that the
    /// item's attributes may come in another order (DynamoDB does not specify one). Same errors.
    func getItemWireJSON(_ input: GetItemInput) throws(DynamoError) -> [UInt8]

    /// The wire JSON of ``queryNow(_:)``'s answer, as ``getItemWireJSON(_:)`` is of ``getItemNow(_:)``'s.
    func queryWireJSON(_ input: QueryInput) throws(DynamoError) -> [UInt8]
}
