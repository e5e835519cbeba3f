import DynamoAPI
import DynamoModel

/// The single-item writes with their answers handed to a completion handler: on the writer thread once the
/// write's group has committed, or at once on the calling thread when the request is invalid.
extension EmbeddedDynamoDB: CallbackWrites {
    public func putItem(_ input: PutItemInput, completion: @escaping @Sendable (Result<PutItemOutput, DynamoError>) -> Void) {
        submit(input, putItemWrite, completion)
    }

    public func updateItem(
        _ input: UpdateItemInput, completion: @escaping @Sendable (Result<UpdateItemOutput, DynamoError>) -> Void
    ) {
        submit(input, updateItemWrite, completion)
    }

    public func deleteItem(
        _ input: DeleteItemInput, completion: @escaping @Sendable (Result<DeleteItemOutput, DynamoError>) -> Void
    ) {
        submit(input, deleteItemWrite, completion)
    }

    private func submit<Input, Output: Sendable>(
        _ input: Input, _ prepare: (Input) throws(DynamoError) -> ItemWrite<Output>,
        _ completion: @escaping @Sendable (Result<Output, DynamoError>) -> Void
    ) {
        let write: ItemWrite<Output>
        do throws(DynamoError) { write = try prepare(input) } catch { return completion(.failure(error)) }
        writer.submit(write, completion: completion)
    }
}
