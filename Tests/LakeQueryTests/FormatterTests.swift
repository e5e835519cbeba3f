import Testing

@testable import LakeQuery

struct FormatterTests {
    static let result = QueryResult(
        columns: [QueryColumn(name: "name", type: .string), QueryColumn(name: "n", type: .int64),
                  QueryColumn(name: "amount", type: .decimal(precision: 12, scale: 2)), QueryColumn(name: "day", type: .date)],
        rows: [
            [.string("a,b"), .int64(1), .decimal(1250, scale: 2), .date(20_455)],
            [.string("say \"hi\"\n"), .null, .decimal(-5, scale: 2), .null],
            [.string(""), .int64(-3), .null, .date(0)],
        ])

    @Test func csvFollowsRFC4180() {
        #expect(ResultFormatter.csv(Self.result) == "name,n,amount,day\r\n\"a,b\",1,12.50,2026-01-02\r\n\"say \"\"hi\"\"\n\",,-0.05,\r\n\"\",-3,,1970-01-01\r\n")
    }

    @Test func jsonIsAnArrayOfObjects() {
        #expect(ResultFormatter.json(Self.result) == """
            [
              {"name": "a,b", "n": 1, "amount": 12.50, "day": "2026-01-02"},
              {"name": "say \\"hi\\"\\n", "n": null, "amount": -0.05, "day": null},
              {"name": "", "n": -3, "amount": null, "day": "1970-01-01"}
            ]

            """)
        #expect(ResultFormatter.json(QueryResult(columns: [], rows: [])) == "[]\n")
    }

    @Test func tableIsAligned() {
        let text = ResultFormatter.table(QueryResult(
            columns: [QueryColumn(name: "status", type: .string), QueryColumn(name: "count_star()", type: .int64)],
            rows: [[.string("open"), .int64(12)], [.null, .int64(3)]]))
        #expect(text == """
            ┌─────────┬──────────────┐
            │ status  │ count_star() │
            │ varchar │ bigint       │
            ├─────────┼──────────────┤
            │ open    │           12 │
            │ NULL    │            3 │
            └─────────┴──────────────┘
            2 rows

            """)
    }
}
