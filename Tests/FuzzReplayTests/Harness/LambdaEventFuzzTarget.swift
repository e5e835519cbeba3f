import LambdaEvents
import SluiceJSON

/// The Lambda event decoders: every input is offered to each event and response type. What decodes
/// must encode and decode back to the same value, and its body accessor (base64 or text) must not trap.
public enum LambdaEventFuzzTarget: FuzzTarget {
    public static let name = "lambda-event"

    static func roundTrip<Event: Codable & Hashable>(_ type: Event.Type, _ bytes: [UInt8], body: (Event) -> [UInt8]? = { _ in nil }) -> FuzzOutcome {
        let event: Event
        do {
            event = try SluiceJSONDecoder().decode(Event.self, from: bytes)
        } catch {
            return .rejected("\(Event.self): \(error)")
        }
        _ = body(event)
        do {
            let again = try SluiceJSONDecoder().decode(Event.self, from: try SluiceJSONEncoder().encode(event))
            return again == event ? .accepted : .violated("\(Event.self) changed in an encode/decode round trip")
        } catch {
            return .violated("\(Event.self) did not survive an encode/decode round trip: \(error)")
        }
    }

    public static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let outcomes = [
            roundTrip(APIGatewayV2Request.self, bytes) { $0.bodyBytes },
            roundTrip(APIGatewayRequest.self, bytes) { $0.bodyBytes },
            roundTrip(APIGatewayV2Response.self, bytes) { $0.bodyBytes },
            roundTrip(APIGatewayResponse.self, bytes) { $0.bodyBytes },
            roundTrip(DynamoDBEvent.self, bytes),
            roundTrip(BatchItemFailures.self, bytes),
        ]
        if let broken = outcomes.first(where: { !$0.isSound }) { return broken }
        return outcomes.contains(.accepted) ? .accepted : .rejected("no event type decodes it")
    }
}
