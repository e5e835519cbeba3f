/// Limits that keep a corrupt or hostile file from causing huge allocations.
public struct ParquetReaderOptions: Sendable {
    /// Largest footer accepted.
    public var maxFooterBytes: Int = 64 * 1024 * 1024
    /// Largest uncompressed page accepted.
    public var maxPageBytes: Int = 256 * 1024 * 1024
    /// Most values (nulls included) accepted in one page.
    public var maxPageValues: Int = 1 << 24

    public init(maxFooterBytes: Int = 64 * 1024 * 1024, maxPageBytes: Int = 256 * 1024 * 1024, maxPageValues: Int = 1 << 24) {
        self.maxFooterBytes = maxFooterBytes
        self.maxPageBytes = maxPageBytes
        self.maxPageValues = maxPageValues
    }
}
