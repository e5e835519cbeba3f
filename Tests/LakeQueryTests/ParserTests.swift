import Testing

@testable import LakeQuery

struct ParserTests {
    static let accepted = [
        "SELECT * FROM tasks",
        "select a, b AS x, c y FROM tasks t WHERE t.a = 1;",
        "SELECT count(*), count(DISTINCT a), sum(b), avg(c), min(d), max(e) FROM t GROUP BY 1 HAVING count(*) > 2",
        "SELECT a FROM t WHERE a IN (1, 2, 3) AND b NOT IN ('x') OR c BETWEEN 1 AND 2 AND d NOT BETWEEN 3 AND 4",
        "SELECT a FROM t WHERE a LIKE 'x%' AND b NOT LIKE '_y' AND c ILIKE 'Z%' AND d IS NULL AND e IS NOT NULL",
        "SELECT CAST(a AS DECIMAL(10, 2)), CAST(b AS VARCHAR), CAST(c AS TIMESTAMP WITH TIME ZONE) FROM t",
        "SELECT -a * (b + 2) / 3 % 4 - 1.5e3, 'it''s', \"Quoted Col\" FROM t -- comment\n /* block */ ORDER BY 1 DESC NULLS FIRST, a ASC LIMIT 10 OFFSET 5",
        "SELECT a FROM t WHERE dt >= DATE '2026-01-01' AND ts < TIMESTAMP '2026-01-02 03:04:05'",
        "SELECT NOT a = b, a <> b, a != b, a <= b, a >= b, a || b FROM t_current",
    ]

    @Test(arguments: accepted)
    func accepts(_ sql: String) throws {
        _ = try Parser.parse(sql)
    }

    /// SQL, expected line:column, a fragment of the message.
    static let rejected: [(String, String, String)] = [
        ("SELECT", "1:7", "expected an expression, found end of input"),
        ("SELECT a FROM", "1:14", "expected a dataset name"),
        ("SELECT a FROM t WHERE", "1:22", "expected an expression"),
        ("SELECT a,, FROM t", "1:10", "expected an expression, found ','"),
        ("SELECT 'abc FROM t", "1:8", "unterminated string literal"),
        ("SELECT a FROM t\nWHERE b = = 1", "2:11", "expected an expression, found '='"),
        ("SELECT a FROM t LIMIT x", "1:23", "non-negative integer after LIMIT"),
        ("SELECT a FROM t alias junk", "1:23", "unexpected 'junk'"),
        ("SELECT a b c FROM t", "1:12", "expected FROM"),
        ("SELECT CAST(a AS foo) FROM t", "1:18", "unknown type 'foo'"),
        ("SELECT a FROM t WHERE a NOT 5", "1:29", "expected BETWEEN, IN or LIKE after NOT"),
        ("SELECT 1 $ 2 FROM t", "1:10", "unexpected character '$'"),
        ("SELECT a FROM t WHERE a IN (1, 2", "1:33", "to close the IN list"),
        ("SELECT a FROM t ORDER a", "1:23", "expected BY after ORDER"),
        ("UPDATE t SET a = 1", "1:1", "expected SELECT"),
        ("SELECT a FROM t WHERE x BETWEEN 1 OR 2", "1:35", "expected AND in BETWEEN"),
        ("SELECT 12abc FROM t", "1:8", "malformed number"),
        ("SELECT a FROM t /* open", "1:17", "unterminated /* comment"),
    ]

    @Test(arguments: rejected.indices)
    func rejects(_ index: Int) {
        let (sql, position, fragment) = Self.rejected[index]
        do {
            _ = try Parser.parse(sql)
            Issue.record("accepted: \(sql)")
        } catch {
            guard case .syntax(let message, let at) = error else { Issue.record("not a syntax error: \(error)"); return }
            #expect(at.description == position, "\(sql): \(message)")
            #expect(message.contains(fragment), "\(sql): \(message)")
            #expect(error.description.contains("^"))
        }
    }

    /// Nesting and chains past 256 levels are a syntax error, not a stack overflow
    /// (20,000 nested parentheses crashed the parser).
    @Test func depthIsBounded() throws {
        func nested(_ n: Int) -> String { "SELECT " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n) + " FROM t" }
        func chain(_ n: Int) -> String { "SELECT 1" + String(repeating: " + 1", count: n) + " FROM t" }
        _ = try Parser.parse(nested(254))
        _ = try Parser.parse(chain(255))
        _ = try Parser.parse("SELECT " + String(repeating: "NOT ", count: 254) + "true FROM t")
        for sql in [nested(256), nested(20_000), chain(256), String(repeating: "- ", count: 20_000) + "1",
                    "SELECT " + String(repeating: "NOT ", count: 5000) + "true FROM t",
                    "SELECT " + String(repeating: "abs(", count: 5000) + "1" + String(repeating: ")", count: 5000) + " FROM t"] {
            do {
                _ = try Parser.parse(sql)
                Issue.record("accepted: \(sql.prefix(30))…")
            } catch {
                guard case .syntax(let message, _) = error else { Issue.record("not a syntax error: \(error)"); continue }
                #expect(message.contains("expression nested too deeply: more than 256 levels") || message.contains("expected SELECT"),
                        "\(sql.prefix(30)): \(message)")
            }
        }
    }

    @Test func caretPointsAtTheToken() {
        do {
            _ = try Parser.parse("SELECT a\nFROM t WHERE = 2")
        } catch {
            #expect(error.position?.line == 2)
            #expect(error.description.hasSuffix("FROM t WHERE = 2\n             ^"))
        }
    }

    @Test func precedence() throws {
        let s = try Parser.parse("SELECT 1 + 2 * 3 = 7 AND NOT false OR a IS NULL FROM t")

        guard case .binary("OR", let l, _) = s.items[0].expr.kind, case .binary("AND", let cmp, _) = l.kind,
              case .binary("=", let sum, _) = cmp.kind, case .binary("+", _, let prod) = sum.kind,
              case .binary("*", _, _) = prod.kind else {
            Issue.record("wrong tree: \(s.items[0].expr.canonical)")
            return
        }
    }
}
