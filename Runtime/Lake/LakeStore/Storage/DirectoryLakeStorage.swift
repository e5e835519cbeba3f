import Parquet

/// The lake in a folder: files written under a temporary name, fsynced and renamed; writers of a
/// dataset serialised by `flock(2)` on `<dataset>/_lock`, so write conditions always hold and are not checked.
public struct DirectoryLakeStorage: LakeStorage {
    /// The folder, without a trailing `/`.
    public let root: String

    public init(root: String) {
        var r = root
        while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
        self.root = r
    }

    public var location: String { root }

    func path(_ key: String) throws -> String {
        try LakeKey.validate(key)
        return root + "/" + key
    }

    @discardableResult
    public func write(_ key: String, _ bytes: [UInt8], condition: WriteCondition) throws -> String? {
        let path = try path(key)
        try FS.makeDirectories(FS.parent(path))
        try FS.writeAtomically(path, bytes)
        return nil
    }

    public func read(_ key: String) throws -> StoredObject? {
        let path = try path(key)
        guard FS.exists(path) else { return nil }
        return StoredObject(bytes: try FS.read(path), version: nil)
    }

    public func size(_ key: String) throws -> Int? { FS.size(try path(key)) }

    public func input(_ key: String, size: Int?) throws -> any RandomAccessInput { try FileBytes(path: path(key)) }

    public func list(_ prefix: String) throws -> (objects: [String], folders: [String]) {
        let folder = try LakeKey.folder(prefix)
        let path = folder.isEmpty ? root : root + "/" + folder.dropLast()
        var objects: [String] = [], folders: [String] = []
        for name in FS.list(path) {
            if FS.isDirectory(path + "/" + name) { folders.append(name) } else { objects.append(name) }
        }
        return (objects, folders)
    }

    public func delete(_ key: String) throws {
        let path = try path(key)
        FS.remove(path)
        FS.syncFolder(of: path)
    }

    public func isRecent(_ key: String) throws -> Bool { false }

    public func removeFolderIfEmpty(_ prefix: String) {
        guard let folder = try? LakeKey.folder(prefix), !folder.isEmpty else { return }
        FS.removeFolderIfEmpty(root + "/" + folder.dropLast())
    }

    public func withLock<T>(dataset: String, _ body: () throws -> T) throws -> T {
        try LakeKey.validate(dataset)
        return try DatasetLock.with(root + "/" + dataset, body)
    }
}
