import DynamoModel
import Foundation
import LambdaEvents
import Testing

@testable import Lake
@testable import LakeETL

@Suite struct StreamEventDecoderTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../events/dynamodb-stream.json")

    @Test func agreesWithJSONDecoder() throws {
        let item: Item = [
            "PK": .s("USER#1"), "SK": .s("TASK#1"), "esc": .s("q\"b\\s/\n\t\u{1}é😀"), "n": .n("-1.5E3"), "b": .b([0, 255]),
            "t": .bool(true), "f": .bool(false), "z": .null, "ss": .ss(["a"]), "ns": .ns(["1", "2"]), "bs": .bs([[1], []]),
            "m": .m(["in": .l([.n("1"), .m([:]), .l([])])]),
        ]
        var remove = Records.record(.remove, seq: 2, keys: ["PK": .s("a")], old: item)
        remove.userIdentity = .timeToLive
        remove.dynamodb.approximateCreationDateTime = 1_714_564_800.125
        let records = [Records.record(.insert, seq: 1, keys: ["PK": .s("USER#1"), "SK": .s("TASK#1")], new: item, arn: nil), remove]
        let json = try JSONEncoder().encode(DynamoDBEvent(records: records))
        #expect(try StreamEventDecoder.records(from: Array(json)) == records)
        // Escapes JSONEncoder does not produce, unknown fields, nulls and white space.
        let handWritten = #"""
            { "Records" : [ { "eventID":"a\u00e9\ud83d\ude00", "eventName":"MODIFY", "eventVersion":"1.1", "eventSource":"aws:dynamodb",
              "awsRegion":"eu-west-1", "eventSourceARN":null, "userIdentity":null, "extra":{"x":[1,2.5e3,true,null,"s"]},
              "dynamodb":{ "Keys":{"id":{"S":"k\/1"}}, "NewImage":null, "SequenceNumber":"1", "SizeBytes":1,
                           "ApproximateCreationDateTime":1.7145648E9, "Unknown":{} } } ], "more": 1 }
            """#
        let fast = try StreamEventDecoder.records(from: Array(handWritten.utf8))
        let slow = try JSONDecoder().decode(DynamoDBEvent.self, from: Data(handWritten.utf8)).records
        #expect(fast == slow)
        #expect(fast[0].eventID == "aé😀" && fast[0].dynamodb.keys["id"] == .s("k/1"))
        let file = try Data(contentsOf: Self.sample)
        #expect(try StreamEventDecoder.records(from: Array(file)) == JSONDecoder().decode(DynamoDBEvent.self, from: file).records)
    }

    @Test func rejectsWhatJSONDecoderRejects() {
        let bad = [
            #"{}"#, #"{"Records":[{}]}"#, #"{"Records":[1]}"#, #"{"Records":[]} x"#, #"{"Records":["#,
            #"{"Records":[{"eventID":"a","eventName":"DROP","eventVersion":"1","eventSource":"s","awsRegion":"r","dynamodb":{"Keys":{},"SequenceNumber":"1","SizeBytes":1}}]}"#,
            #"{"Records":[{"eventID":"a","eventName":"INSERT","eventVersion":"1","eventSource":"s","awsRegion":"r","dynamodb":{"Keys":{"k":{"S":"a","N":"1"}},"SequenceNumber":"1","SizeBytes":1}}]}"#,
            #"{"Records":[{"eventID":"a","eventName":"INSERT","eventVersion":"1","eventSource":"s","awsRegion":"r","dynamodb":{"Keys":{"k":{"B":"!!"}},"SequenceNumber":"1","SizeBytes":1}}]}"#,
            #"{"Records":[{"eventID":"a","eventName":"INSERT","eventVersion":"1","eventSource":"s","awsRegion":"r","dynamodb":{"Keys":{"k":{"NULL":false}},"SequenceNumber":"1","SizeBytes":1}}]}"#,
            #"{"Records":[{"eventID":"a","eventName":"INSERT","eventVersion":"1","eventSource":"s","awsRegion":"r","dynamodb":{"Keys":{},"SizeBytes":1}}]}"#,
        ]
        for text in bad {
            #expect(throws: (any Error).self, "\(text)") { try StreamEventDecoder.records(from: Array(text.utf8)) }
            #expect(throws: (any Error).self, "\(text)") { try JSONDecoder().decode(DynamoDBEvent.self, from: Data(text.utf8)) }
        }
    }

    @Test func functionHandlerAnswersBatchItemFailures() throws {
        let lake = try Support.lake()
        try IngestTests.block(lake, "tasks", "2024-05-01")
        let handler = ETLEventHandler(ETLHandler(lake: lake.root))
        let event = try JSONEncoder().encode(DynamoDBEvent(records: [Records.user(user: 1, seq: 1), Records.task(task: 1, seq: 2), Records.user(user: 2, seq: 3)]))
        let response = try handler.respond(to: Array(event))
        let decoded = try JSONDecoder().decode(BatchItemFailures.self, from: Data(response))
        #expect(decoded.itemIdentifiers == [Records.seq(2), Records.seq(3)])
        #expect(throws: (any Error).self) { try handler.respond(to: Array("{\"Records\":[{}]}".utf8)) }
    }
}
