/// Everything that can go wrong while writing or reading a Parquet file.
///
/// Each case carries a message that says what was found and what to do about it.
public enum ParquetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data ended before a structure was complete: the file is truncated or a length field lies.
    case truncated(String)
    /// The file does not start or end with the `PAR1` magic: it is not a Parquet file or it was cut.
    case notParquet(String)
    /// A structure was read but its content is inconsistent (bad enum, impossible size, wrong type).
    case corrupt(String)
    /// The file uses a Parquet feature this library does not implement.
    case unsupported(String)
    /// A compression library refused the data.
    case compression(String)
    /// The values handed to the writer do not fit the schema.
    case invalidArgument(String)
    /// A system call failed while reading or writing a file.
    case io(String)
    /// The writer was used after `finish()` or after an earlier failure.
    case writerClosed

    public var description: String {
        switch self {
        case .truncated(let m): return "Parquet data truncated: \(m). The file is incomplete or corrupt; rewrite it from its source."
        case .notParquet(let m): return "Not a Parquet file: \(m). Check the path, and that the writer finished (footer written)."
        case .corrupt(let m): return "Corrupt Parquet data: \(m). Rewrite the file from its source."
        case .unsupported(let m): return "Unsupported Parquet feature: \(m). Rewrite the file with PLAIN/dictionary encodings, data page V1/V2 and flat columns."
        case .compression(let m): return "Compression error: \(m). The page is corrupt or the codec library is missing."
        case .invalidArgument(let m): return "Invalid argument: \(m)."
        case .io(let m): return "I/O error: \(m). Check the path, permissions and free disk space."
        case .writerClosed: return "The Parquet writer is closed: create a new writer for a new file."
        }
    }
}
