import Testing
@testable import DynamoModel

/// DynamoDB's limits on an expression's shape: at most 300 operators, no redundant parentheses, and
/// nesting that fails with DynamoDB's error instead of exhausting the stack (a fuzzer found 3,300 nested
/// parentheses crashing the parser).
@Suite struct ExpressionLimitTests {
    static let values: Item = [":v": .s("x"), ":n": .n("1"), ":l": .l([])]

    /// The values `text` uses (an unused one is an error of its own).
    static func values(for text: String) -> Item {
        values.filter { text.contains($0.key) }
    }

    static func condition(_ text: String) throws {
        _ = try ConditionExpression(text, kind: .condition, values: values(for: text))
    }

    static func tooMany(_ kind: ExpressionKind) -> DynamoError {
        .validationException("Invalid \(kind.rawValue): The expression contains too many operators; operator count: 301")
    }

    static let redundant = DynamoError.validationException("Invalid ConditionExpression: The expression has redundant parentheses;")

    /// `a < b OR (a < b OR (…))`: 1 + 2 × depth operators; parentheses do not count.
    static func chain(_ depth: Int) -> String {
        "a < b" + String(repeating: " OR (a < b", count: depth) + String(repeating: ")", count: depth)
    }

    @Test func threeHundredOperatorsAndNoMore() throws {
        try Self.condition(Self.chain(149))  // 299
        try Self.condition(String(repeating: "NOT ", count: 299) + "a = :v")  // 300
        #expect(throws: Self.tooMany(.condition)) { try Self.condition(Self.chain(150)) }
        #expect(throws: Self.tooMany(.condition)) { try Self.condition(String(repeating: "NOT ", count: 300) + "a = :v") }
        #expect(throws: Self.tooMany(.condition)) { try Self.condition(String(repeating: "NOT ", count: 1000) + "a = :v") }
        // BETWEEN and IN count once each, like a comparator.
        let between = Array(repeating: "a BETWEEN :n AND :n", count: 151).joined(separator: " OR ")  // 151 + 150
        #expect(throws: DynamoError.validationException(
            "Invalid FilterExpression: The expression contains too many operators; operator count: 301")) {
            try ConditionExpression(between, kind: .filter, values: Self.values(for: between))
        }
        let ins = Array(repeating: "a IN (:n, :v)", count: 150).joined(separator: " OR ")  // 299
        _ = try ConditionExpression(ins, kind: .filter, values: Self.values(for: ins))
    }

    @Test func updateExpressionsCountArithmeticAndFunctions() throws {
        func update(_ count: Int) throws {
            let sets = (0..<count).map { "q\($0)=:n+:n" }.joined(separator: ",")
            var attributes = ExpressionAttributes(values: Self.values(for: sets))
            _ = try UpdateExpression.parse("SET " + sets, attributes: &attributes, keyAttributes: ["pk"])
        }
        try update(300)
        #expect(throws: Self.tooMany(.update)) { try update(301) }
        let nested = "SET a = " + String(repeating: "list_append(", count: 200) + ":l" + String(repeating: ", :l)", count: 200)
        var attributes = ExpressionAttributes(values: Self.values(for: nested))
        _ = try UpdateExpression.parse(nested, attributes: &attributes, keyAttributes: ["pk"])
    }

    @Test func redundantParenthesesAreRefused() throws {
        try Self.condition("(a = :v)")
        try Self.condition("((a = :v) AND b = :v)")
        try Self.condition("NOT (a = :v)")
        try Self.condition("(NOT (a = :v)) OR ((b = :v) AND (c = :v))")
        for text in ["((a = :v))", "NOT ((a = :v))", "(a = :v) OR ((b = :v))", "(((a = :v)) AND b = :v)",
                     String(repeating: "(", count: 2045) + "a = :v" + String(repeating: ")", count: 2045)] {
            #expect(throws: Self.redundant, "\(text.prefix(40))") { try Self.condition(text) }
        }
        #expect(throws: DynamoError.validationException("Invalid KeyConditionExpression: The expression has redundant parentheses;")) {
            try KeyConditionExpression("((pk = :v))", schema: KeySchema("pk", .s), values: Self.values(for: ":v"))
        }
    }

    /// Nesting deeper than any valid expression can be fails before the recursion goes deeper.
    @Test func deepNestingFailsCleanly() {
        // 4,000 opening parentheses and nothing else: no operator, so the parentheses are redundant.
        #expect(throws: Self.redundant) { try Self.condition(String(repeating: "(", count: 4000)) }
        // Nested groups that each hold an operator, opened before any of them: too many operators.
        let opened = String(repeating: "(", count: 320) + "a = :v" + String(repeating: ") OR a = :v", count: 320)
        #expect(throws: Self.tooMany(.condition)) { try Self.condition(opened) }
        // size(size(…)): size needs a path, however deep the nesting.
        let sizes = "a < " + String(repeating: "size(", count: 650) + "b" + String(repeating: ")", count: 650)
        #expect(throws: DynamoError.validationException(
            "Invalid ConditionExpression: Operator or function requires a document path; operator or function: size")) {
            try Self.condition(sizes)
        }
    }
}
