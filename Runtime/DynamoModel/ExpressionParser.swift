/// Recursive-descent parser shared by all expression kinds. Errors follow DynamoDB's wording,
/// e.g. `Invalid ConditionExpression: Syntax error; token: "X", near: "a X b"`.
struct ExpressionParser {
    let source: [UInt8]
    let kind: ExpressionKind
    var tokens: [ExpressionToken]
    var position = 0
    var attributes: ExpressionAttributes
    /// Operators counted so far against ``maxOperators``.
    var operatorCount = 0
    /// Parenthesised groups and function arguments open around the current token.
    private var groupDepth = 0
    /// Token indexes of the `(` and `)` of the last group closed (to tell `((…))`).
    private var lastGroup: (open: Int, close: Int)?

    /// DynamoDB's limit on the operators of one expression (comparators, `BETWEEN`, `IN`, `AND`, `OR`,
    /// `NOT`; in update expressions `+`, `-` and the functions). Parentheses are not operators.
    static let maxOperators = 300

    init(_ text: String, kind: ExpressionKind, attributes: ExpressionAttributes) throws(DynamoError) {
        self.source = Array(text.utf8)
        self.kind = kind
        self.attributes = attributes
        self.tokens = ExpressionTokenizer.tokenize(text)
        if tokens.count == 1 {
            throw .validationException("Invalid \(kind.rawValue): The expression can not be empty;")
        }
        if source.count > ExpressionAttributes.maxExpressionBytes {
            throw .validationException(
                "Invalid \(kind.rawValue): Expression size has exceeded the maximum allowed size; expression size: \(source.count)"
            )
        }
    }

    var current: ExpressionToken { tokens[position] }
    var next: ExpressionToken { tokens[min(position + 1, tokens.count - 1)] }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    // MARK: Errors

    func error(_ text: String) -> DynamoError {
        .validationException("Invalid \(kind.rawValue): \(text)")
    }

    /// A syntax error at the current token; `near` spans the previous token to the next one.
    func syntaxError() -> DynamoError {
        let token = current
        let start = position > 0 ? tokens[position - 1].start : token.start
        // End at the next real token, or at the last real token when the input ends.
        var endIndex = min(position + 1, tokens.count - 1)
        while endIndex > 0, tokens[endIndex].kind == .end { endIndex -= 1 }
        let end = tokens[endIndex].end
        let near = String(decoding: source[start..<max(start, end)], as: UTF8.self)
        return error("Syntax error; token: \"\(token.text)\", near: \"\(near)\"")
    }

    func operandTypeError(_ function: String, _ value: AttributeValue) -> DynamoError {
        error("Incorrect operand type for operator or function; operator or function: \(function), operand type: \(value.typeDescriptor)")
    }

    func operandCountError(_ function: String, _ count: Int) -> DynamoError {
        error("Incorrect number of operands for operator or function; operator or function: \(function), number of operands: \(count)")
    }

    func requiresPathError(_ function: String) -> DynamoError {
        error("Operator or function requires a document path; operator or function: \(function)")
    }

    /// Counts one operator, failing as DynamoDB does at the 301st.
    mutating func countOperator() throws(DynamoError) {
        operatorCount += 1
        if operatorCount > Self.maxOperators {
            throw error("The expression contains too many operators; operator count: \(operatorCount)")
        }
    }

    /// For more than ``maxOperators`` nested groups, found before parsing deeper (the recursion stays
    /// bounded). Each group that is not redundant holds an operator of its own, so the expression has either
    /// redundant parentheses or too many operators: the whole token list says which.
    private func nestingError() -> DynamoError {
        let operators = tokens.count(where: { token in
            (token.kind == .symbol && Comparator(rawValue: token.text) != nil)
                || (token.kind == .identifier && Self.isOperatorKeyword(token))
        })
        if operators > Self.maxOperators {
            return error("The expression contains too many operators; operator count: \(Self.maxOperators + 1)")
        }
        return error("The expression has redundant parentheses;")
    }

    mutating func expect(_ symbol: String) throws(DynamoError) {
        guard current.isSymbol(symbol) else { throw syntaxError() }
        advance()
    }

    /// Requires the end of input.
    func finish() throws(DynamoError) {
        guard current.kind == .end else { throw syntaxError() }
    }

