import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import TableEngine

/// Spawns `TableCrashWriter`, SIGKILLs it mid-burst, reopens the directory and checks that every
/// acknowledged write is present and the stream holds exactly the present changes.
@Suite struct CrashTests {
    static var writerPath: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("TableCrashWriter").path
    }

    @Test func acknowledgedWritesSurviveSIGKILL() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.writerPath), "build TableCrashWriter first")
        let t = try TestEngine()
        t.engine.close()
        var acknowledged = Set<String>()
        for round in 0..<4 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.writerPath)
            process.arguments = [t.directory, String(round), "1000000", "8"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            // wait until it is writing, then kill it at a random moment
            var output = Data()
            let handle = pipe.fileHandleForReading
            while !String(decoding: output, as: UTF8.self).contains("\n") {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                output.append(chunk)
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...700)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            output.append(handle.readDataToEndOfFile())
            let text = String(decoding: output, as: UTF8.self)
            // only complete lines were acknowledged
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if !text.hasSuffix("\n") { lines.removeLast() }
            let keys = lines.filter { $0.hasPrefix("r\(round)-") }
            #expect(keys.count > 0, "round \(round) acknowledged nothing")
            acknowledged.formUnion(keys)

            t.engine = try EmbeddedDynamoDB(directory: t.directory, configuration: t.engine.configuration)
            var present = Set<String>()
            var start: Item? = nil
            repeat {
                let page = try await t.engine.scan(ScanInput(tableName: "crash", exclusiveStartKey: start))
                for item in page.items ?? [] { if case .s(let k)? = item["pk"] { present.insert(k) } }
                start = page.lastEvaluatedKey
            } while start != nil
            let missing = acknowledged.subtracting(present)
            #expect(missing.isEmpty, "round \(round): \(missing.count) acknowledged writes lost")
            let shards = try t.allRecords("crash")
            let records = shards.flatMap { $0 }
            #expect(records.allSatisfy { $0.eventName == .insert })
            var streamKeys: [String] = []
            for r in records { if case .s(let k)? = r.dynamodb.keys["pk"] { streamKeys.append(k) } }
            #expect(streamKeys.count == present.count && Set(streamKeys) == present, "round \(round): stream \(streamKeys.count) vs items \(present.count)")
            for shard in shards {
                let numbers = shard.map(\.dynamodb.sequenceNumber)
                #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 })
            }
            t.engine.close()
        }
    }
}
