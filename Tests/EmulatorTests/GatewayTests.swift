@testable import Emulator
import Foundation
import SluiceCrypto
import SluiceJSON
import Testing

/// Route selection as API Gateway does it, and the HS256 tokens that stand in for its JWT authorizer.
@Suite struct GatewayTests {
    static let routes = [
        HTTPAPIRoute(method: "ANY", path: "$default", function: "Default"),
        HTTPAPIRoute(method: "GET", path: "/files/{proxy+}", function: "Greedy"),
        HTTPAPIRoute(method: "ANY", path: "/users/{id}", function: "AnyUser"),
        HTTPAPIRoute(method: "GET", path: "/users/{id}", function: "GetUser"),
        HTTPAPIRoute(method: "GET", path: "/users/me", function: "Me"),
        HTTPAPIRoute(method: "GET", path: "/users/{id}/tasks/{taskId}", function: "Task"),
    ].sorted(by: HTTPAPIRoute.precedes)

    static func select(_ method: String, _ path: String) -> (String, [String: String])? {
        routes.lazy.compactMap { route in route.match(method: method, path: path).map { (route.function, $0) } }.first
    }

    @Test(arguments: [
        ("GET", "/users/me", "Me", [:]),
        ("GET", "/users/42", "GetUser", ["id": "42"]),
        ("DELETE", "/users/42", "AnyUser", ["id": "42"]),
        ("GET", "/users/42/tasks/7", "Task", ["id": "42", "taskId": "7"]),
        ("GET", "/files/a/b/c.txt", "Greedy", ["proxy": "a/b/c.txt"]),
        ("POST", "/files/a", "Default", [:]),
        ("GET", "/users", "Default", [:]),
        ("GET", "/users/42/extra", "Default", [:]),
    ] as [(String, String, String, [String: String])])
    func routeSelection(method: String, path: String, function: String, parameters: [String: String]) {
        let selected = Self.select(method, path)
        #expect(selected?.0 == function)
        #expect(selected?.1 == parameters)
    }

    static let secret = Array("local-secret".utf8)

    static func token(_ claims: JSONObject, secret: [UInt8] = secret) -> String { JWT(claims: claims).signed(secret: secret) }

    /// `requestContext.time` matches what a `dd/MMM/yyyy:HH:mm:ss Z` formatter in UTC writes.
    @Test(arguments: [0, 951_782_399, 1_767_225_600, 1_795_300_445, 4_102_444_799, -86_401] as [Int64])
    func requestTimeIsAPIGatewaysFormat(seconds: Int64) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
        let date = Date(timeIntervalSince1970: Double(seconds) + 0.75)
        #expect(APIGatewayEvents.apiGatewayTime(date) == formatter.string(from: date))
    }

    @Test func tokensVerifyAndCarryTheirClaims() throws {
        var claims = JSONObject()
        claims["sub"] = "u1"
        claims["exp"] = .number(JSONNumber(2_000))
        let verified = try JWT.verify(Self.token(claims), secret: Self.secret, now: 1_000)
        #expect(verified.claims["sub"]?.stringValue == "u1")
    }

    @Test func badTokensAreRefused() throws {
        var claims = JSONObject()
        claims["sub"] = "u1"
        claims["exp"] = .number(JSONNumber(2_000))
        claims["nbf"] = .number(JSONNumber(500))
        let good = Self.token(claims)
        #expect(throws: JWT.Failure.expired) { try JWT.verify(good, secret: Self.secret, now: 2_001) }
        #expect(throws: JWT.Failure.notYetValid) { try JWT.verify(good, secret: Self.secret, now: 100) }
        #expect(throws: JWT.Failure.badSignature) { try JWT.verify(good, secret: Array("other".utf8), now: 1_000) }
        // Another payload under the same signature.
        let parts = good.split(separator: ".")
        var forged = claims
        forged["sub"] = "admin"
        let payload = Base64URL.encode(JSONSerializer.serialize(.object(forged), formatting: []))
        #expect(throws: JWT.Failure.badSignature) { try JWT.verify("\(parts[0]).\(payload).\(parts[2])", secret: Self.secret, now: 1_000) }
        // alg=none is never accepted.
        let none = Base64URL.encode(Array(#"{"alg":"none"}"#.utf8)) + "." + parts[1] + "."
        #expect(throws: JWT.Failure.unsupportedAlgorithm("none")) { try JWT.verify(none, secret: Self.secret, now: 1_000) }
        #expect(throws: JWT.Failure.self) { try JWT.verify("not-a-token", secret: Self.secret, now: 1_000) }
        #expect(throws: JWT.Failure.self) { try JWT.verify("a.b.c", secret: Self.secret, now: 1_000) }
    }

    @Test func digestsMatchKnownVectors() {
        // FIPS 180-2 and RFC 4231 test case 2.
        #expect(Digest.hex(Digest.sha256(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.hex(Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
