/// A place in the SQL text: 0-based UTF-8 offset plus 1-based line and column.
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int
    /// The line of SQL holding the position (for the caret display).
    public var lineText: String

    /// Locates `offset` (in UTF-8 bytes) inside `sql`.
    public init(offset: Int, in sql: String) {
        let bytes = Array(sql.utf8)
        let at = min(max(0, offset), bytes.count)
        var line = 1
        var lineStart = 0
        for i in 0..<at where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        self.offset = at
        self.line = line
        self.column = String(decoding: bytes[lineStart..<at], as: UTF8.self).count + 1
        self.lineText = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }

    /// The SQL line with a caret under the position.
    public var caret: String { lineText + "\n" + String(repeating: " ", count: column - 1) + "^" }
}

/// Everything that can go wrong while parsing, planning or running a query.
public enum QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The SQL text does not parse.
    case syntax(String, at: SourcePosition)
    /// A column name that no file of the dataset has (or ambiguous use).
    case unknownColumn(String, at: SourcePosition)
    /// A dataset name the catalog does not know.
    case unknownDataset(String, at: SourcePosition)
    /// A function name or argument count that is not supported.
    case unknownFunction(String, at: SourcePosition)
    /// Operand types that do not fit, or a misplaced aggregate.
    case type(String, at: SourcePosition)
    /// The same column has incompatible types in different files.
    case schemaConflict(column: String, String)
    /// A value failed at run time (bad cast, overflow).
    case runtime(String)
    /// A file could not be listed or read (the Parquet or system error's text).
    case io(String)

    /// The position in the SQL text, when the error has one.
    public var position: SourcePosition? {
        switch self {
        case .syntax(_, let p), .unknownColumn(_, let p), .unknownDataset(_, let p), .unknownFunction(_, let p),
             .type(_, let p): p
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .syntax(let m, let p): "Syntax error at \(p): \(m)\n\(p.caret)"
        case .unknownColumn(let n, let p): "Unknown column '\(n)' at \(p)\n\(p.caret)"
        case .unknownDataset(let n, let p): "Unknown dataset '\(n)' at \(p)\n\(p.caret)"
        case .unknownFunction(let m, let p): "Unknown function at \(p): \(m)\n\(p.caret)"
        case .type(let m, let p): "Type error at \(p): \(m)\n\(p.caret)"
        case .schemaConflict(let c, let m): "Column '\(c)' has incompatible types across files: \(m)"
        case .runtime(let m): "Query failed: \(m)"
        case .io(let m): "Cannot read the lake: \(m)"
        }
    }
}
