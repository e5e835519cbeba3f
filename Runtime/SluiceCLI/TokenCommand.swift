import ArgumentParser
import Emulator
import Foundation
import SluiceCrypto
import SluiceJSON

/// `sluice token`: prints a JWT that `sluice start-api` accepts, so a new user can call the API in one step.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Print a JWT signed with the local secret.",
        discussion: "curl -H \"Authorization: Bearer $(sluice token --sub u1)\" http://127.0.0.1:3000/…")

    @Option(help: "The subject (user id).") var sub: String
    @Option(help: "Groups, comma-separated (becomes cognito:groups), e.g. admin.") var groups: String?
    @Option(help: "Lifetime: 30s, 15m, 1h, 7d.") var ttl = "1h"
    @Option(help: "Data folder (holds the local secret).") var data = ".sluice"
    @Option(name: [.short, .customLong("template")], help: "Template whose JWT authorizer gives issuer and audience.") var template = "template.yaml"

    func run() async throws {
        try await Self.reportingErrors {
            guard let seconds = Self.seconds(ttl) else { throw CLIError("--ttl takes a number with s, m, h or d, e.g. 1h; got '\(ttl)'") }
            let secret: [UInt8]
            do { secret = try LocalSecret.load(dataDirectory: data) } catch { throw CLIError("cannot read or create the secret in \(data): \(error)") }
            let now = Int64(Date().timeIntervalSince1970)
            var claims = JSONObject()
            claims["sub"] = .string(sub)
            claims["iat"] = .number(JSONNumber(now))
            claims["exp"] = .number(JSONNumber(now + seconds))
            if let groups {
                claims["cognito:groups"] = .array(groups.split(separator: ",").map { .string(String($0)) })
            }
            if FileManager.default.fileExists(atPath: template),
                let authorizer = try? TemplateFunctions(templatePath: template, region: "us-east-1").firstJWTAuthorizer()
            {
                if let issuer = authorizer.issuer { claims["iss"] = .string(issuer) }
                if let audience = authorizer.audience.first { claims["aud"] = .string(audience) }
            }
            print(JWT(claims: claims).signed(secret: secret))
        }
    }

    static func seconds(_ text: String) -> Int64? {
        guard let unit = text.last, let value = Int64(text.dropLast()) ?? (unit.isNumber ? Int64(text) : nil) else { return nil }
        switch unit {
        case "s": return value
        case "m": return value * 60
        case "h": return value * 3600
        case "d": return value * 86400
        default: return unit.isNumber ? value : nil
        }
    }
}