    // MARK: Paths and values

    /// Whether the current token can start a document path.
    var atPath: Bool {
        (current.kind == .identifier && !Self.isOperatorKeyword(current)) || current.kind == .nameRef
    }

    static func isOperatorKeyword(_ token: ExpressionToken) -> Bool {
        ["AND", "OR", "NOT", "BETWEEN", "IN"].contains(token.text.uppercased())
    }

    /// Parses `name`, `#name`, followed by `.name`, `.#name` and `[n]` steps.
    mutating func parsePath() throws(DynamoError) -> DocumentPath {
        var elements: [PathElement] = [.attribute(try parseName())]
        while true {
            if current.isSymbol(".") {
                advance()
                elements.append(.attribute(try parseName()))
            } else if current.isSymbol("[") {
                advance()
                guard current.kind == .integer, let index = Int(current.text) else { throw syntaxError() }
                advance()
                try expect("]")
                elements.append(.index(index))
            } else {
                return DocumentPath(elements)
            }
        }
    }

    private mutating func parseName() throws(DynamoError) -> String {
        let token = current
        switch token.kind {
        case .identifier:
            if ReservedWords.contains(token.text) {
                throw error("Attribute name is a reserved keyword; reserved keyword: \(token.text)")
            }
            advance()
            return token.text
        case .nameRef:
            let name = try attributes.resolveName(token.text, kind: kind)
            advance()
            return name
        default:
            throw syntaxError()
        }
    }

    /// Parses `:value`.
    mutating func parseValue() throws(DynamoError) -> AttributeValue {
        guard current.kind == .valueRef else { throw syntaxError() }
        let value = try attributes.resolveValue(current.text, kind: kind)
        advance()
        return value
    }

    // MARK: Conditions

