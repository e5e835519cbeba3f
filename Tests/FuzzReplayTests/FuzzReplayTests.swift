import Foundation
import Testing

/// Replays what the fuzzers under `Fuzz/` feed the parsers of untrusted input, through the regular
/// (non-sanitizer) build: the seed corpus, the corpus the fuzzers grew, and every crash they found
/// (`Fuzz/Regressions/<target>/`, one minimized input per bug). CI runs this instead of the fuzzers.
@Suite struct FuzzReplayTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz").standardized

    /// The files of `Fuzz/<kind>/<target>/`.
    static func inputs(_ kind: String, _ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { !$0.hasPrefix(".") }.sorted().map { name in
            (name, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    static var targetNames: [String] { FuzzTargets.all.map(\.name) }

    @Test(arguments: targetNames)
    func corpusKeepsEveryPromise(target: String) throws {
        let run = try #require(FuzzTargets.all.first { $0.name == target }).run
        let corpus = try Self.inputs("Corpus", target)
        #expect(!corpus.isEmpty, "Fuzz/Corpus/\(target) has no seeds")
        var accepted = 0
        for (name, bytes) in corpus {
            let outcome = run(bytes)
            #expect(outcome.isSound, "Fuzz/Corpus/\(target)/\(name): \(outcome)")
            if outcome == .accepted { accepted += 1 }
        }
        // The seeds are valid inputs: most of them must get through, or the target tests nothing but rejection.
        #expect(accepted > 0, "no input of Fuzz/Corpus/\(target) was accepted")
    }

    @Test(arguments: targetNames)
    func crashesFoundByTheFuzzersStayFixed(target: String) throws {
        let run = try #require(FuzzTargets.all.first { $0.name == target }).run
        for (name, bytes) in try Self.inputs("Regressions", target) {
            let outcome = run(bytes)
            #expect(outcome.isSound, "Fuzz/Regressions/\(target)/\(name): \(outcome)")
        }
    }

    /// The hand-written seeds (libFuzzer names the inputs it adds by their SHA-1) are valid documents:
    /// each must be accepted, not merely survived.
    @Test(arguments: targetNames)
    func handWrittenSeedsAreAccepted(target: String) throws {
        let run = try #require(FuzzTargets.all.first { $0.name == target }).run
        for (name, bytes) in try Self.inputs("Corpus", target) where !Self.isFuzzerName(name) {
            #expect(run(bytes) == .accepted, "Fuzz/Corpus/\(target)/\(name)")
        }
    }

    static func isFuzzerName(_ name: String) -> Bool {
        name.count == 40 && name.allSatisfy(\.isHexDigit)
    }
}
