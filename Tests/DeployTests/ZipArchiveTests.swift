import Deploy
import Foundation
import SluiceCrypto
import TestSupport
import Testing

/// Archives written by `ZipArchive` are read back by Python's `zipfile` (the standard library's reader).
@Suite struct ZipArchiveTests {
    /// Lists each entry as `name mode creator method sha256 size`, after zipfile's own CRC check.
    static let reader = """
        import hashlib, sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            assert z.testzip() is None, "bad CRC"
            for info in z.infolist():
                data = z.read(info)
                print(info.filename, oct(info.external_attr >> 16), info.create_system, info.compress_type,
                      hashlib.sha256(data).hexdigest(), len(data))
        """

    static func entries() -> [ZipArchive.Entry] {
        let text = Array(String(repeating: "bootstrap text compresses well. ", count: 4000).utf8)
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<50_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return [
            .init(name: "bootstrap", contents: text, mode: 0o755),
            .init(name: "lib/noise.bin", contents: noise, mode: 0o644),
            .init(name: "empty", contents: [], mode: 0o600),
        ]
    }

    @Test(arguments: [true, false])
    func pythonReadsEveryEntryWithItsModeAndBytes(deflated: Bool) throws {
        let directory = try temporaryFolder("sluice-deploy")
        let entries = Self.entries()
        let archive = try ZipArchive(entries: entries, compression: deflated ? .deflated : .stored).bytes()
        try Data(archive).write(to: URL(fileURLWithPath: directory + "/test.zip"))
        let result = try runProgram(["python3", "-c", Self.reader, directory + "/test.zip"])
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.count == entries.count)
        for (entry, fields) in zip(entries, lines) {
            #expect(fields[0] == entry.name)
            #expect(fields[1] == "0o100" + String(entry.mode, radix: 8))
            #expect(fields[2] == "3")  // made on Unix: the mode bits count
            #expect(fields[4] == Digest.hex(Digest.sha256(entry.contents)))
            #expect(fields[5] == String(entry.contents.count))
        }
        // Text shrinks under DEFLATE; random bytes and empty files stay STORED.
        #expect(lines.map { $0[3] } == (deflated ? ["8", "0", "0"] : ["0", "0", "0"]))
        if deflated { #expect(archive.count < entries.reduce(0) { $0 + $1.contents.count } - 100_000) }
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        let entries = [ZipArchive.Entry(name: "bootstrap", contents: Array("#!/bin/sh\necho hi\n".utf8), mode: 0o755)]
        #expect(try ZipArchive(entries: entries).bytes() == ZipArchive(entries: entries).bytes())
    }

    @Test func badNamesAreRefused() {
        let file = Array("x".utf8)
        #expect(throws: ZipArchiveError.invalidName("/bootstrap")) {
            try ZipArchive(entries: [.init(name: "/bootstrap", contents: file)]).bytes()
        }
        #expect(throws: ZipArchiveError.invalidName("a")) {
            try ZipArchive(entries: [.init(name: "a", contents: file), .init(name: "a", contents: file)]).bytes()
        }
    }
}
