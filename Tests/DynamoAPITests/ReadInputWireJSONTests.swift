import DynamoAPI
import DynamoModel
import SluiceJSON
import Testing

/// GetItem and Query requests read straight from their bytes read what the parser and Codable read, and
/// leave everything else (nil) to that general path.
@Suite struct ReadInputWireJSONTests {
    static let values: Item = [
        ":s": .s("USER#bench"), ":n": .n("-1.5e3"), ":b": .b([0, 255]), ":m": .m(["k": .l([.null, .bool(true)])]),
        ":ss": .ss(["a", "b"]),
    ]

    static let queries: [QueryInput] = [
        QueryInput(tableName: "t", keyConditionExpression: "PK = :pk AND begins_with(SK, :task)",
                   expressionAttributeValues: [":pk": .s("USER#bench"), ":task": .s("TASK#")], limit: 20),
        QueryInput(
            tableName: "t", indexName: "GSI1", keyConditionExpression: "#k = :s", filterExpression: "a > :n",
            projectionExpression: "a, b.c[1]", expressionAttributeNames: ["#k": "pk", "#x": "y"], expressionAttributeValues: values,
            select: .specificAttributes, limit: 7, exclusiveStartKey: ["PK": .s("p"), "SK": .n("1")], scanIndexForward: false,
            consistentRead: true, returnConsumedCapacity: .indexes),
        QueryInput(tableName: "t"),
    ]

    /// What the general path (the parser and Codable) reads from `body`; nil when it rejects it.
    func general<T: Decodable>(_ type: T.Type, _ body: String) -> T? {
        try? SluiceJSONDecoder().decode(T.self, from: body)
    }

    @Test(arguments: queries)
    func encodedQueriesReadBackDirectly(_ input: QueryInput) throws {
        let body = try SluiceJSONEncoder().encode(input)
        #expect(QueryInput(wireJSON: body) == input)
        #expect(general(QueryInput.self, String(decoding: body, as: UTF8.self)) == input)
    }

    @Test(arguments: [
        #"{"TableName":"t","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"x"}},"Limit":3}"#,
        #" { "TableName" : "t" , "Limit" : null , "Select" : "COUNT" , "ConsistentRead" : false } "#,
        ##"{"TableName":"t","ExclusiveStartKey":{"pk":{"N":"1"}},"ExpressionAttributeNames":{"#a":"b"}}"##,
    ])
    func plainBodiesReadAsTheGeneralPath(_ body: String) throws {
        let direct = try #require(QueryInput(wireJSON: Array(body.utf8)))
        #expect(general(QueryInput.self, body) == direct)
    }

    @Test(arguments: [
        "", "{}", "null", #"{"TableName":null}"#, #"{"TableName":"t","TableName":"u"}"#, #"{"TableName":"t\u0041"}"#,
        #"{"TableName":"t","Unknown":1}"#, #"{"TableName":"t","Limit":1.0}"#, #"{"TableName":"t","Limit":"1"}"#,
        #"{"TableName":"t","Select":"SOME"}"#, #"{"TableName":"t","ScanIndexForward":1}"#, #"{"TableName":"t"} x"#,
        ##"{"TableName":"t","ExpressionAttributeNames":{"#a":"b","#a":"c"}}"##,
        #"{"TableName":"t","ExpressionAttributeValues":{":a":{"S":"b","N":"1"}}}"#, #"{"TableName":"t","#,
    ])
    func anythingElseGoesToTheGeneralPath(_ body: String) {
        #expect(QueryInput(wireJSON: Array(body.utf8)) == nil)
    }

    /// `inputs`, encoded, read back the same directly and through the general path; every `rejected` body is
    /// left to the general path (nil); `plain` (spacing, nulls) reads the same both ways.
    func expectDirectReads<T: WireJSONDecodable & Encodable & Equatable>(
        _ inputs: [T], rejected: [String], plain: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for input in inputs {
            let body = try SluiceJSONEncoder().encode(input)
            #expect(T(wireJSON: body) == input, sourceLocation: sourceLocation)
            #expect(general(T.self, String(decoding: body, as: UTF8.self)) == input, sourceLocation: sourceLocation)
        }
        for body in rejected {
            #expect(T(wireJSON: Array(body.utf8)) == nil, "\(body)", sourceLocation: sourceLocation)
        }
        let direct = try #require(T(wireJSON: Array(plain.utf8)), sourceLocation: sourceLocation)
        #expect(general(T.self, plain) == direct, sourceLocation: sourceLocation)
    }

    @Test func getItemReadsDirectlyOrNotAtAll() throws {
        try expectDirectReads(
            [
                GetItemInput(tableName: "t", key: ["PK": .s("USER#bench"), "SK": .s("PROFILE")], consistentRead: true),
                GetItemInput(
                    tableName: "t", key: ["n": .n("1"), "b": .b([1])], consistentRead: false, projectionExpression: "#a, b",
                    expressionAttributeNames: ["#a": "a"], returnConsumedCapacity: .total),
            ],
            rejected: [
                "{}", #"{"TableName":"t"}"#, #"{"Key":{}}"#, #"{"TableName":"t","Key":null}"#, #"{"TableName":"t","Key":{},"Key":{}}"#,
                #"{"TableName":"t","Key":{},"Extra":true}"#, #"{"TableName":"t","Key":{},"ReturnConsumedCapacity":"ALL"}"#,
            ],
            plain: #"{"TableName":"t","Key":{"pk":{"S":"a"}},"ProjectionExpression":null}"#)
    }

    @Test func putItemReadsDirectlyOrNotAtAll() throws {
        try expectDirectReads(
            [
                PutItemInput(tableName: "t", item: ["pk": .s("k1"), "n": .n("42"), "payload": .s("benchmark payload")]),
                PutItemInput(
                    tableName: "t", item: ["PK": .s("USER#a"), "SK": .s("TASK#1"), "tags": .ss(["x", "y"]), "m": .m(["l": .l([.null, .bool(false)])]),
                                           "b": .b([0, 1, 255]), "ns": .ns(["1", "2.5"])],
                    conditionExpression: "attribute_not_exists(#p) OR version = :v", expressionAttributeNames: ["#p": "PK"],
                    expressionAttributeValues: [":v": .n("3")], returnValues: .allOld, returnValuesOnConditionCheckFailure: .allOld,
                    returnConsumedCapacity: .total),
            ],
            rejected: [
                "{}", #"{"TableName":"t"}"#, #"{"Item":{}}"#, #"{"TableName":"t","Item":null}"#, #"{"TableName":"t","Item":{},"Item":{}}"#,
                #"{"TableName":"t","Item":{},"Expected":{}}"#, #"{"TableName":"t","Item":{},"ReturnValues":"SOME"}"#,
                #"{"TableName":"t","Item":{"a":{"S":"b","N":"1"}}}"#, #"{"TableName":"t\u0041","Item":{}}"#, #"{"TableName":"t","Item":{}"#,
            ],
            plain: #"{ "TableName" : "t", "Item" : {"pk":{"S":"a"}}, "ConditionExpression" : null }"#)
    }
}
