import Foundation
import SluiceCrypto
import TestSupport
import Testing

/// Loopback binding, SigV4 verification, isolation between users and secrets kept out of logs,
/// checked against the real `sluice` servers.
@Suite(.timeLimit(.minutes(5))) struct SecurityTests {
    // MARK: Loopback

    /// Listening TCP sockets of a process: (address, port) from /proc/net/tcp{,6} by the socket inodes in /proc/<pid>/fd.
    static func listeners(of pid: Int32) -> [(address: String, port: Int)] {
        let fdFolder = "/proc/\(pid)/fd"
        let inodes = Set(((try? FileManager.default.contentsOfDirectory(atPath: fdFolder)) ?? []).compactMap { name -> String? in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: fdFolder + "/" + name),
                target.hasPrefix("socket:[")
            else { return nil }
            return String(target.dropFirst(8).dropLast())
        })
        var result: [(String, Int)] = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            // procfs files report size 0: read to the end rather than by the size.
            let text = FileHandle(forReadingAtPath: table).map { String(decoding: $0.readDataToEndOfFile(), as: UTF8.self) } ?? ""
            let lines = text.split(separator: "\n").dropFirst()
            for line in lines {
                let fields = line.split(separator: " ")
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                guard fields.count > 9, fields[3] == "0A", inodes.contains(String(fields[9])) else { continue }
                let local = fields[1].split(separator: ":")
                result.append((String(local[0]), Int(local[1], radix: 16) ?? 0))
            }
        }
        return result
    }

    /// `0100007F` is 127.0.0.1 in /proc/net/tcp's byte order; IPv6 loopback is `::1`.
    static func isLoopback(_ address: String) -> Bool {
        address == "0100007F" || address == "00000000000000000000000001000000"
    }

    @Test func everyServerListensOnLoopbackOnlyByDefault() async throws {
        let data = try temporaryFolder()
        let root = InvokeCommandTests.root
        let hello = RawHTTP.request("GET", "/hello?name=loopback")
        let invoke = { (name: String) in RawHTTP.request("POST", "/2015-03-31/functions/\(name)/invocations", body: Array("{}".utf8)) }
        // Each server, and a request that makes it start a function (and so its Runtime API endpoint).
        let commands: [(arguments: [String], ready: String, warmUp: [UInt8]?)] = [
            (["table", "serve", "--port", "0", "--data", data + "/table", "--template", data + "/none.yaml"], "listening on ([0-9.]+:\\d+)", nil),
            (["start-api", "--port", "0", "--skip-build", "--data", data + "/api"], "listening on ([0-9.]+:\\d+)", hello),
            (["start-lambda", "--port", "0", "--skip-build"], "listening on ([0-9.]+:\\d+)", invoke("HelloFunction")),
            (["rie", "--port", "0", "--", BuiltProducts.path("FixtureFunction")], "listening on ([0-9.]+:\\d+)", invoke("function")),
            (["dev", "--skip-build", "--data", data + "/dev", "--table-port", "0", "--api-port", "0"], "listening on ([0-9.]+:\\d+) \\(HTTP API\\)", hello),
        ]
        for (arguments, ready, warmUp) in commands {
            let process = try CLIProcess(arguments, directory: root)
            let address = try await process.awaitStderr(ready).split(separator: ":")
            #expect(address[0] == "127.0.0.1", "sluice \(arguments[0])")
            if let warmUp {
                let response = try await RawHTTP.exchange(port: Int(address[1])!, warmUp)
                #expect(response?.status == 200, "sluice \(arguments[0]): \(response.map(String.init(describing:)) ?? "no response")")
            }
            let listening = Self.listeners(of: process.process.processIdentifier)
            print("sluice \(arguments[0]) listens on: \(listening.map { "\($0.address):\($0.port)" }.joined(separator: ", "))")
            #expect(listening.count >= (warmUp == nil ? 1 : 2), "sluice \(arguments[0]): \(listening)")
            for (address, port) in listening {
                #expect(Self.isLoopback(address), "sluice \(arguments[0]) listens on \(address):\(port), not loopback")
            }
            _ = await process.stop()
        }
    }

    // MARK: SigV4

    static let credentials = AWSCredentials(accessKeyID: "AKIDSECURITY", secretAccessKey: "security-secret-key-do-not-log")

    /// A ListTables request signed at `epochSeconds`, as raw bytes.
    static func signed(
        port: Int, target: String = "ListTables", body: String = "{}", credentials: AWSCredentials = credentials,
        epochSeconds: Int64 = Int64(Date().timeIntervalSince1970), tamper: (inout [(String, String)], inout String) -> Void = { _, _ in }
    ) -> [UInt8] {
        var headers = [
            ("host", "127.0.0.1:\(port)"), ("content-type", "application/x-amz-json-1.0"), ("x-amz-target", "DynamoDB_20120810." + target),
        ]
        headers += SigV4(region: "us-east-1", service: "dynamodb").sign(
            method: "POST", path: "/", headers: headers, body: Array(body.utf8), credentials: credentials, epochSeconds: epochSeconds)
        var sentBody = body
        tamper(&headers, &sentBody)
        return RawHTTP.request("POST", "/", headers: headers, body: Array(sentBody.utf8))
    }

    @Test func sigV4RefusesForgedTamperedAndStaleRequests() async throws {
        let data = try temporaryFolder()
        let server = try CLIProcess([
            "table", "serve", "--port", "0", "--data", data, "--template", data + "/none.yaml", "--require-auth",
            "--credentials", "\(Self.credentials.accessKeyID):\(Self.credentials.secretAccessKey)",
        ])
        defer { Task { _ = await server.stop() } }
        let port = Int(try await server.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+)"))!
        let now = Int64(Date().timeIntervalSince1970)
        func flipSignature(_ headers: inout [(String, String)], _ body: inout String) {
            guard let index = headers.firstIndex(where: { $0.0 == "Authorization" }) else { return }
            var value = headers[index].1
            let last = value.removeLast()
            headers[index].1 = value + (last == "0" ? "1" : "0")
        }
        let cases: [(name: String, bytes: [UInt8], status: Int, type: String, message: String?)] = [
            ("forged signature", Self.signed(port: port, tamper: flipSignature), 400, "InvalidSignatureException", "does not match"),
            ("wrong secret key", Self.signed(port: port, credentials: .init(accessKeyID: Self.credentials.accessKeyID, secretAccessKey: "guess")), 400, "InvalidSignatureException", nil),
            ("unknown access key", Self.signed(port: port, credentials: .init(accessKeyID: "AKIDNOBODY", secretAccessKey: "x")), 400, "UnrecognizedClientException", nil),
            ("body changed after signing", Self.signed(port: port, tamper: { _, body in body = #"{"Limit":1}"# }), 400, "InvalidSignatureException", nil),
            ("operation changed after signing", Self.signed(port: port, tamper: { headers, _ in
                headers = headers.map { $0.0 == "x-amz-target" ? ($0.0, "DynamoDB_20120810.DeleteTable") : $0 } }), 400, "InvalidSignatureException", nil),
            ("replayed 6 minutes later", Self.signed(port: port, epochSeconds: now - 360), 400, "InvalidSignatureException", "Signature expired"),
            ("dated 6 minutes ahead", Self.signed(port: port, epochSeconds: now + 360), 400, "InvalidSignatureException", "Signature not yet current"),
            ("no signature", Self.dynamoUnsigned(), 403, "MissingAuthenticationTokenException", nil),
        ]
        for (name, bytes, status, type, message) in cases {
            let response = try #require(try await RawHTTP.exchange(port: port, bytes), "\(name): no response")
            #expect(response.status == status, "\(name): \(response)")
            #expect((response.document["__type"] as? String)?.hasSuffix("#" + type) == true, "\(name): \(response)")
            if let message { #expect((response.document["message"] as? String)?.contains(message) == true, "\(name): \(response)") }
        }
        // A signed request replayed unchanged within the 5 minutes is accepted, as AWS accepts it
        // (SigV4 has no nonce); so is one signed 4 minutes ago.
        let valid = Self.signed(port: port)
        for attempt in ["first", "replay"] {
            let response = try await RawHTTP.exchange(port: port, valid)
            #expect(response?.status == 200, "\(attempt): \(response.map(String.init(describing:)) ?? "none")")
        }
        #expect(try await RawHTTP.exchange(port: port, Self.signed(port: port, epochSeconds: now - 240))?.status == 200)
        #expect(!server.stderr.contains(Self.credentials.secretAccessKey))
        #expect(!server.stdout.contains(Self.credentials.secretAccessKey))
    }

    static func dynamoUnsigned() -> [UInt8] {
        RawHTTP.request("POST", "/", headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "DynamoDB_20120810.ListTables")], body: Array("{}".utf8))
    }
}
