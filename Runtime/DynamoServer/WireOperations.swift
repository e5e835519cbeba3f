import DynamoAPI
import DynamoModel
import NIOCore
import SluiceJSON

/// The operations by `X-Amz-Target`: decode the input, call the service, encode the output.
enum WireOperations {
    typealias Operation = @Sendable (any DynamoDBService, [UInt8]) async -> Result<[UInt8], WireError>
    typealias ImmediateOperation = @Sendable (any ImmediateReads, [UInt8]) -> Result<[UInt8], WireError>
    typealias CallbackOperation = @Sendable (any CallbackWrites, [UInt8], any EventLoop) -> EventLoopFuture<Result<[UInt8], WireError>>

    static func call<Input: Decodable, Output: Encodable>(
        _ body: [UInt8], _ operation: (Input) async throws(DynamoError) -> Output
    ) async -> Result<[UInt8], WireError> {
        let input: Input
        switch decode(Input.self, body) {
        case .success(let decoded): input = decoded
        case .failure(let error): return .failure(error)
        }
        do {
            return encode(try await operation(input))
        } catch {
            return .failure(.service(error))
        }
    }

    /// ``call(_:_:)`` for an operation that answers at once.
    static func callNow<Input: Decodable, Output: Encodable>(
        _ body: [UInt8], _ operation: (Input) throws(DynamoError) -> Output
    ) -> Result<[UInt8], WireError> {
        decode(Input.self, body).flatMap { input in
            do throws(DynamoError) { return encode(try operation(input)) } catch { return .failure(.service(error)) }
        }
    }

    /// ``callNow(_:_:)`` for an operation that answers with its output's wire JSON already written.
    static func callNowWritten<Input: Decodable>(
        _ body: [UInt8], _ operation: (Input) throws(DynamoError) -> [UInt8]
    ) -> Result<[UInt8], WireError> {
        decode(Input.self, body).flatMap { input in
            do throws(DynamoError) { return .success(try operation(input)) } catch { return .failure(.service(error)) }
        }
    }

    /// ``call(_:_:)`` for an operation that answers through a completion handler: the input is decoded on
    /// the calling thread, and the output encoded on `loop`.
    static func callBack<Input: Decodable, Output: Encodable & Sendable>(
        _ body: [UInt8], on loop: any EventLoop,
        _ operation: (Input, @escaping @Sendable (Result<Output, DynamoError>) -> Void) -> Void
    ) -> EventLoopFuture<Result<[UInt8], WireError>> {
        let input: Input
        switch decode(Input.self, body) {
        case .success(let decoded): input = decoded
        case .failure(let error): return loop.makeSucceededFuture(.failure(error))
        }
        let promise = loop.makePromise(of: Result<Output, DynamoError>.self)
        operation(input) { promise.succeed($0) }
        return promise.futureResult.map { result in
            result.mapError { WireError.service($0) }.flatMap { encode($0) }
        }
    }

    private static func decode<Input: Decodable>(_ type: Input.Type, _ body: [UInt8]) -> Result<Input, WireError> {
        // GetItem and Query in the plain form: read straight from the bytes, else parsed and decoded.
        if let direct = Input.self as? any WireJSONDecodable.Type, let input = direct.init(wireJSON: body) as? Input {
            return .success(input)
        }
        do {
            return .success(try SluiceJSONDecoder().decode(Input.self, from: body.isEmpty ? Array("{}".utf8) : body))
        } catch {
            return .failure(WireError(decoding: error))
        }
    }

    private static func encode<Output: Encodable>(_ output: Output) -> Result<[UInt8], WireError> {
        do {
            if let direct = output as? any WireJSONEncodable { return .success(try direct.wireJSON()) }
            return .success(try SluiceJSONEncoder().encode(output))
        } catch {
            return .failure(.service(.internalServerError("\(error)")))
        }
    }

    static let dynamo = "DynamoDB_20120810."
    static let streams = "DynamoDBStreams_20120810."

    static let table: [String: Operation] = [
        dynamo + "PutItem": { service, body in await call(body, service.putItem) },
        dynamo + "GetItem": { service, body in await call(body, service.getItem) },
        dynamo + "UpdateItem": { service, body in await call(body, service.updateItem) },
        dynamo + "DeleteItem": { service, body in await call(body, service.deleteItem) },
        dynamo + "Query": { service, body in await call(body, service.query) },
        dynamo + "Scan": { service, body in await call(body, service.scan) },
        dynamo + "BatchGetItem": { service, body in await call(body, service.batchGetItem) },
        dynamo + "BatchWriteItem": { service, body in await call(body, service.batchWriteItem) },
        dynamo + "TransactWriteItems": { service, body in await call(body, service.transactWriteItems) },
        dynamo + "TransactGetItems": { service, body in await call(body, service.transactGetItems) },
        dynamo + "CreateTable": { service, body in await call(body, service.createTable) },
        dynamo + "DeleteTable": { service, body in await call(body, service.deleteTable) },
        dynamo + "DescribeTable": { service, body in await call(body, service.describeTable) },
        dynamo + "ListTables": { service, body in await call(body, service.listTables) },
        dynamo + "UpdateTable": { service, body in await call(body, service.updateTable) },
        dynamo + "UpdateTimeToLive": { service, body in await call(body, service.updateTimeToLive) },
        dynamo + "DescribeTimeToLive": { service, body in await call(body, service.describeTimeToLive) },
        streams + "ListStreams": { service, body in await call(body, service.listStreams) },
        streams + "DescribeStream": { service, body in await call(body, service.describeStream) },
        streams + "GetShardIterator": { service, body in await call(body, service.getShardIterator) },
        streams + "GetRecords": { service, body in await call(body, service.getRecords) },
    ]

    /// The writes a service with ``CallbackWrites`` answers through a completion handler.
    static let callback: [String: CallbackOperation] = [
        dynamo + "PutItem": { service, body, loop in callBack(body, on: loop, service.putItem) },
        dynamo + "UpdateItem": { service, body, loop in callBack(body, on: loop, service.updateItem) },
        dynamo + "DeleteItem": { service, body, loop in callBack(body, on: loop, service.deleteItem) },
    ]

    /// The reads a service with ``ImmediateReads`` answers on the calling thread.
    static let immediate: [String: ImmediateOperation] = [
        dynamo + "GetItem": { service, body in callNowWritten(body, service.getItemWireJSON) },
        dynamo + "Query": { service, body in callNowWritten(body, service.queryWireJSON) },
    ]
}
