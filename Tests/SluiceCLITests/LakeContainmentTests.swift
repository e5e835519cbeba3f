import Foundation
import TestSupport
import Testing

/// No item value gets a file written outside the lake: items with path-like keys, attribute names and
/// values (`../../etc`, absolute paths, NUL bytes, a forged `dt`) go through `sluice dev`'s whole path
/// (DynamoDB endpoint → stream → ETL function → Parquet) and every file lands under `<lake>/<dataset>/dt=YYYY-MM-DD/`.
@Suite(.timeLimit(.minutes(5))) struct LakeContainmentTests {
    static let hostileStrings = ["../../etc/passwd", "/etc/passwd", "..", "a/../../b", "x\u{0}y", "dt=../../evil", "C:\\\\windows"]

    /// Every file under `folder`, relative.
    static func files(under folder: String) -> [String] {
        var out: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue { out.append(path) }
        }
        return out.sorted()
    }

    static func jsonString(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed]), as: UTF8.self).dropFirst().dropLast().description
    }

    @Test func hostileItemValuesStayUnderTheLakeFolder() async throws {
        let sandbox = try temporaryFolder()
        let data = sandbox + "/data"
        let dev = try CLIProcess(
            ["dev", "--skip-build", "--data", data, "--table-port", "0", "--api-port", "0"], directory: InvokeCommandTests.root)
        defer { Task { _ = await dev.stop() } }
        let api = "http://127.0.0.1:" + (try await dev.awaitStderr("listening on 127\\.0\\.0\\.1:(\\d+) \\(HTTP API\\)"))
        let tablePort = Int(try await dev.awaitStderr("and 127\\.0\\.0\\.1:(\\d+) \\(DynamoDB\\)"))!

        var written = 0
        for (index, hostile) in Self.hostileStrings.enumerated() {
            let value = Self.jsonString(hostile)
            // Keys shaped like each dataset's (users, tasks, items), with the hostile text in keys, names and values.
            let items = [
                #"{"PK":{"S":"USER#\#(index)\#(value.dropFirst().dropLast())"},"SK":{"S":"PROFILE"},"email":{"S":\#(value)},"dt":{"S":\#(value)},\#(value):{"S":"x"}}"#,
                #"{"PK":{"S":"USER#\#(index)"},"SK":{"S":"TASK#\#(value.dropFirst().dropLast())"},"title":{"S":\#(value)},"_op":{"S":\#(value)}}"#,
                #"{"PK":{"S":\#(value)},"SK":{"S":\#(value)},"path":{"S":\#(value)},"n":{"L":[{"S":\#(value)}]}}"#,
            ]
            for item in items {
                let body = Array(#"{"TableName":"AppTable","Item":\#(item)}"#.utf8)
                let response = try await RawHTTP.exchange(port: tablePort, RawHTTP.request(
                    "POST", "/", headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "DynamoDB_20120810.PutItem")], body: body))
                #expect(response?.status == 200, "\(hostile): \(response.map(String.init(describing:)) ?? "no response")")
                if response?.status == 200 { written += 1 }
            }
        }
        _ = try await DevCommandTests.waitForLake(api, records: written)
        _ = await dev.stop()

        // Nothing outside the data folder, and in the lake only the layout's own names.
        #expect(Self.files(under: sandbox).allSatisfy { $0.hasPrefix("data/") }, "\(Self.files(under: sandbox))")
        let lakeFiles = Self.files(under: data + "/lake")
        #expect(lakeFiles.contains { $0.hasSuffix(".parquet") })
        let layout = try Regex(#"^[a-z0-9][a-z0-9_-]*/(_schema\.json|_manifest\.json|_lock|dt=\d{4}-\d{2}-\d{2}/part-\d+-\d+(-c\d+)?\.parquet)$"#)
        for file in lakeFiles {
            #expect(file.wholeMatch(of: layout) != nil, "unexpected lake file \(file)")
        }
        print("lake files after \(written) hostile items: \(lakeFiles.joined(separator: ", "))")
    }
}
