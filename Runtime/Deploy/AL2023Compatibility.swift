/// Whether an executable can start on Lambda's `provided.al2023` runtime.
///
/// `provided.al2023` is the AL2023-minimal image: glibc 2.34 and gcc 11's runtime libraries (AWS's AL2023
/// user guide, "Improved toolchain"), plus what its package manager (microdnf) pulls in: libcurl-minimal,
/// OpenSSL 3, zlib, zstd, xz, bzip2. The loader refuses a binary that names a shared library the image
/// lacks, or asks for a symbol version newer than the image's libraries define; both are checked here, from
/// the ELF file alone.
public struct AL2023Compatibility: Sendable {
    /// Shared libraries the `provided.al2023` image provides.
    public static let providedLibraries: Set<String> = [
        // glibc 2.34
        "libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libutil.so.1", "libresolv.so.2",
        "libanl.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
        // gcc 11 runtime
        "libgcc_s.so.1", "libstdc++.so.6",
        // microdnf's dependencies in the minimal image
        "libz.so.1", "libzstd.so.1", "liblzma.so.5", "libbz2.so.1", "libcrypto.so.3", "libssl.so.3", "libcurl.so.4",
    ]

    /// The newest version of each versioned interface the image provides: glibc 2.34; libstdc++ and libgcc
    /// of gcc 11 (GLIBCXX_3.4.29, CXXABI_1.3.13).
    public static let newestVersions: [String: [Int]] = ["GLIBC_": [2, 34], "GLIBCXX_": [3, 4, 29], "CXXABI_": [1, 3, 13]]

    /// Lambda's name of the architecture the binary must be built for (`x86_64` or `arm64`).
    public var architecture: String

    public init(architecture: String) {
        self.architecture = architecture
    }

    /// Everything that would stop `file` from loading; empty when it runs.
    public func problems(of file: ELFFile) -> [AL2023Problem] {
        var problems: [AL2023Problem] = []
        if file.architecture != architecture {
            problems.append(.wrongArchitecture(expected: architecture, found: file.architecture))
        }
        for library in file.neededLibraries where !Self.providedLibraries.contains(library) {
            problems.append(.missingLibrary(library))
        }
        for requirement in file.versionRequirements where Self.isNewerThanProvided(requirement.version) {
            problems.append(.versionTooNew(library: requirement.library, version: requirement.version, symbols: requirement.symbols))
        }
        return problems
    }

    /// Whether `version` (e.g. `GLIBC_2.35`) is newer than the image provides. Unknown families pass.
    public static func isNewerThanProvided(_ version: String) -> Bool {
        for (prefix, newest) in newestVersions where version.hasPrefix(prefix) {
            let numbers = version.dropFirst(prefix.count).split(separator: ".").map { Int($0) ?? 0 }
            for (index, part) in numbers.enumerated() {
                let limit = index < newest.count ? newest[index] : 0
                if part != limit { return part > limit }
            }
            return false
        }
        return false
    }
}

/// One reason a binary would not start on `provided.al2023`.
public enum AL2023Problem: Sendable, Equatable, CustomStringConvertible {
    case wrongArchitecture(expected: String, found: String)
    case missingLibrary(String)
    case versionTooNew(library: String, version: String, symbols: [String])

    public var description: String {
        switch self {
        case .wrongArchitecture(let expected, let found):
            return "built for \(found), but the function's Architectures is \(expected)"
        case .missingLibrary(let library):
            return "needs \(library), which provided.al2023 does not have (link it statically, or drop the dependency)"
        case .versionTooNew(let library, let version, let symbols):
            let which = symbols.isEmpty ? "" : " for \(symbols.sorted().prefix(5).joined(separator: ", "))"
            let newest = AL2023Compatibility.newestVersions.first { version.hasPrefix($0.key) }
                .map { " (AL2023 has \($0.key)\($0.value.map(String.init).joined(separator: ".")))" } ?? ""
            return "needs \(version) of \(library)\(which), newer than provided.al2023 provides\(newest); "
                + "build on an older distribution or against an AL2023 sysroot"
        }
    }
}
