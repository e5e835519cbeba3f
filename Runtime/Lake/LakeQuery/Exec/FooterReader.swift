import Parquet

/// Reads only the footer of a Parquet file: enough for its schema, without reading the data pages.
/// Used for the schema of files that partition pruning left out (so `*` sees the same columns as DuckDB's
/// `union_by_name`).
enum FooterReader {
    static func columns(_ path: String, input: any RandomAccessInput) throws(QueryError) -> [ParquetColumn] {
        do {
            let size = input.count
            guard size >= 12 else { throw QueryError.io("\(path): not a Parquet file (too short)") }
            let tail = try input.read((size - 8)..<size)
            let length = Int(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
            guard length <= size - 12 else { throw QueryError.io("\(path): footer length \(length) does not fit the file") }
            let footer = try input.read((size - 8 - length)..<(size - 8))
            // Magic + footer + length + magic: the reader parses the footer without touching pages.
            return try ParquetReader(bytes: Array("PAR1".utf8) + footer + tail).columns
        } catch let error as QueryError {
            throw error
        } catch {
            throw .io("\(path): \(error)")
        }
    }
}
