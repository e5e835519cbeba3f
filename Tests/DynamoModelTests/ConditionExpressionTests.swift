import Testing
@testable import DynamoModel

@Suite struct ConditionExpressionTests {
    static let item: Item = [
        "pk": .s("user#1"), "age": .n("42"), "title": .s("Zoë"), "tags": .ss(["a", "b"]), "nums": .ns(["1", "2.5"]),
        "bin": .b([1, 2, 3]), "flag": .bool(true), "nothing": .null,
        "lst": .l([.s("x"), .n("7"), .m(["deep": .s("y")])]),
        "doc": .m(["nested": .m(["v": .n("10")]), "s": .s("hello")]),
        "Status": .s("ok"),
    ]
    static let values: Item = [
        ":42": .n("42"), ":41": .n("41.0"), ":43": .n("43"), ":s42": .s("42"), ":zoe": .s("Zoë"), ":z": .s("Z"),
        ":a": .s("a"), ":c": .s("c"), ":x": .s("x"), ":7": .n("7"), ":b12": .b([1, 2]), ":true": .bool(true),
        ":ss": .s("SS"), ":n": .s("N"), ":null": .s("NULL"), ":3": .n("3"), ":10": .n("10"), ":hel": .s("hel"),
        ":ok": .s("ok"), ":twohalf": .n("2.50"),
    ]
    static let names = ["#st": "Status", "#m": "doc", "#in": "nested"]

    static func check(_ text: String) throws -> Bool {
        var attributes = ExpressionAttributes(names: names, values: values)
        return try ConditionExpression.parse(text, attributes: &attributes).evaluate(item)
    }

    @Test(arguments: [
        ("age = :42", true), ("age = :41", false), ("age <> :41", true), ("age > :41", true), ("age >= :43", false),
        ("age < :43", true), ("age <= :42", true), ("age = :s42", false), ("age <> :s42", true), ("age < :s42", false),
        ("absent = :42", false), ("absent <> :42", true), ("absent < :42", false),
        ("title = :zoe", true), ("title > :z", true), ("bin > :b12", true),
        ("age BETWEEN :41 AND :43", true), ("age BETWEEN :43 AND :43", false), ("title BETWEEN :a AND :c", false),
        ("age IN (:41, :42)", true), ("age IN (:41, :43)", false), ("absent IN (:42)", false),
        ("attribute_exists(age)", true), ("attribute_exists(absent)", false), ("attribute_not_exists(absent)", true),
        ("attribute_exists(lst[2].deep)", true), ("attribute_exists(lst[3])", false), ("attribute_exists(#m.#in.v)", true),
        ("attribute_type(tags, :ss)", true), ("attribute_type(age, :n)", true), ("attribute_type(nothing, :null)", true),
        ("attribute_type(age, :ss)", false),
        ("begins_with(title, :z)", true), ("begins_with(doc.s, :hel)", true), ("begins_with(bin, :b12)", true),
        ("begins_with(age, :a)", false),
        ("contains(title, :zoe)", true), ("contains(tags, :a)", true), ("contains(tags, :c)", false),
        ("contains(lst, :x)", true), ("contains(lst, :7)", true), ("contains(nums, :twohalf)", true),
        ("contains(doc.s, :hel)", true),
        ("size(title) = :3", true), ("size(tags) < :3", true), ("size(lst) = :3", true), ("size(#m) = :3", false),
        ("size(bin) = :3", true), ("size(age) = :3", false), ("size(absent) <> :3", true),
        ("doc.nested.v = :10", true), ("lst[1] = :7", true), ("lst[0] = :x", true), ("#st = :ok", true),
        ("NOT age = :41", true), ("NOT (age = :42)", false),
        ("age = :41 OR age = :42 AND title = :a", false), ("age = :42 OR age = :41 AND title = :a", true),
        ("(age = :42 OR age = :41) AND title = :a", false), ("NOT age = :41 AND title = :zoe", true),
        ("NOT NOT age = :42", true), ("age = :42 and title = :zoe", true),
    ])
    func evaluates(expression: String, expected: Bool) throws {
        #expect(try Self.check(expression) == expected, "\(expression)")
    }

