import Parquet

/// An object the lake read, with the version a conditional write can name.
public struct StoredObject: Sendable {
    public var bytes: [UInt8]
    /// The object's version (S3's ETag); nil where writers are serialised by a lock instead (a folder).
    public var version: String?

    public init(bytes: [UInt8], version: String?) {
        self.bytes = bytes
        self.version = version
    }
}

/// When a write may happen.
public enum WriteCondition: Sendable, Hashable {
    /// Always.
    case always
    /// Only if nothing is stored under the key.
    case absent
    /// Only if the stored object still has this version.
    case version(String)
}

/// Where the lake's objects live: a folder on disk or an S3 bucket. Keys are relative to the lake
/// (`tasks/_manifest.json`, `tasks/dt=2024-05-01/part-1-9.parquet`), `/`-separated, and never hold
/// empty, `.` or `..` segments (``LakeKey/validate(_:)``), so nothing escapes the lake's folder or prefix.
///
/// Every write is atomic: a reader sees the old object or the new one whole, never part of one
/// (temporary file + fsync + rename on disk; one PUT or a completed multipart upload on S3). The manifest
/// is the commit point on both.
public protocol LakeStorage: Sendable {
    /// The lake's location as a user writes it: a folder path or `s3://bucket/prefix`.
    var location: String { get }
    /// Stores `bytes` under `key` atomically and returns the new version (nil on disk);
    /// ``LakeError/conflict(_:)`` when `condition` does not hold.
    @discardableResult
    func write(_ key: String, _ bytes: [UInt8], condition: WriteCondition) throws -> String?
    /// The object under `key`, nil when there is none.
    func read(_ key: String) throws -> StoredObject?
    /// The size of the object under `key`, nil when there is none.
    func size(_ key: String) throws -> Int?
    /// Ranged reads of the object under `key` (of `size` bytes when the caller knows it).
    func input(_ key: String, size: Int?) throws -> any RandomAccessInput
    /// Names one level under the folder `prefix` (`""` is the lake itself): objects and sub-folders.
    func list(_ prefix: String) throws -> (objects: [String], folders: [String])
    /// Deletes the object under `key` (nothing when it is gone already).
    func delete(_ key: String) throws
    /// Whether the object was written too recently to be an orphan for sure: always false where writers
    /// hold a lock (disk); on S3, written less than ``S3LakeStorage/orphanGraceSeconds`` ago (an ETL
    /// may be about to commit it).
    func isRecent(_ key: String) throws -> Bool
    /// Removes the folder when it holds nothing (folders exist on disk only).
    func removeFolderIfEmpty(_ prefix: String)
    /// Runs `body` holding the dataset's writer lock where the storage has one (`flock(2)` on disk).
    /// On S3 there is none: conditional writes of the manifest and schema detect a concurrent writer.
    func withLock<T>(dataset: String, _ body: () throws -> T) throws -> T
}

extension LakeStorage {
    /// The address of `key`: `<folder>/<key>` or `s3://bucket/prefix/<key>`.
    public func url(_ key: String) -> String { location + "/" + key }

    public func write(_ key: String, _ bytes: [UInt8]) throws { try write(key, bytes, condition: .always) }

    /// Whether an object is stored under `key`.
    public func exists(_ key: String) throws -> Bool { try size(key) != nil }

    /// A Parquet reader over the object under `key`: footer first, then column chunks on demand.
    func parquet(_ key: String, size: Int? = nil) throws -> ParquetReader {
        try ParquetReader(input: input(key, size: size))
    }
}

/// Lake keys: checked before any storage touches them.
enum LakeKey {
    /// Throws unless `key` is `segment(/segment)*` with no empty, `.` or `..` segment, no backslash or NUL.
    static func validate(_ key: String) throws {
        guard !key.isEmpty, !key.contains("\\"), !key.utf8.contains(0),
            key.split(separator: "/", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
        else { throw LakeError.invalidArgument("'\(key)' is not a key inside the lake") }
    }

    /// `prefix` as a folder key (`""` or ending in `/`), validated.
    static func folder(_ prefix: String) throws -> String {
        if prefix.isEmpty { return "" }
        var trimmed = prefix
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        try validate(trimmed)
        return trimmed + "/"
    }
}

/// Opening a lake by location.
public enum LakeLocation {
    /// Whether `location` names an S3 bucket (`s3://bucket[/prefix]`).
    public static func isS3(_ location: String) -> Bool { location.hasPrefix("s3://") }

    /// The storage of `location`: ``S3LakeStorage`` for `s3://bucket[/prefix]` (configured from `environment`,
    /// the process environment when nil), else ``DirectoryLakeStorage``.
    public static func storage(_ location: String, environment: [String: String]? = nil) throws -> any LakeStorage {
        if isS3(location) { return try S3LakeStorage(uri: location, environment: environment) }
        return DirectoryLakeStorage(root: location)
    }
}
