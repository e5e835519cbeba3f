import Parquet

/// The Parquet reader: opens the bytes as a file and reads every column of every row group, its
/// statistics and its dictionary. A bad file must throw `ParquetError`; any other error breaks the
/// reader's promise, and a trap is a crash.
public enum ParquetFuzzTarget: FuzzTarget {
    public static let name = "parquet"

    /// Limits small enough that a hostile length field cannot make one input allocate gigabytes.
    static let options = ParquetReaderOptions(maxFooterBytes: 1 << 20, maxPageBytes: 4 << 20, maxPageValues: 1 << 16)

    public static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        do {
            let reader = try ParquetReader(bytes: bytes, options: options)
            for group in 0..<reader.rowGroupCount {
                _ = try reader.rowCount(rowGroup: group)
                for column in reader.columns.indices {
                    _ = try reader.readColumn(rowGroup: group, column: column)
                    _ = try reader.statistics(rowGroup: group, column: column)
                    _ = try reader.readDictionaryColumn(rowGroup: group, column: column)?.expanded()
                }
            }
            return .accepted
        } catch let error as ParquetError {
            return .rejected("\(error)")
        } catch {
            return .violated("\(type(of: error)) instead of ParquetError: \(error)")
        }
    }
}
