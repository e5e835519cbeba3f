import DynamoAPI
import DynamoModel
import Testing
@testable import TableEngine

@Suite struct ConcurrencyTests {
    /// With and without lone writes committed on the caller's thread (off by default, on in TableBench).
    @Test(arguments: [true, false])
    func manyConcurrentWritersAllLandAndTheStreamHoldsExactlyThem(commitsOnCallerThread: Bool) async throws {
        let t = try TestEngine { $0.commitsOnCallerThread = commitsOnCallerThread }
        try await t.createSimpleTable(stream: .newImage)
        let engine = t.engine
        let writers = 32, perWriter = 200
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask {
                    for i in 0..<perWriter {
                        _ = try await engine.putItem(PutItemInput(tableName: "simple", item: ["pk": .s("w\(w)-\(i)"), "i": .n(String(i))]))
                    }
                }
            }
            // readers run beside the writer
            group.addTask {
                for _ in 0..<50 { _ = try await engine.scan(ScanInput(tableName: "simple", limit: 100)) }
            }
            try await group.waitForAll()
        }
        let count = try await engine.scan(ScanInput(tableName: "simple", select: .count)).count
        #expect(count == writers * perWriter)
        let shards = try t.allRecords("simple")
        let all = shards.flatMap { $0 }
        #expect(all.count == writers * perWriter)
        #expect(Set(all.compactMap { $0.dynamodb.keys["pk"] }).count == writers * perWriter)
        #expect(all.allSatisfy { $0.eventName == .insert })
        for records in shards {
            let numbers = records.map(\.dynamodb.sequenceNumber)
            #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 })
        }
    }

    @Test func aFailedConditionInAGroupRollsBackOnlyThatRequest() async throws {
        let t = try TestEngine()
        try await t.createSimpleTable(stream: .newImage)
        let engine = t.engine
        // 100 concurrent conditional creates of 10 keys: exactly one winner per key
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<100 {
                group.addTask {
                    do {
                        _ = try await engine.putItem(PutItemInput(
                            tableName: "simple", item: ["pk": .s("k\(i % 10)"), "writer": .n(String(i))],
                            conditionExpression: "attribute_not_exists(pk)"))
                        return true
                    } catch {
                        guard case .conditionalCheckFailedException? = error as? DynamoError else { throw error }
                        return false
                    }
                }
            }
            var wins = 0
            for try await won in group where won { wins += 1 }
            return wins
        }
        #expect(results == 10)
        #expect(try t.allRecords("simple").flatMap { $0 }.count == 10)
    }
}
