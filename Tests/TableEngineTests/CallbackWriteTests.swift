import DynamoAPI
import DynamoModel
import Testing
@testable import TableEngine

/// The completion-handler writes (``CallbackWrites``, what the wire server uses) answer exactly as the async
/// ones: the same sequence of writes through both, on two tables of one engine, gives the same answers,
/// errors, items and stream records.
@Suite struct CallbackWriteTests {
    /// A write through its completion handler, awaited.
    func answer<Output: Sendable>(
        _ call: (@escaping @Sendable (Result<Output, DynamoError>) -> Void) -> Void
    ) async -> Result<Output, DynamoError> {
        await withCheckedContinuation { continuation in call { continuation.resume(returning: $0) } }
    }

    /// The async write's result, as a `Result`.
    func answer<Output: Sendable>(_ call: () async throws(DynamoError) -> Output) async -> Result<Output, DynamoError> {
        do throws(DynamoError) { return .success(try await call()) } catch { return .failure(error) }
    }

    /// What a caller can tell apart in an answer.
    struct Answer: Equatable {
        var attributes: Item?
        var capacityUnits: Double?
        var error: String?

        init<Output>(_ result: Result<Output, DynamoError>, _ attributes: (Output) -> Item?, _ units: (Output) -> Double?) {
            switch result {
            case .success(let output): self.attributes = attributes(output); capacityUnits = units(output)
            case .failure(let failure): error = "\(failure.code): \(failure.message)"
            }
        }
    }

    enum Write {
        case put(Item, condition: String? = nil, returnValues: ReturnValue? = nil)
        case update(Item, String, values: Item, returnValues: ReturnValue)
        case delete(Item, condition: String? = nil, returnValues: ReturnValue? = nil)
    }

    static let writes: [Write] = [
        .put(["pk": s("a"), "v": n(1)], returnValues: .allOld),
        .put(["pk": s("a"), "v": n(2)], returnValues: .allOld),
        .put(["pk": s("a"), "v": n(3)], condition: "attribute_not_exists(pk)"),  // fails: the item exists
        .put(["v": n(1)]),  // no key: ValidationException before the writer
        .put(["pk": s("b"), "v": n(1)], returnValues: .allNew),  // PutItem allows NONE and ALL_OLD only
        .update(["pk": s("a")], "SET v = v + :one, w = :w", values: [":one": n(1), ":w": s("x")], returnValues: .allNew),
        .update(["pk": s("c")], "SET v = v + :one", values: [":one": n(1)], returnValues: .updatedNew),  // v is missing
        .update(["pk": s("c")], "SET v = :one", values: [":one": n(1)], returnValues: .updatedOld),
        .delete(["pk": s("a")], condition: "v = :nine", returnValues: .allOld),  // fails: v is 3
        .delete(["pk": s("a")], returnValues: .allOld),
        .delete(["pk": s("zz")], returnValues: .allOld),
    ]

    @Test func callbackWritesAnswerAsAsyncWrites() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable("async", stream: .newAndOldImages)
        try await t.createSimpleTable("callback", stream: .newAndOldImages)
        let engine = t.engine
        var answers: [Answer] = []
        for (number, write) in Self.writes.enumerated() {
            let viaAsync: Answer, viaCallback: Answer
            switch write {
            case .put(let item, let condition, let returnValues):
                func input(_ table: String) -> PutItemInput {
                    PutItemInput(
                        tableName: table, item: item, conditionExpression: condition, returnValues: returnValues,
                        returnConsumedCapacity: .total)
                }
                viaAsync = Answer(await answer { () async throws(DynamoError) in try await engine.putItem(input("async")) }, \.attributes, \.consumedCapacity?.capacityUnits)
                viaCallback = Answer(await answer { engine.putItem(input("callback"), completion: $0) }, \.attributes, \.consumedCapacity?.capacityUnits)
            case .update(let key, let expression, let values, let returnValues):
                func input(_ table: String) -> UpdateItemInput {
                    UpdateItemInput(
                        tableName: table, key: key, updateExpression: expression, expressionAttributeValues: values,
                        returnValues: returnValues)
                }
                viaAsync = Answer(await answer { () async throws(DynamoError) in try await engine.updateItem(input("async")) }, \.attributes, \.consumedCapacity?.capacityUnits)
                viaCallback = Answer(await answer { engine.updateItem(input("callback"), completion: $0) }, \.attributes, \.consumedCapacity?.capacityUnits)
            case .delete(let key, let condition, let returnValues):
                func input(_ table: String) -> DeleteItemInput {
                    DeleteItemInput(
                        tableName: table, key: key, conditionExpression: condition,
                        expressionAttributeValues: condition == nil ? nil : [":nine": n(9)], returnValues: returnValues)
                }
                viaAsync = Answer(await answer { () async throws(DynamoError) in try await engine.deleteItem(input("async")) }, \.attributes, \.consumedCapacity?.capacityUnits)
                viaCallback = Answer(await answer { engine.deleteItem(input("callback"), completion: $0) }, \.attributes, \.consumedCapacity?.capacityUnits)
            }
            #expect(viaCallback == viaAsync, "write \(number): \(write)")
            answers.append(viaCallback)
        }
        #expect(answers[1].attributes == ["pk": s("a"), "v": n(1)])
        #expect(answers[1].capacityUnits == 1)
        #expect(answers[2].error?.hasPrefix("ConditionalCheckFailedException") == true)
        #expect(answers[3].error?.hasPrefix("ValidationException") == true)
        #expect(answers[4].error?.hasPrefix("ValidationException") == true)
        #expect(answers[5].attributes == ["pk": s("a"), "v": n(3), "w": s("x")])
        #expect(answers[6].error?.hasPrefix("ValidationException") == true)
        #expect(answers[9].attributes == ["pk": s("a"), "v": n(3), "w": s("x")])
        #expect(answers[10].attributes == nil && answers[10].error == nil)
        let asyncItems = try await engine.scan(ScanInput(tableName: "async")).items ?? []
        let callbackItems = try await engine.scan(ScanInput(tableName: "callback")).items ?? []
        #expect(callbackItems == asyncItems)
        #expect(callbackItems == [["pk": s("c"), "v": n(1)]])
        struct Change: Equatable {
            var event: String, keys: Item, old: Item?, new: Item?
        }
        func changes(_ table: String) throws -> [Change] {
            try t.allRecords(table).flatMap { $0 }
                .sorted { ($0.dynamodb.sequenceNumber.count, $0.dynamodb.sequenceNumber) < ($1.dynamodb.sequenceNumber.count, $1.dynamodb.sequenceNumber) }
                .map { Change(event: "\($0.eventName)", keys: $0.dynamodb.keys, old: $0.dynamodb.oldImage, new: $0.dynamodb.newImage) }
        }
        #expect(try changes("callback") == changes("async"))
        // a: INSERT, MODIFY (put), MODIFY (update), REMOVE; c: INSERT. The failed writes left nothing.
        #expect(try changes("callback").count == 5)
    }
}
