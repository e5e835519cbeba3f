/// What the dynamic loader needs from a 64-bit little-endian ELF executable: its machine, the shared
/// libraries it names (`DT_NEEDED`), and the symbol versions it requires of them (`.gnu.version_r`), with
/// the undefined symbols bound to each version (`.dynsym` + `.gnu.version`).
///
/// Read from the section headers, which `strip` keeps. A statically linked executable has none of these
/// and needs nothing.
public struct ELFFile: Sendable, Equatable {
    /// `e_machine`: 62 is x86-64, 183 is AArch64.
    public var machine: UInt16
    /// `DT_NEEDED` entries, in order.
    public var neededLibraries: [String]
    /// Version requirements, e.g. `libc.so.6` → `GLIBC_2.34`.
    public var versionRequirements: [VersionRequirement]

    /// One version needed of one library, and the undefined symbols that asked for it.
    public struct VersionRequirement: Sendable, Equatable {
        public var library: String
        public var version: String
        public var symbols: [String]
    }

    public static let x86_64: UInt16 = 62
    public static let aarch64: UInt16 = 183

    /// The architecture name Lambda uses for `machine` (`x86_64`, `arm64`), or `e_machine <n>`.
    public var architecture: String {
        switch machine {
        case Self.x86_64: "x86_64"
        case Self.aarch64: "arm64"
        default: "e_machine \(machine)"
        }
    }

    /// Parses `bytes`, the whole file.
    public init(bytes: [UInt8]) throws(ELFError) {
        let reader = ByteReader(bytes: bytes)
        guard bytes.count >= 64, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
            throw .notELF
        }
        guard bytes[4] == 2, bytes[5] == 1 else { throw .unsupported("only 64-bit little-endian ELF files are read") }
        machine = try reader.u16(18)
        let sectionOffset = try reader.int(40)
        let sectionSize = Int(try reader.u16(58))
        let sectionCount = Int(try reader.u16(60))
        var sections: [Section] = []
        for index in 0..<sectionCount {
            let base = sectionOffset + index * sectionSize
            sections.append(
                Section(
                    type: try reader.u32(base + 4), offset: try reader.int(base + 24), size: try reader.int(base + 32),
                    link: Int(try reader.u32(base + 40)), info: Int(try reader.u32(base + 44)),
                    entrySize: try reader.int(base + 56)))
        }
        func strings(of section: Section) throws(ELFError) -> Section {
            guard section.link < sections.count else { throw .malformed("section link \(section.link) out of range") }
            return sections[section.link]
        }

        neededLibraries = []
        if let dynamic = sections.first(where: { $0.type == 6 }) {  // SHT_DYNAMIC
            let table = try strings(of: dynamic)
            var position = dynamic.offset
            while position + 16 <= dynamic.offset + dynamic.size {
                let tag = try reader.u64(position)
                if tag == 0 { break }  // DT_NULL
                if tag == 1 { neededLibraries.append(try reader.string(table.offset + (try reader.int(position + 8)))) }
                position += 16
            }
        }

        // Version index (vna_other) → (library, version name), from SHT_GNU_verneed.
        var versions: [UInt16: (library: String, version: String)] = [:]
        var order: [UInt16] = []
        if let verneed = sections.first(where: { $0.type == 0x6FFF_FFFE }) {
            let table = try strings(of: verneed)
            var entry = verneed.offset
            for _ in 0..<verneed.info {
                let count = Int(try reader.u16(entry + 2))
                let library = try reader.string(table.offset + Int(try reader.u32(entry + 4)))
                var aux = entry + Int(try reader.u32(entry + 8))
                for _ in 0..<count {
                    let index = try reader.u16(aux + 6) & 0x7FFF
                    versions[index] = (library, try reader.string(table.offset + Int(try reader.u32(aux + 8))))
                    order.append(index)
                    let next = Int(try reader.u32(aux + 12))
                    if next == 0 { break }
                    aux += next
                }
                let next = Int(try reader.u32(entry + 12))
                if next == 0 { break }
                entry += next
            }
        }

        // Undefined dynamic symbols and their version index (SHT_DYNSYM + SHT_GNU_versym).
        var symbols: [UInt16: [String]] = [:]
        if let dynsym = sections.first(where: { $0.type == 11 }), let versym = sections.first(where: { $0.type == 0x6FFF_FFFF }) {
            let table = try strings(of: dynsym)
            let entrySize = dynsym.entrySize == 0 ? 24 : dynsym.entrySize
            for index in 0..<(dynsym.size / entrySize) {
                let base = dynsym.offset + index * entrySize
                guard try reader.u16(base + 6) == 0 else { continue }  // defined here: not a requirement
                let version = try reader.u16(versym.offset + index * 2) & 0x7FFF
                guard version > 1, versions[version] != nil else { continue }
                symbols[version, default: []].append(try reader.string(table.offset + Int(try reader.u32(base))))
            }
        }
        versionRequirements = order.compactMap { index in
            versions[index].map { VersionRequirement(library: $0.library, version: $0.version, symbols: symbols[index] ?? []) }
        }
    }

    private struct Section {
        var type: UInt32
        var offset: Int
        var size: Int
        var link: Int
        var info: Int
        var entrySize: Int
    }
}

/// Why a file could not be read as ELF.
public enum ELFError: Error, CustomStringConvertible, Sendable, Equatable {
    case notELF
    case unsupported(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .notELF: "not an ELF executable (Lambda's provided.al2023 runs Linux ELF binaries)"
        case .unsupported(let reason): "unsupported ELF file: \(reason)"
        case .malformed(let reason): "malformed ELF file: \(reason)"
        }
    }
}

/// Bounds-checked little-endian reads.
private struct ByteReader {
    let bytes: [UInt8]

    func u16(_ offset: Int) throws(ELFError) -> UInt16 { UInt16(truncatingIfNeeded: try value(offset, 2)) }
    func u32(_ offset: Int) throws(ELFError) -> UInt32 { UInt32(truncatingIfNeeded: try value(offset, 4)) }
    func u64(_ offset: Int) throws(ELFError) -> UInt64 { try value(offset, 8) }
    /// A 64-bit offset or size, which must lie within the file.
    func int(_ offset: Int) throws(ELFError) -> Int {
        let raw = try value(offset, 8)
        guard raw <= UInt64(bytes.count) else { throw .malformed("offset or size \(raw) beyond the file") }
        return Int(raw)
    }

    /// The NUL-terminated string at `offset`.
    func string(_ offset: Int) throws(ELFError) -> String {
        guard offset >= 0, offset < bytes.count else { throw .malformed("string offset \(offset) beyond the file") }
        guard let end = bytes[offset...].firstIndex(of: 0) else { throw .malformed("unterminated string at \(offset)") }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    private func value(_ offset: Int, _ width: Int) throws(ELFError) -> UInt64 {
        guard offset >= 0, offset + width <= bytes.count else { throw .malformed("read at \(offset) beyond the file") }
        var result: UInt64 = 0
        for index in (0..<width).reversed() { result = result << 8 | UInt64(bytes[offset + index]) }
        return result
    }
}
