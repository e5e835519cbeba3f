import Testing
@testable import DynamoModel

@Suite struct KeyConditionAndProjectionTests {
    static let schema = KeySchema("pk", .s, sort: "sk", .s)
    static let values: Item = [
        ":p": .s("user#1"), ":a": .s("a"), ":c": .s("c"), ":n": .n("1"), ":ord": .s("order#"),
    ]

    static func parse(_ text: String, schema: KeySchema = schema) throws -> KeyConditionExpression {
        var attributes = ExpressionAttributes(names: ["#pk": "pk"], values: values)
        return try KeyConditionExpression.parse(text, schema: schema, attributes: &attributes)
    }

    @Test(arguments: [
        ("pk = :p", "zzz", true), ("#pk = :p", "zzz", true), (":p = pk", "zzz", true),
        ("pk = :p AND sk = :a", "a", true), ("pk = :p AND sk = :a", "b", false),
        ("pk = :p AND sk < :c", "b", true), ("pk = :p AND sk <= :c", "c", true), ("pk = :p AND sk > :c", "c", false),
        ("pk = :p AND sk >= :a", "a", true), ("pk = :p AND :c > sk", "b", true),
        ("pk = :p AND sk BETWEEN :a AND :c", "b", true), ("pk = :p AND sk BETWEEN :a AND :c", "d", false),
        ("pk = :p AND begins_with(sk, :ord)", "order#17", true), ("pk = :p AND begins_with(sk, :ord)", "invoice#1", false),
        ("sk = :a AND pk = :p", "a", true), ("(pk = :p) AND (sk = :a)", "a", true),
    ])
    func matches(expression: String, sortKey: String, expected: Bool) throws {
        let condition = try Self.parse(expression)
        #expect(condition.matches(["pk": .s("user#1"), "sk": .s(sortKey)]) == expected, "\(expression)")
        #expect(!condition.matches(["pk": .s("user#2"), "sk": .s(sortKey)]))
    }

    @Test(arguments: [
        ("sk = :a", "Query condition missed key schema element: pk"),
        ("pk < :p", "Query key condition not supported"),
        ("pk = :p AND extra = :a", "Query key condition not supported"),
        ("pk = :p AND pk = :p", "KeyConditionExpressions must only contain one condition per key"),
        ("pk = :p OR sk = :a", "Invalid operator used in KeyConditionExpression: OR"),
        ("NOT pk = :p", "Invalid operator used in KeyConditionExpression: NOT"),
        ("pk IN (:p)", "Invalid operator used in KeyConditionExpression: IN"),
        ("pk = :p AND sk <> :a", "Invalid operator used in KeyConditionExpression: <>"),
        ("pk = :p AND attribute_exists(sk)", "Invalid operator used in KeyConditionExpression: attribute_exists"),
        ("pk = :p AND contains(sk, :a)", "Invalid operator used in KeyConditionExpression: contains"),
        ("pk = :n", "One or more parameter values were invalid: Condition parameter type does not match schema type"),
        ("pk = :p AND sk = :n", "One or more parameter values were invalid: Condition parameter type does not match schema type"),
        ("pk = :p AND", "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\""),
    ])
    func errors(expression: String, message: String) {
        #expect(throws: DynamoError.validationException(message)) { try Self.parse(expression) }
    }

    @Test func beginsWithOnNumberSortKey() {
        #expect(throws: DynamoError.validationException(
            "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N")) {
            try Self.parse("pk = :p AND begins_with(sk, :n)", schema: KeySchema("pk", .s, sort: "sk", .n))
        }
    }

    @Test func numericSortKeys() throws {
        let c = try KeyConditionExpression(
            "pk = :p AND sk BETWEEN :lo AND :hi", schema: KeySchema("pk", .s, sort: "sk", .n),
            values: [":p": .s("x"), ":lo": .n("2"), ":hi": .n("10")])
        #expect(c.matches(["pk": .s("x"), "sk": .n("9.5")]))
        #expect(!c.matches(["pk": .s("x"), "sk": .n("11")]))
        #expect(c.matches(["pk": .s("x"), "sk": .n("1E+1")]))
    }

    static let item: Item = [
        "a": .n("1"), "b": .m(["c": .s("x"), "d": .s("y"), "e": .l([.n("0"), .n("1"), .n("2"), .m(["f": .n("3"), "g": .n("4")])])]),
        "lst": .l([.s("p"), .s("q"), .s("r")]), "Status": .s("ok"),
    ]

    @Test(arguments: [
        ("a", ["a": AttributeValue.n("1")] as Item),
        ("a, absent", ["a": .n("1")]),
        ("b.c", ["b": .m(["c": .s("x")])]),
        ("b.c, b.d", ["b": .m(["c": .s("x"), "d": .s("y")])]),
        ("lst[2], lst[0]", ["lst": .l([.s("p"), .s("r")])]),
        ("lst[7]", [:]),
        ("b.e[3].g, a", ["a": .n("1"), "b": .m(["e": .l([.m(["g": .n("4")])])])]),
        ("a.x, lst.y", [:]),
        ("#s", ["Status": .s("ok")]),
    ])
    func projects(expression: String, expected: Item) throws {
        let projection = try ProjectionExpression(expression, names: expression.contains("#s") ? ["#s": "Status"] : [:])
        #expect(projection.apply(to: Self.item) == expected, "\(expression)")
    }

    @Test(arguments: [
        ("a, a.b", "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"),
        ("a, a", "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"),
        ("a[0], a.b", "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, b]"),
        ("a,", "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\""),
        ("a b", "Invalid ProjectionExpression: Syntax error; token: \"b\", near: \"a b\""),
        ("a[x]", "Invalid ProjectionExpression: Syntax error; token: \"x\", near: \"[x]\""),
        ("status", "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: status"),
        ("#nope", "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #nope"),
    ])
    func projectionErrors(expression: String, message: String) {
        #expect(throws: DynamoError.validationException(message)) { try ProjectionExpression(expression) }
    }

    @Test func requestWideChecks() throws {
        let r = try RequestExpressions(
            condition: "attribute_exists(#p)", projection: "#p, #s", update: "SET #s = :v", keySchema: Self.schema,
            names: ["#p": "pk", "#s": "Status"], values: [":v": .s("x")])
        #expect(r.update?.actions.count == 1)
        #expect(r.projection?.paths.count == 2)
        let failures: [(() throws(DynamoError) -> Void, String)] = [
            ({ () throws(DynamoError) in
                _ = try RequestExpressions(condition: "a = :v", filter: "b = :w", values: [":v": .n("1"), ":w": .n("1"), ":x": .n("1")])
            }, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}"),
            ({ () throws(DynamoError) in
                _ = try RequestExpressions(projection: "a", names: ["#n": "x"])
            }, "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}"),
            ({ () throws(DynamoError) in
                _ = try RequestExpressions(names: ["#n": "x"])
            }, "ExpressionAttributeNames can only be specified when using expressions"),
            ({ () throws(DynamoError) in
                _ = try RequestExpressions(condition: "a = :v", values: [:])
            }, "ExpressionAttributeValues must not be empty"),
            ({ () throws(DynamoError) in
                _ = try RequestExpressions(condition: "a = :v", values: [":v": .ss([])])
            }, "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v"),
            ({ () throws(DynamoError) in
                _ = try RequestExpressions(update: "SET #p = :v", keySchema: Self.schema, names: ["#p": "pk"], values: [":v": .s("x")])
            }, "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"),
        ]
        for (run, message) in failures {
            #expect(throws: DynamoError.validationException(message)) { try run() }
        }
    }
}
