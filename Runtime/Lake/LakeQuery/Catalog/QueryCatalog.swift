/// One Parquet file of a dataset and its Hive partition values (`["dt": "2026-01-02"]`).
public struct QueryFile: Hashable, Sendable {
    public var path: String
    public var partition: [String: String]

    public init(path: String, partition: [String: String] = [:]) {
        self.path = path
        self.partition = partition
    }
}

/// A queryable dataset: its files and the key columns that identify an item (for `<name>_current`).
public struct QueryDataset: Hashable, Sendable {
    public var name: String
    public var files: [QueryFile]
    /// Columns identifying an item (e.g. `["PK", "SK"]`); needed by the `_current` view.
    public var keyColumns: [String]

    public init(name: String, files: [QueryFile], keyColumns: [String] = []) {
        self.name = name
        self.files = files
        self.keyColumns = keyColumns
    }
}

/// Maps dataset names to datasets. Names match case-insensitively when there is no exact match.
public protocol QueryCatalog: Sendable {
    /// The dataset called `name`, or nil.
    func dataset(named name: String) -> QueryDataset?
    /// All dataset names (for messages).
    var datasetNames: [String] { get }
}

/// A catalog held in memory (fed from a manifest, or built by `LakeDirectory.catalog`).
public struct StaticCatalog: QueryCatalog {
    public var datasets: [String: QueryDataset]

    public init(_ datasets: [QueryDataset]) {
        var map: [String: QueryDataset] = [:]
        for d in datasets { map[d.name] = d }
        self.datasets = map
    }

    public func dataset(named name: String) -> QueryDataset? {
        if let d = datasets[name] { return d }
        let lower = name.lowercased()
        return datasets.first { $0.key.lowercased() == lower }?.value
    }

    public var datasetNames: [String] { datasets.keys.sorted() }

    /// Sets the key columns of a dataset (no-op when absent).
    public mutating func setKeyColumns(_ keys: [String], for name: String) {
        datasets[name]?.keyColumns = keys
    }
}
