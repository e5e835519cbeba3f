import Testing
@testable import SluiceHTTP

/// The runtime's reads poll the socket briefly before blocking; when answers keep arriving after the
/// poll ran out, polling stops for a while instead of taking CPU from the processes producing them.
@Suite struct ReadPollingTests {
    @Test func readsStopPollingAfterPollsRunOutInARow() throws {
        let server = try ScriptedHTTPServer([.respondAfter(seconds: 0.005, body: "{}")])
        let connection = HTTPConnection(host: "127.0.0.1", port: server.port, spinMicroseconds: 50)
        for round in 1...HTTPConnection.spinMissLimit {
            #expect(connection.readsLeftWithoutPolling == 0, "round \(round)")
            let response = try connection.send(method: "GET", path: "/")
            #expect(response.status == 200)
        }
        #expect(connection.readsLeftWithoutPolling == HTTPConnection.spinPause)
        _ = try connection.send(method: "GET", path: "/")
        #expect(connection.readsLeftWithoutPolling < HTTPConnection.spinPause)
    }

    @Test func answersWithinThePollKeepItPolling() throws {
        let server = try ScriptedHTTPServer([.respond(status: 200, body: "{}")])
        let connection = HTTPConnection(host: "127.0.0.1", port: server.port, spinMicroseconds: 10_000)
        for _ in 0..<(2 * HTTPConnection.spinMissLimit) {
            _ = try connection.send(method: "GET", path: "/")
        }
        #expect(connection.readsLeftWithoutPolling == 0)
    }
}