    @Test func sizeCountsUTF16() throws {
        let c = try ConditionExpression("size(s) = :n", values: [":n": .n("3")])
        #expect(c.evaluate(["s": .s("é𝄞")]))
        #expect(!c.evaluate(nil))
    }

    @Test(arguments: [
        ("a X b", "Invalid ConditionExpression: Syntax error; token: \"X\", near: \"a X b\""),
        ("a = ", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\""),
        ("a = = :v", "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = :v\""),
        ("a = 5", "Invalid ConditionExpression: Syntax error; token: \"5\", near: \"= 5\""),
        ("(a = :v", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":v\""),
        ("a = :v)", "Invalid ConditionExpression: Syntax error; token: \")\", near: \":v)\""),
        ("a & :v", "Invalid ConditionExpression: Syntax error; token: \"&\", near: \"a & :v\""),
        ("a BETWEEN :v", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":v\""),
        ("", "Invalid ConditionExpression: The expression can not be empty;"),
        ("   ", "Invalid ConditionExpression: The expression can not be empty;"),
        ("status = :v", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status"),
        ("a.Size = :v", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Size"),
        ("a = :x", "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x"),
        ("#x = :v", "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x"),
        ("foo(a)", "Invalid ConditionExpression: Invalid function name; function: foo"),
        ("begins_with(a)", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"),
        ("attribute_exists(a, b)", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2"),
        ("attribute_exists(:v)", "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists"),
        ("begins_with(a, :n)", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
        ("attribute_type(a, :v)", "Invalid ConditionExpression: Invalid attribute type name found; type: x, valid types: { B, NULL, SS, BOOL, L, BS, N, NS, S, M }"),
        ("attribute_type(a, :n)", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N"),
        ("size(a)", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size"),
        ("attribute_exists(a) = :v", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists"),
        ("a < :t", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL"),
        ("a BETWEEN :n AND :v", "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {S:x}"),
        ("a BETWEEN :n AND :one", "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}"),
    ])
    func errors(expression: String, message: String) {
        var attributes = ExpressionAttributes(
            names: ["#n": "n"], values: [":v": .s("x"), ":n": .n("5"), ":one": .n("1"), ":t": .bool(true)])
        #expect(throws: DynamoError.validationException(message)) {
            try ConditionExpression.parse(expression, attributes: &attributes)
        }
    }

    @Test func inLimit() throws {
        let values = Dictionary(uniqueKeysWithValues: (0..<101).map { (":v\($0)", AttributeValue.n("\($0)")) })
        let hundred = (0..<100).map { ":v\($0)" }.joined(separator: ", ")
        var attributes = ExpressionAttributes(values: values)
        _ = try ConditionExpression.parse("a IN (\(hundred))", attributes: &attributes)
        #expect(throws: DynamoError.validationException(
            "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101")) {
            try ConditionExpression.parse("a IN (\(hundred), :v100)", attributes: &attributes)
        }
    }

    @Test func lengthLimit() {
        let long = "a = :v AND " + String(repeating: "a", count: 4096)
        #expect(throws: DynamoError.validationException(
            "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: \(long.utf8.count)")) {
            try ConditionExpression(long, kind: .filter, values: [":v": .s("x")])
        }
    }

    @Test func unusedPlaceholders() {
        #expect(throws: DynamoError.validationException(
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}")) {
            try ConditionExpression("a = :w", values: [":v": .s("x"), ":w": .s("y")])
        }
        #expect(throws: DynamoError.validationException(
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}")) {
            try ConditionExpression("a = :w", names: ["#n": "x"], values: [":w": .s("y")])
        }
        #expect(throws: DynamoError.validationException(
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :b}")) {
            try ConditionExpression("attribute_exists(a)", values: [":b": .s("x"), ":a": .s("y")])
        }
    }

    @Test func reservedWordsList() {
        #expect(ReservedWords.all.count == 573)
        for word in ["status", "NAME", "Date", "ttl", "data", "value", "year", "zone", "abort"] {
            #expect(ReservedWords.contains(word), "\(word)")
        }
        for word in ["pk", "age", "title", "email"] {
            #expect(!ReservedWords.contains(word), "\(word)")
        }
    }
}
