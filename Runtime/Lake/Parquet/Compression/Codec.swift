import CSnappy
import CZstd

/// Page compression with the codecs Sluice writes and reads: UNCOMPRESSED, SNAPPY, ZSTD.
enum PageCodec {
    /// Compresses a page body.
    static func compress(_ input: [UInt8], codec: CompressionCodec, zstdLevel: Int32 = 3) throws -> [UInt8] {
        switch codec {
        case .uncompressed:
            return input
        case .snappy:
            var length = snappy_max_compressed_length(input.count)
            var out = [UInt8](repeating: 0, count: length)
            let status = input.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    src.withMemoryRebound(to: CChar.self) { s in
                        dst.withMemoryRebound(to: CChar.self) { d in
                            snappy_compress(s.baseAddress, s.count, d.baseAddress, &length)
                        }
                    }
                }
            }
            guard status == SNAPPY_OK else { throw ParquetError.compression("snappy_compress failed (\(status))") }
            out.removeSubrange(length...)
            return out
        case .zstd:
            let bound = ZSTD_compressBound(input.count)
            var out = [UInt8](repeating: 0, count: bound)
            let written = input.withUnsafeBytes { src in
                out.withUnsafeMutableBytes { dst in
                    ZSTD_compress(dst.baseAddress, dst.count, src.baseAddress, src.count, zstdLevel)
                }
            }
            if ZSTD_isError(written) != 0 {
                throw ParquetError.compression("ZSTD_compress failed: \(String(cString: ZSTD_getErrorName(written)))")
            }
            out.removeSubrange(written...)
            return out
        default:
            throw ParquetError.unsupported("writing codec \(codec); use UNCOMPRESSED, SNAPPY or ZSTD")
        }
    }

    /// Decompresses a page body whose header claims `uncompressedSize` bytes.
    ///
    /// The claimed size must not pass `limit` and must match what the codec produces,
    /// so a lying header cannot cause a huge allocation or a short page.
    static func decompress(
        _ input: ArraySlice<UInt8>, codec: CompressionCodec, uncompressedSize: Int, limit: Int
    ) throws -> [UInt8] {
        guard uncompressedSize >= 0, uncompressedSize <= limit else {
            throw ParquetError.corrupt("page claims \(uncompressedSize) uncompressed bytes (limit \(limit))")
        }
        switch codec {
        case .uncompressed:
            guard input.count == uncompressedSize else {
                throw ParquetError.corrupt("uncompressed page of \(input.count) bytes claims \(uncompressedSize)")
            }
            return Array(input)
        case .snappy:
            var length = 0
            let s1 = input.withUnsafeBufferPointer { src in
                src.withMemoryRebound(to: CChar.self) { s in snappy_uncompressed_length(s.baseAddress, s.count, &length) }
            }
            guard s1 == SNAPPY_OK else { throw ParquetError.compression("snappy page header is invalid") }
            guard length == uncompressedSize else {
                throw ParquetError.corrupt("snappy page holds \(length) bytes, header claims \(uncompressedSize)")
            }
            var out = [UInt8](repeating: 0, count: length)
            let s2 = input.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    src.withMemoryRebound(to: CChar.self) { s in
                        dst.withMemoryRebound(to: CChar.self) { d in
                            snappy_uncompress(s.baseAddress, s.count, d.baseAddress, &length)
                        }
                    }
                }
            }
            guard s2 == SNAPPY_OK, length == uncompressedSize else {
                throw ParquetError.compression("snappy could not decompress the page")
            }
            return out
        case .zstd:
            let frameSize = input.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
            // UInt64.max: error, UInt64.max - 1: size unknown (then the header's size is the bound).
            if frameSize == UInt64.max { throw ParquetError.compression("zstd page has no valid frame header") }
            if frameSize != UInt64.max - 1 && frameSize != UInt64(uncompressedSize) {
                throw ParquetError.corrupt("zstd page holds \(frameSize) bytes, header claims \(uncompressedSize)")
            }
            var out = [UInt8](repeating: 0, count: uncompressedSize)
            let n = input.withUnsafeBytes { src in
                out.withUnsafeMutableBytes { dst in
                    ZSTD_decompress(dst.baseAddress, dst.count, src.baseAddress, src.count)
                }
            }
            if ZSTD_isError(n) != 0 {
                throw ParquetError.compression("zstd: \(String(cString: ZSTD_getErrorName(n)))")
            }
            guard n == uncompressedSize else {
                throw ParquetError.corrupt("zstd page decompressed to \(n) bytes, header claims \(uncompressedSize)")
            }
            return out
        default:
            throw ParquetError.unsupported("codec \(codec); this reader handles UNCOMPRESSED, SNAPPY and ZSTD")
        }
    }
}
