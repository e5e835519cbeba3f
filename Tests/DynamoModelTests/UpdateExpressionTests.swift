import Testing
@testable import DynamoModel

@Suite struct UpdateExpressionTests {
    static let old: Item = [
        "pk": .s("k"), "count": .n("5"), "title": .s("t"), "tags": .ss(["a", "b"]), "nums": .ns(["1", "2"]),
        "lst": .l([.n("0"), .n("1"), .n("2"), .n("3")]), "doc": .m(["a": .m(["b": .n("1")]), "s": .s("x")]),
    ]
    static let values: Item = [
        ":one": .n("1"), ":half": .n("0.5"), ":s": .s("new"), ":l": .l([.s("z")]), ":c": .ss(["c", "a"]),
        ":a": .ss(["a"]), ":ab": .ss(["a", "b"]), ":n3": .ns(["3", "1.0"]), ":n1": .ns(["1"]), ":m": .m([:]),
    ]

    static func apply(_ text: String, to item: Item? = old) throws -> UpdateExpression.Result {
        var attributes = ExpressionAttributes(names: ["#c": "count"], values: values)
        return try UpdateExpression.parse(text, attributes: &attributes, keyAttributes: ["pk"]).apply(to: item, key: ["pk": .s("k")])
    }

    @Test(arguments: [
        ("SET #c = #c + :one", "count", AttributeValue.n("6")),
        ("SET #c = #c - :half", "count", .n("4.5")),
        ("SET #c = :one - #c", "count", .n("-4")),
        ("SET title = :s", "title", .s("new")),
        ("SET fresh = if_not_exists(fresh, :one)", "fresh", .n("1")),
        ("SET title = if_not_exists(title, :s)", "title", .s("t")),
        ("SET lst = list_append(lst, :l)", "lst", .l([.n("0"), .n("1"), .n("2"), .n("3"), .s("z")])),
        ("SET lst = list_append(:l, lst)", "lst", .l([.s("z"), .n("0"), .n("1"), .n("2"), .n("3")])),
        ("SET lst[1] = :s", "lst", .l([.n("0"), .s("new"), .n("2"), .n("3")])),
        ("SET lst[10] = :s", "lst", .l([.n("0"), .n("1"), .n("2"), .n("3"), .s("new")])),
        ("SET doc.a.b = :s", "doc", .m(["a": .m(["b": .s("new")]), "s": .s("x")])),
        ("SET doc.n = :one", "doc", .m(["a": .m(["b": .n("1")]), "s": .s("x"), "n": .n("1")])),
        ("SET dup = title", "dup", .s("t")),
        ("REMOVE lst[1], lst[3]", "lst", .l([.n("0"), .n("2")])),
        ("REMOVE lst[9]", "lst", .l([.n("0"), .n("1"), .n("2"), .n("3")])),
        ("REMOVE doc.a", "doc", .m(["s": .s("x")])),
        ("ADD #c :one", "count", .n("6")),
        ("ADD tags :c", "tags", .ss(["a", "b", "c"])),
        ("ADD nums :n3", "nums", .ns(["1", "2", "3"])),
        ("ADD fresh :one", "fresh", .n("1")),
        ("ADD fresh :a", "fresh", .ss(["a"])),
        ("DELETE tags :a", "tags", .ss(["b"])),
        ("DELETE nums :n1", "nums", .ns(["2"])),
    ])
    func applies(expression: String, attribute: String, expected: AttributeValue) throws {
        let result = try Self.apply(expression)
        #expect(result.item[attribute] == expected, "\(expression)")
        #expect(result.updatedAttributes.contains(attribute))
    }

    @Test func removesAndDeletesWholeAttributes() throws {
        #expect(try Self.apply("REMOVE title").item["title"] == nil)
        #expect(try Self.apply("DELETE tags :ab").item["tags"] == nil)
        #expect(try Self.apply("DELETE absent :ab").item["absent"] == nil)
        #expect(try Self.apply("REMOVE absent").item == Self.old)
    }

