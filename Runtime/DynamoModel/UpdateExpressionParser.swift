/// Parsing of update and projection expressions.
extension ExpressionParser {
    /// `update := (SET … | REMOVE … | ADD … | DELETE …)+`, each clause at most once.
    mutating func parseUpdate() throws(DynamoError) -> [UpdateAction] {
        var actions: [UpdateAction] = []
        var seen: Set<String> = []
        repeat {
            guard current.kind == .identifier else { throw syntaxError() }
            let clause = current.text.uppercased()
            guard ["SET", "REMOVE", "ADD", "DELETE"].contains(clause) else { throw syntaxError() }
            guard seen.insert(clause).inserted else {
                throw error("The \"\(clause)\" section can only be used once in an update expression;")
            }
            advance()
            actions.append(try parseAction(clause))
            while current.isSymbol(",") {
                advance()
                actions.append(try parseAction(clause))
            }
        } while current.kind != .end
        try DocumentPath.checkDisjoint(actions.map(\.path), kind: kind)
        return actions
    }

    private mutating func parseAction(_ clause: String) throws(DynamoError) -> UpdateAction {
        let path = try parsePath()
        switch clause {
        case "SET":
            try expect("=")
            return .set(path, try parseSetValue())
        case "REMOVE":
            return .remove(path)
        default:
            let value = try parseValue()
            switch (clause, value) {
            case ("ADD", .n), ("ADD", .ss), ("ADD", .ns), ("ADD", .bs): return .add(path, value)
            case ("DELETE", .ss), ("DELETE", .ns), ("DELETE", .bs): return .delete(path, value)
            default:
                throw error(
                    "Incorrect operand type for operator or function; operator: \(clause), operand type: \(value.typeDescriptor)")
            }
        }
    }

    /// `value := operand (('+' | '-') operand)?`
    private mutating func parseSetValue() throws(DynamoError) -> UpdateOperand {
        let left = try parseUpdateOperand()
        for symbol in ["+", "-"] where current.isSymbol(symbol) {
            advance()
            try countOperator()
            let right = try parseUpdateOperand()
            for case .value(let v) in [left, right] {
                guard case .n = v else { throw operandTypeError(symbol, v) }
            }
            return symbol == "+" ? .plus(left, right) : .minus(left, right)
        }
        return left
    }

    /// `operand := path | :value | if_not_exists(path, operand) | list_append(operand, operand)`
    private mutating func parseUpdateOperand() throws(DynamoError) -> UpdateOperand {
        if current.kind == .valueRef { return .value(try parseValue()) }
        if current.kind == .identifier, next.isSymbol("(") {
            let name = current.text
            guard Self.updateFunctions.contains(name) else {
                if Self.booleanFunctions.contains(name) || name == "size" {
                    throw error("The function is not allowed in an update expression; function: \(name)")
                }
                throw error("Invalid function name; function: \(name)")
            }
            advance()
            try countOperator()  // bounds the nesting of list_append(list_append(…)) too
            try expect("(")
            var args = [try parseUpdateOperand()]
            while current.isSymbol(",") {
                advance()
                args.append(try parseUpdateOperand())
            }
            try expect(")")
            guard args.count == 2 else { throw operandCountError(name, args.count) }
            if name == "if_not_exists" {
                guard case .path(let p) = args[0] else { throw requiresPathError(name) }
                return .ifNotExists(p, args[1])
            }
            for case .value(let v) in args {
                guard case .l = v else { throw operandTypeError(name, v) }
            }
            return .listAppend(args[0], args[1])
        }
        guard atPath else { throw syntaxError() }
        return .path(try parsePath())
    }

    /// `projection := path (',' path)*`, paths may not overlap.
    mutating func parseProjection() throws(DynamoError) -> [DocumentPath] {
        var paths = [try parsePath()]
        while current.isSymbol(",") {
            advance()
            paths.append(try parsePath())
        }
        try finish()
        try DocumentPath.checkDisjoint(paths, kind: kind)
        return paths
    }
}
