#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds a catalog by scanning a lake folder laid out Hive-style:
/// `<lake>/<dataset>/<key>=<value>/…/*.parquet`.
///
/// Every direct sub-folder of `<lake>` holding at least one `.parquet` file under `key=value` folders is a
/// dataset. Names starting with `_` or `.` (temporary files, manifests, `_SUCCESS`) are skipped.
public enum LakeDirectory {
    /// The datasets under `lake`, with `keyColumns` applied to datasets named in `keys` (default `["PK", "SK"]`
    /// where the files have those columns is left to the caller: pass them here).
    public static func catalog(at lake: String, keyColumns: [String: [String]] = [:]) throws(QueryError) -> StaticCatalog {
        var datasets: [QueryDataset] = []
        for name in try entries(lake).sorted() where isDirectory(lake + "/" + name) {
            var files: [QueryFile] = []
            try collect(lake + "/" + name, partition: [:], into: &files)
            guard !files.isEmpty else { continue }
            files.sort { $0.path < $1.path }
            datasets.append(QueryDataset(name: name, files: files, keyColumns: keyColumns[name] ?? []))
        }
        return StaticCatalog(datasets)
    }

    private static func collect(_ folder: String, partition: [String: String], into files: inout [QueryFile]) throws(QueryError) {
        for name in try entries(folder) {
            let path = folder + "/" + name
            if isDirectory(path) {
                guard let eq = name.firstIndex(of: "=") else { continue }
                var p = partition
                p[String(name[..<eq])] = unescape(String(name[name.index(after: eq)...]))
                try collect(path, partition: p, into: &files)
            } else if name.hasSuffix(".parquet"), !partition.isEmpty {
                files.append(QueryFile(path: path, partition: partition))
            }
        }
    }

    /// Visible entry names of a folder.
    static func entries(_ folder: String) throws(QueryError) -> [String] {
        guard let dir = opendir(folder) else { throw .io("cannot list \(folder): \(String(cString: strerror(errno)))") }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") || name.hasPrefix("_") { continue }
            out.append(name)
        }
        return out
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Hive escapes (`%3A` → `:`).
    static func unescape(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let v = UInt8(String(decoding: b[i + 1...i + 2], as: UTF8.self), radix: 16) {
                out.append(v); i += 3
            } else { out.append(b[i]); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
