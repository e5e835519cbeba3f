import CZlib
import SluiceCrypto

/// A small ZIP writer (PKWARE APPNOTE 6.3.x) for Lambda deployment packages: one local file header and the
/// data per entry, then the central directory and the end record. No ZIP64, no encryption, no data descriptors.
///
/// Entries record Unix permissions ("version made by" = 3, Unix; external attributes = `0o100000 | mode` in
/// the high 16 bits), which is how Lambda sees that `bootstrap` is executable. Every entry carries the
/// same timestamp (1980-01-01 00:00, the earliest DOS time), so the same inputs give the same bytes: an
/// unchanged function gives an unchanged zip, and deploy tools that compare checksums skip the upload.
/// Entries are DEFLATE-compressed with zlib, or STORED when compression does not make them smaller.
public struct ZipArchive: Sendable {
    /// One file of the archive.
    public struct Entry: Sendable {
        /// The path inside the archive, `/`-separated, no leading `/`.
        public var name: String
        public var contents: [UInt8]
        /// Unix permission bits, e.g. `0o755`.
        public var mode: UInt16

        public init(name: String, contents: [UInt8], mode: UInt16 = 0o644) {
            self.name = name
            self.contents = contents
            self.mode = mode
        }
    }

    /// How entries are compressed.
    public enum Compression: Sendable {
        /// Method 0: the bytes as they are.
        case stored
        /// Method 8 (raw DEFLATE, zlib level 9), falling back to STORED for an entry it does not shrink.
        case deflated
    }

    public var entries: [Entry]
    public var compression: Compression

    public init(entries: [Entry] = [], compression: Compression = .deflated) {
        self.entries = entries
        self.compression = compression
    }

    /// The archive's bytes.
    public func bytes() throws(ZipArchiveError) -> [UInt8] {
        var output: [UInt8] = []
        var central: [UInt8] = []
        var names = Set<String>()
        for entry in entries {
            guard !entry.name.isEmpty, !entry.name.hasPrefix("/"), names.insert(entry.name).inserted else {
                throw .invalidName(entry.name)
            }
            let name = Array(entry.name.utf8)
            guard name.count <= 0xFFFF else { throw .invalidName(entry.name) }
            let crc = CRC32.checksum(entry.contents)
            var method: UInt16 = 0
            var data = entry.contents
            if compression == .deflated, let compressed = try Self.deflate(entry.contents), compressed.count < data.count {
                method = 8
                data = compressed
            }
            let offset = output.count
            guard entry.contents.count <= 0xFFFF_FFFF, data.count <= 0xFFFF_FFFF, offset + data.count <= 0xFFFF_FFFF else {
                throw .tooLarge(entry.name)
            }
            let versionNeeded: UInt16 = method == 8 ? 20 : 10
            let flags: UInt16 = 0x0800  // names are UTF-8
            // Local file header.
            output.appendLittleEndian(UInt32(0x0403_4B50))
            output.appendLittleEndian(versionNeeded)
            output.appendLittleEndian(flags)
            output.appendLittleEndian(method)
            output.appendLittleEndian(Self.dosTime)
            output.appendLittleEndian(Self.dosDate)
            output.appendLittleEndian(crc)
            output.appendLittleEndian(UInt32(data.count))
            output.appendLittleEndian(UInt32(entry.contents.count))
            output.appendLittleEndian(UInt16(name.count))
            output.appendLittleEndian(UInt16(0))
            output += name
            output += data
            // Its central directory record.
            central.appendLittleEndian(UInt32(0x0201_4B50))
            central.appendLittleEndian(UInt16(3 << 8 | 20))  // made by: Unix, APPNOTE 2.0
            central.appendLittleEndian(versionNeeded)
            central.appendLittleEndian(flags)
            central.appendLittleEndian(method)
            central.appendLittleEndian(Self.dosTime)
            central.appendLittleEndian(Self.dosDate)
            central.appendLittleEndian(crc)
            central.appendLittleEndian(UInt32(data.count))
            central.appendLittleEndian(UInt32(entry.contents.count))
            central.appendLittleEndian(UInt16(name.count))
            central.appendLittleEndian(UInt16(0))  // extra field length
            central.appendLittleEndian(UInt16(0))  // comment length
            central.appendLittleEndian(UInt16(0))  // disk number start
            central.appendLittleEndian(UInt16(0))  // internal attributes
            central.appendLittleEndian((UInt32(0o100000) | UInt32(entry.mode & 0o7777)) << 16)  // regular file + mode
            central.appendLittleEndian(UInt32(offset))
            central += name
        }
        guard entries.count <= 0xFFFF, output.count + central.count <= 0xFFFF_FFFF else { throw .tooLarge("archive") }
        let centralOffset = output.count
        output += central
        // End of central directory record.
        output.appendLittleEndian(UInt32(0x0605_4B50))
        output.appendLittleEndian(UInt16(0))
        output.appendLittleEndian(UInt16(0))
        output.appendLittleEndian(UInt16(entries.count))
        output.appendLittleEndian(UInt16(entries.count))
        output.appendLittleEndian(UInt32(central.count))
        output.appendLittleEndian(UInt32(centralOffset))
        output.appendLittleEndian(UInt16(0))
        return output
    }

    /// 00:00:00 as a DOS time, 1980-01-01 as a DOS date.
    private static let dosTime: UInt16 = 0
    private static let dosDate: UInt16 = 0 << 9 | 1 << 5 | 1

    /// Raw DEFLATE (no zlib header) of `bytes`, as ZIP's method 8 stores it.
    private static func deflate(_ bytes: [UInt8]) throws(ZipArchiveError) -> [UInt8]? {
        var stream = z_stream()
        let initialised = deflateInit2_(
            &stream, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initialised == Z_OK else { throw .compression(code: initialised) }
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = uInt(destination.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .compression(code: status) }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}

/// Why an archive could not be written.
public enum ZipArchiveError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidName(String)
    case tooLarge(String)
    case compression(code: Int32)

    public var description: String {
        switch self {
        case .invalidName(let name): "zip entry name '\(name)' is empty, absolute, too long or repeated"
        case .tooLarge(let name): "'\(name)' is over 4 GiB, beyond a ZIP without ZIP64 (Lambda's limit is far lower)"
        case .compression(let code): "zlib's deflate failed with code \(code)"
        }
    }
}

extension [UInt8] {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
