import SluiceJSON
import StreamMapping
import Testing

@Suite struct FilterPatternTests {
    let record = try! JSONValue(parsing: """
        {"eventName":"INSERT","eventSource":"aws:dynamodb","dynamodb":{"Keys":{"pk":{"S":"order#17"}},
         "NewImage":{"pk":{"S":"order#17"},"status":{"S":"Shipped"},"qty":{"N":"12"},"tags":{"SS":["red","blue"]},
         "gift":{"BOOL":true},"note":{"NULL":true}},"SequenceNumber":"100000000000000000042","SizeBytes":90}}
        """)

    func matches(_ pattern: String) throws -> Bool { try FilterPattern(json: pattern).matches(record) }

    @Test func exactValues() throws {
        #expect(try matches(#"{"eventName":["INSERT"]}"#))
        #expect(try matches(#"{"eventName":["MODIFY","INSERT"]}"#))
        #expect(try !matches(#"{"eventName":["REMOVE"]}"#))
        #expect(try matches(#"{"dynamodb":{"NewImage":{"status":{"S":["Shipped"]}}}}"#))
        #expect(try matches(#"{"dynamodb":{"NewImage":{"gift":{"BOOL":[true]}}}}"#))
        #expect(try matches(#"{"dynamodb":{"SizeBytes":[90]}}"#))
        #expect(try matches(#"{"dynamodb":{"NewImage":{"tags":{"SS":["blue"]}}}}"#), "an array matches when one element does")
        #expect(try !matches(#"{"dynamodb":{"NewImage":{"missing":{"S":["x"]}}}}"#))
        #expect(try matches(#"{"eventName":["INSERT"],"dynamodb":{"Keys":{"pk":{"S":["order#17"]}}}}"#))
        #expect(try !matches(#"{"eventName":["INSERT"],"dynamodb":{"Keys":{"pk":{"S":["order#18"]}}}}"#), "all fields must match")
    }

    @Test func prefixSuffixAndCase() throws {
        #expect(try matches(#"{"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"order#"}]}}}}"#))
        #expect(try !matches(#"{"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"user#"}]}}}}"#))
        #expect(try matches(##"{"dynamodb":{"Keys":{"pk":{"S":[{"suffix":"#17"}]}}}}"##))
        #expect(try matches(#"{"dynamodb":{"NewImage":{"status":{"S":[{"equals-ignore-case":"SHIPPED"}]}}}}"#))
    }

    @Test func numeric() throws {
        #expect(try matches(#"{"dynamodb":{"NewImage":{"qty":{"N":[{"numeric":["=",12]}]}}}}"#))
        #expect(try matches(#"{"dynamodb":{"NewImage":{"qty":{"N":[{"numeric":[">",10]}]}}}}"#))
        #expect(try matches(#"{"dynamodb":{"NewImage":{"qty":{"N":[{"numeric":[">=",12]}]}}}}"#))
        #expect(try !matches(#"{"dynamodb":{"NewImage":{"qty":{"N":[{"numeric":["<",12]}]}}}}"#))
        #expect(try matches(#"{"dynamodb":{"NewImage":{"qty":{"N":[{"numeric":["<=",12]}]}}}}"#))
        #expect(try matches(#"{"dynamodb":{"NewImage":{"qty":{"N":[{"numeric":[">",0,"<=",12]}]}}}}"#))
        #expect(try !matches(#"{"dynamodb":{"NewImage":{"qty":{"N":[{"numeric":[">",12,"<",20]}]}}}}"#))
        #expect(try matches(#"{"dynamodb":{"SizeBytes":[{"numeric":["<",100]}]}}"#))
        #expect(try !matches(#"{"dynamodb":{"NewImage":{"status":{"S":[{"numeric":[">",0]}]}}}}"#), "not a number")
    }

    @Test func existsAndAnythingBut() throws {
        #expect(try matches(#"{"dynamodb":{"NewImage":{"status":{"S":[{"exists":true}]}}}}"#))
        #expect(try !matches(#"{"dynamodb":{"NewImage":{"owner":{"S":[{"exists":true}]}}}}"#))
        #expect(try matches(#"{"dynamodb":{"NewImage":{"owner":{"S":[{"exists":false}]}}}}"#))
        #expect(try !matches(#"{"dynamodb":{"NewImage":{"status":{"S":[{"exists":false}]}}}}"#))
        #expect(try matches(#"{"eventName":[{"anything-but":["REMOVE"]}]}"#))
        #expect(try !matches(#"{"eventName":[{"anything-but":["INSERT","MODIFY"]}]}"#))
        #expect(try matches(#"{"eventName":[{"anything-but":"REMOVE"}]}"#))
        #expect(try !matches(#"{"dynamodb":{"Keys":{"pk":{"S":[{"anything-but":{"prefix":"order#"}}]}}}}"#))
        #expect(try matches(#"{"dynamodb":{"Keys":{"pk":{"S":[{"anything-but":{"prefix":"user#"}}]}}}}"#))
        #expect(try !matches(#"{"dynamodb":{"NewImage":{"owner":{"S":[{"anything-but":["x"]}]}}}}"#), "a missing field matches nothing")
    }

    @Test func orAndOrOfPatterns() throws {
        #expect(try matches(#"{"$or":[{"eventName":["REMOVE"]},{"dynamodb":{"NewImage":{"qty":{"N":[{"numeric":[">",5]}]}}}}]}"#))
        #expect(try !matches(#"{"$or":[{"eventName":["REMOVE"]},{"eventName":["MODIFY"]}]}"#))
        let patterns = try [#"{"eventName":["REMOVE"]}"#, #"{"eventName":["INSERT"]}"#].map { try FilterPattern(json: $0) }
        #expect(FilterPattern.admits(record, patterns: patterns))
        #expect(FilterPattern.admits(record, patterns: []))
        #expect(!FilterPattern.admits(record, patterns: [patterns[0]]))
    }

    @Test(arguments: [
        "[1]", #"{"eventName":"INSERT"}"#, #"{"eventName":[]}"#, #"{"eventName":[{"bogus":1}]}"#,
        #"{"x":[{"numeric":["=",1,"<",2]}]}"#, #"{"x":[{"numeric":["~",1]}]}"#, #"{"x":[{"exists":"yes"}]}"#, "{",
    ])
    func rejectsBadPatterns(_ pattern: String) {
        #expect(throws: StreamMappingError.self) { try FilterPattern(json: pattern) }
    }
}
