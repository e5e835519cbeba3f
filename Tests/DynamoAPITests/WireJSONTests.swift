import DynamoAPI
import DynamoModel
import SluiceJSON
import Testing

/// The direct JSON writers of the table server's outputs write exactly what the Codable encoder writes.
@Suite struct WireJSONTests {
    static let everyType: Item = [
        "s": .s("plain"), "escaped": .s("quote \" backslash \\ newline \n tab \t bell \u{07} é ✓"),
        "n": .n("-12.5e3"), "b": .b([0, 1, 2, 250, 255]), "emptyB": .b([]), "t": .bool(true), "f": .bool(false),
        "null": .null, "m": .m(["inner": .s("x"), "deeper": .m(["n": .n("1")]), "empty": .m([:])]),
        "l": .l([.s("a"), .n("2"), .l([]), .m(["k": .bool(false)]), .null]), "emptyL": .l([]),
        "ss": .ss(["a", "b\"c"]), "ns": .ns(["1", "2.5"]), "bs": .bs([[1], [2, 3]]), "emptySS": .ss([]),
        "": .s(""), "key \"quoted\"": .s("v"),
    ]

    /// Runs the synthesized Codable conformance of `T`, skipping the direct paths.
    struct CodableOnly<T: Codable>: Codable {
        var value: T
        init(_ value: T) { self.value = value }
        init(from decoder: any Decoder) throws { value = try T(from: decoder) }
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }

    /// The direct writer, the `jsonValue` path and the Codable path write the same bytes, and the direct
    /// reader reads them back as the Codable path does.
    func expectSameBytes<T: WireJSONEncodable & Codable & Equatable>(_ value: T) throws {
        let direct = String(decoding: try value.wireJSON(), as: UTF8.self)
        let codable = try SluiceJSONEncoder().encodeToString(CodableOnly(value))
        #expect(direct == codable)
        #expect(try SluiceJSONEncoder().encodeToString(value) == codable)
        expectSameDecoding(T.self, codable)
    }

