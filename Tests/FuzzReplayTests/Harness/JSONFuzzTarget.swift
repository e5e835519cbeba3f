import SluiceJSON

/// The JSON parser under everything else (every request body, event, schema and manifest): what parses
/// must serialize, compact and pretty-printed, to text that parses back to the same value; what does
/// not parse throws `JSONParseError` (typed throws), whatever the nesting or the bytes.
public enum JSONFuzzTarget: FuzzTarget {
    public static let name = "json"

    public static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes)
        } catch {
            return .rejected("\(error)")
        }
        for formatting in [JSONFormatting(), .prettyPrinted] {
            let text = value.serialized(formatting: formatting)
            guard let again = try? JSONValue(parsing: text) else {
                return .violated("serialized text does not parse again: \(String(decoding: text.prefix(200), as: UTF8.self))")
            }
            guard again == value else { return .violated("a serialize/parse round trip changed the value") }
        }
        return .accepted
    }
}
