import Testing
@testable import DynamoModel

@Suite struct ItemSizeTests {
    @Test func documentedExample() {
        #expect(ItemSize.of(["shirt-color": .s("R"), "shirt-size": .s("M")]) == 23)
    }

    static let sizes: [(AttributeValue, Int)] = [
        (.s("héllo"), 6), (.b([1, 2, 3]), 3), (.bool(true), 1), (.null, 1),
        (.n("1"), 2), (.n("12"), 2), (.n("123"), 3), (.n("-1.50"), 2), (.n("1000"), 2),
        (.l([]), 3), (.m([:]), 3), (.l([.s("ab"), .null]), 8), (.m(["k": .s("v")]), 6),
        (.ss(["a", "bc"]), 3), (.ns(["1", "22"]), 4), (.bs([[1], [2, 3]]), 3),
    ]

    @Test(arguments: sizes)
    func valueSizes(value: AttributeValue, size: Int) {
        #expect(ItemSize.of(value) == size)
    }

    @Test func limit() throws {
        let exact: Item = ["x": .s(String(repeating: "a", count: ItemSize.maxItemBytes - 1))]
        try ItemSize.validate(exact)
        let over: Item = ["x": .s(String(repeating: "a", count: ItemSize.maxItemBytes))]
        #expect(throws: DynamoError.validationException("Item size has exceeded the maximum allowed size")) {
            try ItemSize.validate(over)
        }
    }

    /// DynamoDB counts the attribute as level 1: 31 lists or maps one inside the other (the leaf at level 32)
    /// are the most it stores, 32 are refused.
    @Test func nesting() throws {
        var value = AttributeValue.s("leaf")
        for level in 0..<31 { value = level % 2 == 0 ? .l([value]) : .m(["n": value]) }
        try ItemSize.validate(["a": value])
        let refused = DynamoError.validationException(
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit")
        #expect(throws: refused) { try ItemSize.validate(["a": .m(["b": value])]) }
        #expect(throws: refused) { try ItemSize.validate(["a": .l([value])]) }
        #expect(throws: refused) { try ItemSize.validate(["a": .l([.s("x"), .l([value])])]) }
    }

    @Test(arguments: [
        (AttributeValue.ss([]), "One or more parameter values were invalid: An string set  may not be empty"),
        (.ns([]), "One or more parameter values were invalid: An number set  may not be empty"),
        (.bs([]), "One or more parameter values were invalid: Binary sets should not be empty"),
        (.ss(["a", "a"]), "One or more parameter values were invalid: Input collection [a, a] contains duplicates."),
        (.ns(["1", "1.0"]), "One or more parameter values were invalid: Input collection [1, 1.0] contains duplicates."),
        (.n("x"), "The parameter cannot be converted to a numeric value: x"),
        (.l([.ns(["1", "2", "x"])]), "The parameter cannot be converted to a numeric value: x"),
    ])
    func invalidValues(value: AttributeValue, message: String) {
        #expect(throws: DynamoError.validationException(message)) { try ItemSize.validate(["a": value]) }
    }

    @Test func keys() throws {
        let schema = KeySchema("pk", .s, sort: "sk", .n)
        try ItemSize.validateKey(of: ["pk": .s("a"), "sk": .n("1"), "other": .s("")], schema: schema)
        let cases: [(Item, String)] = [
            (["pk": .s(""), "sk": .n("1")],
             "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"),
            (["sk": .n("1")], "One or more parameter values were invalid: Missing the key pk in the item"),
            (["pk": .n("1"), "sk": .n("1")],
             "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"),
            (["pk": .s(String(repeating: "p", count: 2049)), "sk": .n("1")],
             "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"),
        ]
        for (item, message) in cases {
            #expect(throws: DynamoError.validationException(message)) { try ItemSize.validateKey(of: item, schema: schema) }
        }
        try ItemSize.validateKey(of: ["pk": .s(String(repeating: "p", count: 2048)), "sk": .n("1")], schema: schema)
        let binary = KeySchema("pk", .b, sort: "sk", .s)
        #expect(
            throws: DynamoError.validationException(
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: pk")
        ) {
            try ItemSize.validateKey(of: ["pk": .b([]), "sk": .s("x")], schema: binary)
        }
        #expect(
            throws: DynamoError.validationException(
                "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
        ) {
            try ItemSize.validateKey(of: ["pk": .b([1]), "sk": .s(String(repeating: "s", count: 1025))], schema: binary)
        }
    }

    @Test func errorWireShape() {
        let e = DynamoError.validationException("m")
        #expect(e.code == "ValidationException")
        #expect(e.wireType == "com.amazonaws.dynamodb.v20120810#ValidationException")
        #expect(DynamoError.conditionalCheckFailedException().message == "The conditional request failed")
        #expect(DynamoError.conditionalCheckFailedException().code == "ConditionalCheckFailedException")
        #expect(DynamoError.internalServerError("x").httpStatus == 500)
    }
}
