import DynamoModel

/// A ``DynamoDBService`` that hands the answers of its single-item writes to a completion handler instead of
/// an awaiting task: the embedded engine answers from its writer thread once a write's group has committed.
/// A wire server then serves PutItem, UpdateItem and DeleteItem without a task per request. The answers
/// are exactly those of `putItem(_:)`, `updateItem(_:)` and `deleteItem(_:)`; the handler is called once,
/// on any thread.
public protocol CallbackWrites: DynamoDBService {
    func putItem(_ input: PutItemInput, completion: @escaping @Sendable (Result<PutItemOutput, DynamoError>) -> Void)
    func updateItem(_ input: UpdateItemInput, completion: @escaping @Sendable (Result<UpdateItemOutput, DynamoError>) -> Void)
    func deleteItem(_ input: DeleteItemInput, completion: @escaping @Sendable (Result<DeleteItemOutput, DynamoError>) -> Void)
}
