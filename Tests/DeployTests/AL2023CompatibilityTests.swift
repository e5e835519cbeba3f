import Deploy
import Foundation
import TestSupport
import Testing

/// Executables compiled with gcc on this machine, read by `ELFFile` and judged by `AL2023Compatibility`;
/// binutils' `readelf` is the reference reader.
@Suite struct AL2023CompatibilityTests {
    static let hello = "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n"
    let host = AL2023Compatibility(architecture: "x86_64")

    /// glibc of this machine, as (major, minor).
    static var glibc: (Int, Int) {
        let text = (try? runProgram(["getconf", "GNU_LIBC_VERSION"]).output) ?? ""  // "glibc 2.36"
        let parts = text.split(separator: " ").last?.split(separator: ".").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? []
        return (parts.first ?? 0, parts.count > 1 ? parts[1] : 0)
    }

    @Test func plainCProgramRuns() throws {
        let directory = try temporaryFolder("sluice-deploy")
        let file = try ELFFile(bytes: bytes(of: compileC(Self.hello, named: "hello", in: directory)))
        #expect(file.architecture == "x86_64")
        #expect(file.neededLibraries == ["libc.so.6"])
        #expect(file.versionRequirements.contains { $0.library == "libc.so.6" && $0.version.hasPrefix("GLIBC_") })
        #expect(host.problems(of: file).isEmpty)
        #expect(AL2023Compatibility(architecture: "arm64").problems(of: file) == [.wrongArchitecture(expected: "arm64", found: "x86_64")])
    }

    @Test func staticProgramNeedsNothing() throws {
        let directory = try temporaryFolder("sluice-deploy")
        let file = try ELFFile(bytes: bytes(of: compileC(Self.hello, named: "static", in: directory, flags: ["-static"])))
        #expect(file.neededLibraries.isEmpty)
        #expect(file.versionRequirements.isEmpty)
        #expect(host.problems(of: file).isEmpty)
    }

    @Test func libraryMissingFromAL2023FailsWithItsName() throws {
        let directory = try temporaryFolder("sluice-deploy")
        try "int sluice_probe(void) { return 7; }\n".write(toFile: directory + "/probe.c", atomically: true, encoding: .utf8)
        let library = try runProgram(["gcc", "-shared", "-fPIC", "-o", "libsluiceprobe.so", "probe.c"], in: directory)
        #expect(library.status == 0, "\(library.output)")
        let program = try compileC(
            "int sluice_probe(void);\nint main(void) { return sluice_probe(); }\n", named: "uses-probe", in: directory,
            flags: ["-L", directory, "-lsluiceprobe"])
        let file = try ELFFile(bytes: bytes(of: program))
        #expect(file.neededLibraries == ["libsluiceprobe.so", "libc.so.6"])
        #expect(host.problems(of: file) == [.missingLibrary("libsluiceprobe.so")])
        let error = #expect(throws: PackageError.self) {
            try FunctionPackager.check(bytes(of: program), function: "ProbeFunction", binary: program, architecture: "x86_64")
        }
        #expect(error?.description.contains("ProbeFunction") == true)
        #expect(error?.description.contains("needs libsluiceprobe.so, which provided.al2023 does not have") == true)
    }

    /// `hypotf` got a new symbol version in glibc 2.35; a program linked here asks for it (this is what the Swift
    /// standard library did to our bootstraps until CGlibcCompat).
    @Test(.enabled(if: AL2023CompatibilityTests.glibc >= (2, 35), "needs a build machine with glibc 2.35 or newer"))
    func symbolNewerThanGlibc234FailsNamingTheSymbol() throws {
        let directory = try temporaryFolder("sluice-deploy")
        let source = """
            #include <math.h>
            #include <stdio.h>
            #include <stdlib.h>
            int main(int argc, char **argv) { printf("%f\\n", hypotf(strtof(argv[0], 0), (float)argc)); return 0; }
            """
        let program = try compileC(source, named: "hypot", in: directory, flags: ["-lm"])
        let file = try ELFFile(bytes: bytes(of: program))
        let requirement = try #require(file.versionRequirements.first { $0.version == "GLIBC_2.35" })
        #expect(requirement.library == "libm.so.6")
        #expect(requirement.symbols == ["hypotf"])
        #expect(host.problems(of: file) == [.versionTooNew(library: "libm.so.6", version: "GLIBC_2.35", symbols: ["hypotf"])])
        let error = #expect(throws: PackageError.self) {
            try FunctionPackager.check(bytes(of: program), function: "MathFunction", binary: program, architecture: "x86_64")
        }
        #expect(error?.description.contains("needs GLIBC_2.35 of libm.so.6 for hypotf, newer than provided.al2023 provides (AL2023 has GLIBC_2.34)") == true)
    }

    @Test func versionComparisonIsNumeric() {
        #expect(AL2023Compatibility.isNewerThanProvided("GLIBC_2.34") == false)
        #expect(AL2023Compatibility.isNewerThanProvided("GLIBC_2.4") == false)
        #expect(AL2023Compatibility.isNewerThanProvided("GLIBC_2.35") == true)
        #expect(AL2023Compatibility.isNewerThanProvided("GLIBC_2.34.1") == true)
        #expect(AL2023Compatibility.isNewerThanProvided("GLIBCXX_3.4.29") == false)
        #expect(AL2023Compatibility.isNewerThanProvided("GLIBCXX_3.4.30") == true)
        #expect(AL2023Compatibility.isNewerThanProvided("GCC_12.0.0") == false)
    }

    @Test func notAnExecutable() {
        #expect(throws: ELFError.notELF) { try ELFFile(bytes: Array("#!/bin/sh\necho hi\n".utf8)) }
        #expect(throws: ELFError.self) { try ELFFile(bytes: [0x7F, 0x45, 0x4C, 0x46, 2, 1] + [UInt8](repeating: 0xFF, count: 80)) }
    }

    /// The test runner itself (a large Swift executable) read by us and by readelf: the same libraries and versions.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/readelf")))
    func agreesWithReadelfOnARealBinary() throws {
        let path = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let file = try ELFFile(bytes: bytes(of: path))
        let dynamic = try runProgram(["readelf", "--dynamic", "--wide", path]).output
        let needed = dynamic.split(separator: "\n").filter { $0.contains("(NEEDED)") }
            .compactMap { $0.split(separator: "[").last?.split(separator: "]").first.map(String.init) }
        #expect(file.neededLibraries == needed)
        let versions = try runProgram(["readelf", "--version-info", "--wide", path]).output
        let section = versions.components(separatedBy: ".gnu.version_r").last ?? ""
        let names = Set(section.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "Name: ") else { return nil }
            return line[range.upperBound...].split(separator: " ").first.map(String.init)
        })
        #expect(Set(file.versionRequirements.map(\.version)) == names)
        #expect(!names.isEmpty)
    }
}