    @Test func readsOldItemAndCombinesClauses() throws {
        let r = try Self.apply("SET title = :s, dup = title REMOVE lst ADD #c :one DELETE tags :a")
        #expect(r.item["title"] == .s("new"))
        #expect(r.item["dup"] == .s("t"))
        #expect(r.item["lst"] == nil)
        #expect(r.item["count"] == .n("6"))
        #expect(r.item["tags"] == .ss(["b"]))
        #expect(r.updatedAttributes == ["title", "dup", "lst", "count", "tags"])
        #expect(r.updatedOld == ["title": .s("t"), "lst": Self.old["lst"]!, "count": .n("5"), "tags": .ss(["a", "b"])])
        #expect(r.updatedNew == ["title": .s("new"), "dup": .s("t"), "count": .n("6"), "tags": .ss(["b"])])
    }

    @Test func nestedReturnValues() throws {
        let r = try Self.apply("SET doc.a.b = :s")
        #expect(r.updatedOld == ["doc": .m(["a": .m(["b": .n("1")])])])
        #expect(r.updatedNew == ["doc": .m(["a": .m(["b": .s("new")])])])
    }

    @Test func newItem() throws {
        let r = try Self.apply("SET title = :s ADD #c :one", to: nil)
        #expect(r.item == ["pk": .s("k"), "title": .s("new"), "count": .n("1")])
        #expect(r.updatedOld == [:])
    }

    @Test(arguments: [
        ("SET #c = title + :one", "An operand in the update expression has an incorrect data type"),
        ("SET title = list_append(title, :l)", "An operand in the update expression has an incorrect data type"),
        ("ADD title :one", "An operand in the update expression has an incorrect data type"),
        ("ADD tags :n3", "An operand in the update expression has an incorrect data type"),
        ("DELETE title :a", "An operand in the update expression has an incorrect data type"),
        ("SET x = absent", "The provided expression refers to an attribute that does not exist in the item"),
        ("SET absent.b = :one", "The document path provided in the update expression is invalid for update"),
        ("SET title[0] = :one", "The document path provided in the update expression is invalid for update"),
    ])
    func runtimeErrors(expression: String, message: String) {
        #expect(throws: DynamoError.validationException(message)) { try Self.apply(expression) }
    }

    @Test(arguments: [
        ("SET a = :one SET b = :one", "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;"),
        ("REMOVE a ADD b :one remove c", "Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an update expression;"),
        ("SET a = :one, a.b = :one",
         "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"),
        ("SET a = :one REMOVE a",
         "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"),
        ("SET a[0] = :one REMOVE a.b",
         "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, b]"),
        ("SET pk = :one", "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"),
        ("SET a = :s + :one", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S"),
        ("SET a = list_append(a, :s)", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S"),
        ("SET a = if_not_exists(:s, :s)", "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists"),
        ("SET a = size(b)", "Invalid UpdateExpression: The function is not allowed in an update expression; function: size"),
        ("SET a = foo(b)", "Invalid UpdateExpression: Invalid function name; function: foo"),
        ("ADD a :s", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: S"),
        ("DELETE a :one", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: N"),
        ("SET a :one", "Invalid UpdateExpression: Syntax error; token: \":one\", near: \"a :one\""),
        ("UPSERT a = :one", "Invalid UpdateExpression: Syntax error; token: \"UPSERT\", near: \"UPSERT a\""),
        ("SET a = :one,", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \",\""),
        ("SET value = :one", "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: value"),
        ("SET a = :zzz", "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :zzz"),
    ])
    func parseErrors(expression: String, message: String) {
        var attributes = ExpressionAttributes(values: [":one": .n("1"), ":s": .s("x")])
        #expect(throws: DynamoError.validationException(message)) {
            try UpdateExpression.parse(expression, attributes: &attributes, keyAttributes: ["pk"])
        }
    }
}
