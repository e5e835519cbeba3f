#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Parquet

/// Reads only the footer of a Parquet file: enough for its schema, without reading the data pages.
/// Used for the schema of files that partition pruning left out (so `*` sees the same columns as DuckDB's
/// `union_by_name`).
enum FooterReader {
    static func columns(_ path: String) throws(QueryError) -> [ParquetColumn] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io("\(path): cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size >= 12 else { throw .io("\(path): not a Parquet file (too short)") }
        let size = Int(st.st_size)
        func read(_ count: Int, at offset: Int) throws(QueryError) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: count)
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
            guard n == count else { throw .io("\(path): short read of the footer") }
            return out
        }
        let tail = try read(8, at: size - 8)
        let length = Int(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
        guard length <= size - 12 else { throw .io("\(path): footer length \(length) does not fit the file") }
        let footer = try read(length, at: size - 8 - length)
        do {
            // Magic + footer + length + magic: the reader parses the footer without touching pages.
            return try ParquetReader(bytes: Array("PAR1".utf8) + footer + tail).columns
        } catch {
            throw .io("\(path): \(error)")
        }
    }
}
