import DynamoAPI
import DynamoModel
import SluiceJSON

/// The DynamoDB JSON request decoders, as the wire server runs them: the input is `<Operation>\n<body>`.
/// A body either decodes or throws; what decodes must encode and decode back to the same value
/// (what the client sends is what the server reads), and its items and expressions are validated
/// as the engine would, which must throw `DynamoError` rather than trap.
public enum DynamoRequestFuzzTarget: FuzzTarget {
    public static let name = "dynamo-request"

    /// Decodes, round-trips and validates one operation's input.
    struct Operation: Sendable {
        let run: @Sendable ([UInt8]) -> FuzzOutcome

        init<Input: Codable & Hashable & Sendable>(
            _ type: Input.Type, validate: @escaping @Sendable (Input) throws(DynamoError) -> Void = { _ in }
        ) {
            run = { body in
                // The server reads plain GetItem, Query and PutItem bodies straight from the bytes: whatever
                // that reader accepts, the parser and Codable must read to the same value.
                if let reader = Input.self as? any WireJSONDecodable.Type, let direct = reader.init(wireJSON: body) {
                    guard let direct = direct as? Input, (try? SluiceJSONDecoder().decode(Input.self, from: body)) == direct else {
                        return .violated("\(Input.self): the direct reader read what the parser and Codable read otherwise or reject")
                    }
                }
                let input: Input
                do {
                    input = try SluiceJSONDecoder().decode(Input.self, from: body)
                } catch {
                    return .rejected("\(error)")
                }
                do {
                    let again = try SluiceJSONDecoder().decode(Input.self, from: try SluiceJSONEncoder().encode(input))
                    guard again == input else { return .violated("\(Input.self) changed in an encode/decode round trip") }
                } catch {
                    return .violated("\(Input.self) did not survive an encode/decode round trip: \(error)")
                }
                do throws(DynamoError) {
                    try validate(input)
                    return .accepted
                } catch {
                    return .rejected(error.message)
                }
            }
        }
    }

    static func item(_ item: Item?) throws(DynamoError) {
        if let item { try ItemSize.validate(item) }
    }

    static let operations: [String: Operation] = [
        "PutItem": Operation(PutItemInput.self) { input throws(DynamoError) in
            try item(input.item)
            _ = try RequestExpressions(
                condition: input.conditionExpression, names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        },
        "GetItem": Operation(GetItemInput.self) { input throws(DynamoError) in
            _ = try RequestExpressions(projection: input.projectionExpression, names: input.expressionAttributeNames)
        },
        "UpdateItem": Operation(UpdateItemInput.self) { input throws(DynamoError) in
            let expressions = try RequestExpressions(
                condition: input.conditionExpression, update: input.updateExpression,
                names: input.expressionAttributeNames, values: input.expressionAttributeValues)
            if let result = try expressions.update?.apply(to: nil, key: input.key) { try item(result.item) }
        },
        "DeleteItem": Operation(DeleteItemInput.self) { input throws(DynamoError) in
            _ = try RequestExpressions(
                condition: input.conditionExpression, names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        },
        "Query": Operation(QueryInput.self) { input throws(DynamoError) in
            _ = try RequestExpressions(
                filter: input.filterExpression, keyCondition: input.keyConditionExpression, projection: input.projectionExpression,
                keySchema: KeySchema(partitionKey: .init(name: "pk", type: .s), sortKey: .init(name: "sk", type: .s)),
                names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        },
        "Scan": Operation(ScanInput.self) { input throws(DynamoError) in
            _ = try RequestExpressions(
                filter: input.filterExpression, projection: input.projectionExpression,
                names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        },
        "BatchGetItem": Operation(BatchGetItemInput.self),
        "BatchWriteItem": Operation(BatchWriteItemInput.self),
        "TransactWriteItems": Operation(TransactWriteItemsInput.self),
        "TransactGetItems": Operation(TransactGetItemsInput.self),
        "CreateTable": Operation(CreateTableInput.self),
        "DeleteTable": Operation(DeleteTableInput.self),
        "DescribeTable": Operation(DescribeTableInput.self),
        "ListTables": Operation(ListTablesInput.self),
        "UpdateTable": Operation(UpdateTableInput.self),
        "UpdateTimeToLive": Operation(UpdateTimeToLiveInput.self),
        "DescribeTimeToLive": Operation(DescribeTimeToLiveInput.self),
        "ListStreams": Operation(ListStreamsInput.self),
        "DescribeStream": Operation(DescribeStreamInput.self),
        "GetShardIterator": Operation(GetShardIteratorInput.self),
        "GetRecords": Operation(GetRecordsInput.self),
    ]

    public static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")),
            let operation = operations[String(decoding: bytes[..<newline], as: UTF8.self)]
        else { return .rejected("no known operation before the first newline") }
        return operation.run(Array(bytes[(newline + 1)...]))
    }
}