    /// `condition := or`, precedence NOT > AND > OR.
    mutating func parseCondition() throws(DynamoError) -> Condition {
        var left = try parseAnd()
        while current.isKeyword("OR") {
            advance()
            try countOperator()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(DynamoError) -> Condition {
        var left = try parseNot()
        while current.isKeyword("AND") {
            advance()
            try countOperator()
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws(DynamoError) -> Condition {
        if current.isKeyword("NOT") {
            advance()
            try countOperator()
            return .not(try parseNot())
        }
        return try parsePrimary()
    }

    static let booleanFunctions: Set<String> = [
        "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains",
    ]
    static let updateFunctions: Set<String> = ["if_not_exists", "list_append"]

    private mutating func parsePrimary() throws(DynamoError) -> Condition {
        if current.isSymbol("(") {
            let open = position
            groupDepth += 1
            defer { groupDepth -= 1 }
            if groupDepth > Self.maxOperators { throw nestingError() }
            advance()
            let inner = try parseCondition()
            try expect(")")
            let close = position - 1
            // `((…))`: the group holds exactly one group and nothing else.
            if let last = lastGroup, last.open == open + 1, last.close == close - 1 {
                throw error("The expression has redundant parentheses;")
            }
            lastGroup = (open, close)
            return inner
        }
        if current.kind == .identifier, next.isSymbol("("), Self.booleanFunctions.contains(current.text) {
            return try parseBooleanFunction()
        }
        let left = try parseOperand()
        let token = current
        if token.kind == .symbol, let comparator = Comparator(rawValue: token.text) {
            advance()
            try countOperator()
            let right = try parseOperand()
            if comparator != .equal && comparator != .notEqual {
                for case .value(let v) in [left, right] where !Self.isOrdered(v) {
                    throw operandTypeError(comparator.rawValue, v)
                }
            }
            return .compare(left, comparator, right)
        }
        if token.isKeyword("BETWEEN") {
            advance()
            try countOperator()
            let low = try parseOperand()
            guard current.isKeyword("AND") else { throw syntaxError() }
            advance()
            let high = try parseOperand()
            try checkBetween(left, low, high)
            return .between(left, low: low, high: high)
        }
        if token.isKeyword("IN") {
            advance()
            try countOperator()
            try expect("(")
            var list = [try parseOperand()]
            while current.isSymbol(",") {
                advance()
                list.append(try parseOperand())
            }
            try expect(")")
            if list.count > 100 {
                throw error("The IN operator is provided with too many operands; number of operands: \(list.count)")
            }
            return .in(left, list)
        }
        if case .size = left, token.kind == .end || token.isKeyword("AND") || token.isKeyword("OR") || token.isSymbol(")") {
            throw error("The function is not allowed to be used this way in an expression; function: size")
        }
        throw syntaxError()
    }

    static func isOrdered(_ value: AttributeValue) -> Bool {
        switch value {
        case .n, .s, .b: true
        default: false
        }
    }

    private func checkBetween(_ a: ConditionOperand, _ low: ConditionOperand, _ high: ConditionOperand) throws(DynamoError) {
        for case .value(let v) in [a, low, high] where !Self.isOrdered(v) {
            throw operandTypeError("BETWEEN", v)
        }
        guard case .value(let lo) = low, case .value(let hi) = high else { return }
        guard lo.typeDescriptor == hi.typeDescriptor else {
            throw error(
                "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: \(lo.messageText), upper bound operand: AttributeValue: \(hi.messageText)"
            )
        }
        if let order = lo.dynamoCompare(hi), order > 0 {
            throw error(
                "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: \(lo.messageText), upper bound operand: AttributeValue: \(hi.messageText)"
            )
        }
    }

    /// `operand := path | :value | size(path)`
    mutating func parseOperand() throws(DynamoError) -> ConditionOperand {
        if current.kind == .valueRef { return .value(try parseValue()) }
        if current.kind == .identifier, next.isSymbol("(") {
            let name = current.text
            if name == "size" {
                let args = try parseArguments(name)
                guard args.count == 1 else { throw operandCountError(name, args.count) }
                guard case .path(let p) = args[0] else { throw requiresPathError(name) }
                return .size(p)
            }
            if Self.booleanFunctions.contains(name) || Self.updateFunctions.contains(name) {
                throw error("The function is not allowed to be used this way in an expression; function: \(name)")
            }
            throw error("Invalid function name; function: \(name)")
        }
        guard atPath else { throw syntaxError() }
        return .path(try parsePath())
    }

    /// Parses `name(operand, …)` and returns the operands.
    private mutating func parseArguments(_ name: String) throws(DynamoError) -> [ConditionOperand] {
        // Only `size` can be an argument, and never of `size` (it needs a path): `size(size(…` nested this
        // deep fails as its first argument would, without recursing further.
        groupDepth += 1
        defer { groupDepth -= 1 }
        if groupDepth > Self.maxOperators { throw requiresPathError(name) }
        advance()  // name
        try expect("(")
        var args = [try parseOperand()]
        while current.isSymbol(",") {
            advance()
            args.append(try parseOperand())
        }
        try expect(")")
        return args
    }

    static let typeNames: Set<String> = ["S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"]

    private mutating func parseBooleanFunction() throws(DynamoError) -> Condition {
        let name = current.text
        let args = try parseArguments(name)
        func path(_ operand: ConditionOperand) throws(DynamoError) -> DocumentPath {
            guard case .path(let p) = operand else { throw requiresPathError(name) }
            return p
        }
        let expected = name == "attribute_exists" || name == "attribute_not_exists" ? 1 : 2
        guard args.count == expected else { throw operandCountError(name, args.count) }
        let result: Condition
        switch name {
        case "attribute_exists": result = .attributeExists(try path(args[0]))
        case "attribute_not_exists": result = .attributeNotExists(try path(args[0]))
        case "attribute_type":
            let p = try path(args[0])
            if case .value(let v) = args[1] {
                guard case .s(let typeName) = v else { throw operandTypeError(name, v) }
                guard Self.typeNames.contains(typeName) else {
                    throw error(
                        "Invalid attribute type name found; type: \(typeName), valid types: { B, NULL, SS, BOOL, L, BS, N, NS, S, M }"
                    )
                }
            }
            result = .attributeType(p, args[1])
        case "begins_with":
            for case .value(let v) in args {
                switch v {
                case .s, .b: break
                default: throw operandTypeError(name, v)
                }
            }
            result = .beginsWith(args[0], args[1])
        default:  // contains
            _ = try path(args[0])
            result = .contains(args[0], args[1])
        }
        if current.kind == .symbol, Comparator(rawValue: current.text) != nil {
            throw error("The function is not allowed to be used this way in an expression; function: \(name)")
        }
        return result
    }
}
