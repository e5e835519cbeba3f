import DynamoModel

/// The expression parser and evaluator: the first byte picks the expression kind, the rest is the text.
/// Parsing either succeeds or throws `DynamoError` (typed throws); what parses is then evaluated,
/// applied or projected against a sample item, which must not trap either.
public enum ExpressionFuzzTarget: FuzzTarget {
    public static let name = "expression"

    static let names = ["#n": "name", "#a": "a", "#k": "pk", "#s": "sk", "#l": "lst"]
    static let values: Item = [
        ":s": .s("text"), ":ty": .s("N"), ":n": .n("42"), ":b": .b([1, 2, 3]), ":t": .bool(true), ":z": .null,
        ":l": .l([.n("1"), .s("x")]), ":m": .m(["k": .s("v")]), ":ss": .ss(["a", "b"]), ":ns": .ns(["1", "2"]),
    ]
    static let schema = KeySchema(partitionKey: .init(name: "pk", type: .s), sortKey: .init(name: "sk", type: .n))
    static let item: Item = [
        "pk": .s("p"), "sk": .n("7"), "name": .s("Ada"), "a": .n("3.5"), "lst": .l([.s("x"), .m(["y": .n("1")])]),
        "tags": .ss(["red", "blue"]), "nums": .ns(["1", "2"]), "bin": .b([0xFF]), "flag": .bool(false), "nil": .null,
        "mp": .m(["nested": .m(["deep": .l([.n("0")])])]),
    ]

    public static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        guard let selector = bytes.first else { return .rejected("empty input") }
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        var attributes = ExpressionAttributes(names: names, values: values)
        do throws(DynamoError) {
            switch selector % 5 {
            case 0:
                let condition = try ConditionExpression.parse(text, kind: .condition, attributes: &attributes)
                _ = condition.evaluate(item)
                _ = condition.evaluate(nil)
            case 1:
                let filter = try ConditionExpression.parse(text, kind: .filter, attributes: &attributes)
                _ = filter.evaluate(item)
            case 2:
                let update = try UpdateExpression.parse(text, attributes: &attributes, keyAttributes: ["pk", "sk"])
                _ = try? update.apply(to: item)
                _ = try? update.apply(to: nil, key: ["pk": .s("p"), "sk": .n("7")])
            case 3:
                let projection = try ProjectionExpression.parse(text, attributes: &attributes)
                _ = projection.apply(to: item)
            default:
                let key = try KeyConditionExpression.parse(text, schema: schema, attributes: &attributes)
                _ = key.matches(item)
            }
            return .accepted
        } catch {
            return error.message.isEmpty ? .violated("empty error message") : .rejected(error.message)
        }
    }
}
