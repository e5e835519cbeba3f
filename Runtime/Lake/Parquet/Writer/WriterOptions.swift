/// Settings of a `ParquetWriter`.
public struct ParquetWriterOptions: Sendable {
    /// Page compression: `.snappy` (most widely readable), `.zstd` or `.uncompressed`.
    public var codec: CompressionCodec = .snappy
    /// zstd compression level (1...22).
    public var zstdLevel: Int32 = 3
    /// A row group is closed once it holds this many rows…
    public var rowGroupRows: Int = 1_000_000
    /// …or once its buffered values are estimated at this many bytes.
    public var rowGroupBytes: Int = 128 * 1024 * 1024
    /// Target uncompressed size of a data page.
    public var pageBytes: Int = 1024 * 1024
    /// Whether to try RLE_DICTIONARY encoding (falls back to PLAIN per column chunk).
    public var dictionary: Bool = true
    /// A dictionary whose PLAIN size passes this limit is dropped and the chunk written PLAIN.
    public var dictionaryPageBytes: Int = 1024 * 1024
    /// Key/value metadata written into the footer.
    public var keyValueMetadata: [KeyValue] = []
    /// The footer's `created_by`.
    public var createdBy: String = "sluice version 0.1.0"

    public init(
        codec: CompressionCodec = .snappy, rowGroupRows: Int = 1_000_000, rowGroupBytes: Int = 128 * 1024 * 1024,
        pageBytes: Int = 1024 * 1024, dictionary: Bool = true, dictionaryPageBytes: Int = 1024 * 1024,
        keyValueMetadata: [KeyValue] = []
    ) {
        self.codec = codec
        self.rowGroupRows = rowGroupRows
        self.rowGroupBytes = rowGroupBytes
        self.pageBytes = pageBytes
        self.dictionary = dictionary
        self.dictionaryPageBytes = dictionaryPageBytes
        self.keyValueMetadata = keyValueMetadata
    }
}
