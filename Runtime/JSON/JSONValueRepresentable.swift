/// A `Codable` type that also converts itself straight to and from a ``JSONValue``. ``SluiceJSONDecoder``
/// and ``SluiceJSONEncoder`` take that path instead of the Codable containers, which is much cheaper for
/// small values that come by the thousand (DynamoDB attribute values).
///
/// `init?(jsonValue:)` returns nil for anything it does not accept; the decoder then runs `init(from:)`,
/// so malformed input still gets the Codable error. Both paths must agree on every value they accept.
/// Neither path is taken under a key conversion strategy.
public protocol JSONValueRepresentable: Codable {
    /// The value for well-formed `jsonValue`, or nil to let `init(from:)` decide (and report the error).
    init?(jsonValue: JSONValue)
    /// The JSON `encode(to:)` would produce.
    var jsonValue: JSONValue { get }
}
