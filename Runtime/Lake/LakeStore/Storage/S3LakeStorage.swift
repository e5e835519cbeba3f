import DynamoClient
import Parquet

/// The lake in an S3 bucket under a prefix (`s3://bucket/prefix`), through our ``S3Client``.
///
/// S3 has no rename and no locks, so the lake relies on what it has: a PUT (or a completed multipart
/// upload) makes an object visible whole or not at all, and conditional writes (`If-Match` with the
/// version read, `If-None-Match: *` for a new object) detect a concurrent writer of the manifest or
/// schema, which then gets ``LakeError/conflict(_:)`` instead of silently losing an update.
public struct S3LakeStorage: LakeStorage {
    public let client: S3Client
    public let bucket: String
    /// The key prefix, without leading or trailing `/` (`""` for the whole bucket).
    public let prefix: String
    /// How old an unlisted data file must be before ``LakeStore/vacuum(dataset:)`` deletes it (S3 has no
    /// lock, so a younger one may belong to an ETL batch about to commit).
    public var orphanGraceSeconds: Int64 = 3600

    public init(client: S3Client, bucket: String, prefix: String = "") throws {
        guard S3Client.isBucketName(bucket) else {
            throw LakeError.invalidArgument("'\(bucket)' is not an S3 bucket name (3–63 lower-case letters, digits, '.' and '-')")
        }
        var trimmed = Substring(prefix)
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if !trimmed.isEmpty { try LakeKey.validate(String(trimmed)) }
        self.client = client
        self.bucket = bucket
        self.prefix = String(trimmed)
    }

    /// The storage of `s3://bucket[/prefix]`, with a client configured from `environment` (the process
    /// environment when nil): `AWS_ENDPOINT_URL_S3`, region, credentials, as the AWS SDKs read them.
    public init(uri: String, environment: [String: String]? = nil) throws {
        let (bucket, prefix) = try Self.parse(uri)
        let client: S3Client
        do { client = try S3Client(environment: environment) } catch { throw LakeError.storage("\(error)") }
        try self.init(client: client, bucket: bucket, prefix: prefix)
    }

    /// Bucket and prefix of `s3://bucket[/prefix]`.
    public static func parse(_ uri: String) throws -> (bucket: String, prefix: String) {
        guard uri.hasPrefix("s3://") else { throw LakeError.invalidArgument("'\(uri)' is not an s3://bucket/prefix URI") }
        let rest = uri.dropFirst(5)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let bucket = String(rest[..<slash])
        guard !bucket.isEmpty else { throw LakeError.invalidArgument("'\(uri)' names no bucket") }
        return (bucket, slash == rest.endIndex ? "" : String(rest[rest.index(after: slash)...]))
    }

    public var location: String { "s3://\(bucket)" + (prefix.isEmpty ? "" : "/" + prefix) }

    func objectKey(_ key: String) throws -> String {
        try LakeKey.validate(key)
        return prefix.isEmpty ? key : prefix + "/" + key
    }

    /// Runs an S3 call, with its errors as lake errors.
    private func s3<T>(_ key: String, _ body: () throws(S3ClientError) -> T) throws -> T {
        do { return try body() } catch {
            switch error {
            case .preconditionFailed: throw LakeError.conflict("\(url(key)) was changed by another writer")
            default: throw LakeError.storage("\(url(key)): \(error)")
            }
        }
    }

    @discardableResult
    public func write(_ key: String, _ bytes: [UInt8], condition: WriteCondition) throws -> String? {
        let object = try objectKey(key)
        let type = key.hasSuffix(".parquet") ? "application/vnd.apache.parquet" : key.hasSuffix(".json") ? "application/json" : "application/octet-stream"
        return try s3(key) { () throws(S3ClientError) -> String in
            switch condition {
            case .always: try client.putObject(bucket: bucket, key: object, bytes: bytes, contentType: type)
            case .absent: try client.putObject(bucket: bucket, key: object, bytes: bytes, contentType: type, ifNoneMatch: "*")
            case .version(let etag): try client.putObject(bucket: bucket, key: object, bytes: bytes, contentType: type, ifMatch: etag)
            }
        }
    }

    public func read(_ key: String) throws -> StoredObject? {
        let object = try objectKey(key)
        return try s3(key) { () throws(S3ClientError) in
            try client.fetchObject(bucket: bucket, key: object).map { StoredObject(bytes: $0.bytes, version: $0.etag) }
        }
    }

    public func size(_ key: String) throws -> Int? {
        let object = try objectKey(key)
        return try s3(key) { () throws(S3ClientError) in try client.headObject(bucket: bucket, key: object)?.size }
    }

    public func input(_ key: String, size: Int?) throws -> any RandomAccessInput {
        let object = try objectKey(key)
        let count: Int
        if let size { count = size } else {
            guard let found = try self.size(key) else { throw LakeError.storage("\(url(key)) does not exist") }
            count = found
        }
        return try TailCachedInput(S3ObjectInput(storage: self, key: key, object: object, count: count))
    }

    public func list(_ prefix: String) throws -> (objects: [String], folders: [String]) {
        let folder = try LakeKey.folder(prefix)
        let full = (self.prefix.isEmpty ? "" : self.prefix + "/") + folder
        let page = try s3(folder) { () throws(S3ClientError) in
            try client.listAllObjects(bucket: bucket, prefix: full, delimiter: "/")
        }
        let objects = page.objects.map { String($0.key.dropFirst(full.count)) }.filter { !$0.isEmpty }
        let folders = page.commonPrefixes.map { String($0.dropFirst(full.count).dropLast()) }.filter { !$0.isEmpty }
        return (objects.sorted(), folders.sorted())
    }

    public func delete(_ key: String) throws {
        let object = try objectKey(key)
        try s3(key) { () throws(S3ClientError) in try client.deleteObject(bucket: bucket, key: object) }
    }

    public func isRecent(_ key: String) throws -> Bool {
        let object = try objectKey(key)
        guard let head = try s3(key, { () throws(S3ClientError) in try client.headObject(bucket: bucket, key: object) }) else { return false }
        guard let modified = HTTPDate.epochSeconds(head.lastModified) else { return true }
        return HTTPDate.now() - modified < orphanGraceSeconds
    }

    public func removeFolderIfEmpty(_ prefix: String) {}

    public func withLock<T>(dataset: String, _ body: () throws -> T) throws -> T { try body() }

    /// Ranged GETs of one object.
    struct S3ObjectInput: RandomAccessInput {
        let storage: S3LakeStorage
        let key: String
        let object: String
        let count: Int

        func read(_ range: Range<Int>) throws -> [UInt8] {
            let bytes = try storage.s3(key) { () throws(S3ClientError) in
                try storage.client.getObject(bucket: storage.bucket, key: object, range: range)
            }
            guard bytes.count == range.count else {
                throw LakeError.storage("\(storage.url(key)): asked for \(range.count) bytes at \(range.lowerBound), got \(bytes.count) (the object changed?)")
            }
            return bytes
        }
    }
}