    func expectSameDecoding<T: Codable & Equatable>(_ type: T.Type, _ text: String) {
        let direct = Result { try SluiceJSONDecoder().decode(T.self, from: text) }
        let codable = Result { try SluiceJSONDecoder().decode(CodableOnly<T>.self, from: text).value }
        switch (direct, codable) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)", "\(text)")
        default: Issue.record("direct \(direct) but Codable \(codable) for \(text)")
        }
    }

    @Test func unusualOutputsDecodeAlike() {
        let texts = [
            #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"S":"x"}}]}"#, #"{"Count":1.0,"ScannedCount":1}"#,
            #"{"Count":1,"ScannedCount":1,"Items":null,"LastEvaluatedKey":null,"ConsumedCapacity":null}"#,
            #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"S":1}}]}"#, #"{"Count":1,"ScannedCount":1,"Items":{}}"#,
            #"{"Count":1,"ScannedCount":1,"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5}}"#,
            #"{"Count":1,"ScannedCount":1,"ConsumedCapacity":{"TableName":7}}"#, #"{"Count":1}"#, "[]",
            #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"S":"x","N":"1"}}]}"#,
        ]
        for text in texts { expectSameDecoding(QueryOutput.self, text) }
        for text in [#"{}"#, #"{"Item":null}"#, #"{"Item":{"k":{"N":"1"}}}"#, #"{"Item":{"k":{"X":"1"}}}"#, #"{"Item":[]}"#] {
            expectSameDecoding(GetItemOutput.self, text)
        }
    }

    @Test func queryOutputs() throws {
        try expectSameBytes(QueryOutput())
        try expectSameBytes(QueryOutput(items: [], count: 0, scannedCount: 0))
        try expectSameBytes(QueryOutput(items: [Self.everyType, [:], ["pk": .s("a")]], count: 3, scannedCount: 7))
        try expectSameBytes(QueryOutput(
            items: [["pk": .s("a"), "sk": .n("1")]], count: 1, scannedCount: 1, lastEvaluatedKey: ["pk": .s("a"), "sk": .n("1")],
            consumedCapacity: ConsumedCapacity(
                tableName: "t", capacityUnits: 0.5, table: Capacity(capacityUnits: 0.5),
                globalSecondaryIndexes: ["g": Capacity(capacityUnits: 1)])))
        try expectSameBytes(QueryOutput(items: nil, count: 4, scannedCount: 9, lastEvaluatedKey: [:]))
    }

    @Test func getItemOutputs() throws {
        try expectSameBytes(GetItemOutput())
        try expectSameBytes(GetItemOutput(item: Self.everyType))
        try expectSameBytes(GetItemOutput(item: [:], consumedCapacity: ConsumedCapacity(tableName: "t", capacityUnits: 1)))
        try expectSameBytes(GetItemOutput(item: nil, consumedCapacity: ConsumedCapacity(tableName: "t", capacityUnits: 0.5)))
    }

    @Test func attributeValuesAlone() throws {
        for (_, value) in Self.everyType {
            var direct: [UInt8] = []
            value.appendJSON(to: &direct)
            #expect(direct == (try SluiceJSONEncoder().encode(value)))
        }
    }

    @Test func inputsEncodeAndDecodeAlike() throws {
        let queries = [
            QueryInput(tableName: "t"),
            QueryInput(
                tableName: "tasks", indexName: "byStatus", keyConditionExpression: "#p = :p AND begins_with(sk, :s)",
                filterExpression: "attribute_not_exists(deletedAt)", projectionExpression: "a, b",
                expressionAttributeNames: ["#p": "pk"], expressionAttributeValues: [":p": .s("USER#1"), ":s": .s("TASK#")],
                select: .allAttributes, limit: 20, exclusiveStartKey: ["pk": .s("a"), "sk": .n("1")], scanIndexForward: false,
                consistentRead: true, returnConsumedCapacity: .total),
        ]
        for query in queries {
            let codable = try SluiceJSONEncoder().encodeToString(CodableOnly(query))
            #expect(try SluiceJSONEncoder().encodeToString(query) == codable)
            expectSameDecoding(QueryInput.self, codable)
        }
        let gets = [
            GetItemInput(tableName: "t", key: ["pk": .s("a")]),
            GetItemInput(
                tableName: "t", key: ["pk": .s("a"), "sk": .n("2")], consistentRead: false, projectionExpression: "#n",
                expressionAttributeNames: ["#n": "name"], returnConsumedCapacity: .indexes),
        ]
        for get in gets {
            let codable = try SluiceJSONEncoder().encodeToString(CodableOnly(get))
            #expect(try SluiceJSONEncoder().encodeToString(get) == codable)
            expectSameDecoding(GetItemInput.self, codable)
        }
        let unusualQueries = [
            #"{"TableName":"t","Limit":1.0}"#, #"{"TableName":"t","Limit":"1"}"#, #"{"TableName":"t","Select":"SOME"}"#,
            #"{"TableName":"t","ReturnConsumedCapacity":"ALL"}"#, #"{"TableName":7}"#, #"{}"#,
            #"{"TableName":"t","ExpressionAttributeValues":{":v":{"S":"x","N":"1"}}}"#,
            ##"{"TableName":"t","ExpressionAttributeNames":{"#a":1}}"##, #"{"TableName":"t","ScanIndexForward":"false"}"#,
            #"{"TableName":"t","IndexName":null,"Limit":null,"Select":null,"ExclusiveStartKey":null}"#,
        ]
        for text in unusualQueries { expectSameDecoding(QueryInput.self, text) }
        let unusualGets = [
            #"{"TableName":"t"}"#, #"{"TableName":"t","Key":null}"#, #"{"TableName":"t","Key":{"k":{}}}"#,
            #"{"TableName":"t","Key":{"k":{"S":"v"}},"ReturnConsumedCapacity":"ALL"}"#,
            #"{"TableName":"t","Key":{"k":{"S":"v"}},"ConsistentRead":1}"#,
        ]
        for text in unusualGets { expectSameDecoding(GetItemInput.self, text) }
    }

    /// The scanner reads what the general path reads, or leaves it to it (nil).
    func expectScannedAlike<T: WireJSONDecodable & Equatable>(_ type: T.Type, _ text: String, plain: Bool) {
        let scanned = T(wireJSON: Array(text.utf8))
        #expect((scanned != nil) == plain, "\(text)")
        if let scanned { #expect(scanned == (try? SluiceJSONDecoder().decode(T.self, from: text)), "\(text)") }
    }

    @Test func scannedOutputs() throws {
        let asciiItem: Item = [
            "s": .s("plain text"), "n": .n("-12.5e3"), "b": .b([0, 1, 2, 250, 255]), "t": .bool(true), "f": .bool(false),
            "null": .null, "m": .m(["inner": .s("x"), "deeper": .m(["n": .n("1")]), "empty": .m([:])]),
            "l": .l([.s("a"), .n("2"), .l([]), .m(["k": .bool(false)]), .null]), "ss": .ss(["a", "b"]), "ns": .ns(["1"]),
            "bs": .bs([[1], [2, 3]]), "emptySS": .ss([]), "": .s(""),
        ]
        let plainOutputs = [
            QueryOutput(), QueryOutput(items: [], count: 0, scannedCount: 0),
            QueryOutput(items: [asciiItem, [:], ["pk": .s("a")]], count: 3, scannedCount: 7, lastEvaluatedKey: ["pk": .s("a")]),
        ]
        var pretty = SluiceJSONEncoder()
        pretty.outputFormatting = .prettyPrinted
        for output in plainOutputs {
            expectScannedAlike(QueryOutput.self, try SluiceJSONEncoder().encodeToString(output), plain: true)
            expectScannedAlike(QueryOutput.self, try pretty.encodeToString(output), plain: true)
        }
        for output in [GetItemOutput(), GetItemOutput(item: asciiItem), GetItemOutput(item: [:])] {
            expectScannedAlike(GetItemOutput.self, try SluiceJSONEncoder().encodeToString(output), plain: true)
        }
        let plainTexts = [
            #" {"Count":1,"ScannedCount":-0,"Items":null,"LastEvaluatedKey":null} "#, #"{"ScannedCount":0,"Count":0}"#,
            #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"S":"x"},"a":{"N":"2"}}]}"#,
            // Items of changing sizes one after the other (each item's dictionary starts as large as the last one).
            #"{"Count":3,"ScannedCount":3,"Items":[{"a":{"S":"x"}},{"a":{"S":"y"},"b":{"NULL":true},"c":{"BOOL":false},"d":{"NS":["1"]}},{}]}"#,
        ]
        for text in plainTexts { expectScannedAlike(QueryOutput.self, text, plain: true) }
        let generalTexts = [
            #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"S":"\u00e9"}}]}"#, #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"S":"é"}}]}"#,
            #"{"Count":1.0,"ScannedCount":1}"#, #"{"Count":01,"ScannedCount":1}"#, #"{"Count":1e0,"ScannedCount":1}"#,
            #"{"Count":1,"ScannedCount":1,"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5}}"#,
            #"{"Count":1,"ScannedCount":1,"Count":2}"#, #"{"Count":1}"#, #"{"Count":1,"ScannedCount":1} x"#, #"{"Count":1,"ScannedCount":1,}"#,
            #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"S":"x","N":"1"}}]}"#, #"{"Count":1,"ScannedCount":1,"Items":[{"a":{}}]}"#,
            #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"NULL":false}}]}"#, #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"B":"!"}}]}"#,
            #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"X":"1"}}]}"#, #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"S":1}}]}"#,
            #"{"Count":1,"ScannedCount":1,"Items":{}}"#, #"{"Count":99999999999999999999999,"ScannedCount":1}"#, "", "[]", "{",
            #"{"Count":1,"ScannedCount":1,"Other":1}"#,
            // Type names the scanner reads as bytes: near misses and escapes are not types.
            #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"BOOLX":true}}]}"#, #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"SSS":[]}}]}"#,
            #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"\u0053":"x"}}]}"#, #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"s":"x"}}]}"#,
            #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"NUL":true}}]}"#, #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"XS":[]}}]}"#,
            #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"":"x"}}]}"#, #"{"Count":1,"ScannedCount":1,"Items":[{"a":{"BOOL}}]}"#,
        ]
        for text in generalTexts { expectScannedAlike(QueryOutput.self, text, plain: false) }
        for text in [#"{"Item":{"k":{"S":"v"}},"Item":null}"#, #"{"Item":1}"#, #"{"Other":{}}"#, #"{"Item":{"k":{"S":"v"}}"#] {
            expectScannedAlike(GetItemOutput.self, text, plain: false)
        }
    }

    @Test func putItemEncodesAndDecodesAlike() throws {
        let puts = [
            PutItemInput(tableName: "t", item: ["pk": .s("a")]),
            PutItemInput(
                tableName: "tasks", item: WireJSONTests.everyType, conditionExpression: "attribute_not_exists(#p)",
                expressionAttributeNames: ["#p": "pk"], expressionAttributeValues: [":v": .n("1")], returnValues: .allOld,
                returnValuesOnConditionCheckFailure: .allOld, returnConsumedCapacity: .total),
        ]
        for put in puts {
            let codable = try SluiceJSONEncoder().encodeToString(CodableOnly(put))
            #expect(try SluiceJSONEncoder().encodeToString(put) == codable)
            expectSameDecoding(PutItemInput.self, codable)
        }
        let outputs = [PutItemOutput(), PutItemOutput(attributes: ["pk": .s("a")], consumedCapacity: ConsumedCapacity(tableName: "t", capacityUnits: 1))]
        for output in outputs {
            let codable = try SluiceJSONEncoder().encodeToString(CodableOnly(output))
            #expect(try SluiceJSONEncoder().encodeToString(output) == codable)
            expectSameDecoding(PutItemOutput.self, codable)
        }
        let unusual = [
            #"{"TableName":"t"}"#, #"{"TableName":"t","Item":{"k":{"S":"v"}},"ReturnValues":"ALL"}"#,
            #"{"TableName":"t","Item":{"k":{"S":"v"}},"ReturnValuesOnConditionCheckFailure":"NEW"}"#,
            #"{"TableName":"t","Item":{"k":{"S":"v"}},"ConditionExpression":1}"#, #"{"TableName":"t","Item":{"k":{"Q":"v"}}}"#,
            #"{"TableName":"t","Item":{"k":{"S":"v"}},"ExpressionAttributeValues":null,"ReturnValues":null}"#,
        ]
        for text in unusual { expectSameDecoding(PutItemInput.self, text) }
        for text in ["{}", #"{"Attributes":null}"#, #"{"Attributes":{"k":{"N":"x"}}}"#, #"{"Attributes":[]}"#] {
            expectSameDecoding(PutItemOutput.self, text)
        }
    }
}
