import LambdaEvents
import LambdaRuntime
import SluiceJSON

/// The sample function: greets whoever calls `GET /hello?name=…` through the HTTP API.
@main
struct Hello: LambdaHandler {
    /// The greeting word, from the template's `Environment` (`GREETING`).
    let greeting: String

    func handle(_ request: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
        let name = request.queryStringParameters?["name"] ?? request.pathParameters?["name"] ?? "world"
        context.logger.info("greeting \(name)")
        let body = try SluiceJSONEncoder().encodeToString(Greeting(message: "\(greeting), \(name)!", requestId: context.requestID))
        return APIGatewayV2Response(statusCode: 200, headers: ["content-type": "application/json"], body: body)
    }

    struct Greeting: Encodable {
        var message: String
        var requestId: String
    }

    static func main() {
        Lambda.run { Hello(greeting: Environment.value("GREETING") ?? "Hello") }
    }
}
