import DynamoModel
import Parquet

/// The type of a lake column, as recorded in `_schema.json`.
///
/// Mapping of DynamoDB types (decided per attribute by the first value seen, unless fixed by the mapping):
///
/// | DynamoDB | column | Parquet |
/// |---|---|---|
/// | S | `string` | BYTE_ARRAY STRING |
/// | N, an integer in Int64 range | `int64` | INT64 |
/// | N, any other value with ≤ 9 fraction digits and ≤ 29 integer digits | `decimal(38,9)` | FIXED_LEN_BYTE_ARRAY(16) DECIMAL(38,9) |
/// | N beyond both (e.g. `1E+100`, `1.0000000001`) | no column yet: the value goes to `_extra` | |
/// | BOOL | `boolean` | BOOLEAN |
/// | B | `binary` | BYTE_ARRAY |
/// | SS, NS, BS, M, L | `json` | BYTE_ARRAY STRING holding plain JSON (sets and lists as arrays, maps as objects with sorted keys, numbers as exact JSON numbers, binaries as base64 strings) |
/// | NULL | null in the attribute's column (or `null` in `_extra` while the attribute has no column) | |
///
/// A value that does not fit its column's type exactly — a fraction in an `int64` column, a string in a
/// `decimal` column, a number with more fraction digits than the scale — goes to `_extra` in DynamoDB JSON;
/// a column's type never changes and no digit is rounded away. `double` columns exist only when the
/// mapping asks for them (`columnTypes`); N values are then rounded to the nearest double, by request.
public enum LakeColumnType: Sendable, Hashable, CustomStringConvertible {
    case string
    case int64
    case double
    case boolean
    case binary
    /// Plain JSON text (a Parquet STRING).
    case json
    /// INT64 TIMESTAMP(MICROS, isAdjustedToUTC).
    case timestamp
    /// DECIMAL(38, scale).
    case decimal(scale: Int)

    public var description: String {
        switch self {
        case .string: "string"
        case .int64: "int64"
        case .double: "double"
        case .boolean: "boolean"
        case .binary: "binary"
        case .json: "json"
        case .timestamp: "timestamp"
        case .decimal(let s): "decimal(38,\(s))"
        }
    }

    /// Parses ``description``.
    public init?(name: String) {
        switch name {
        case "string": self = .string
        case "int64": self = .int64
        case "double": self = .double
        case "boolean": self = .boolean
        case "binary": self = .binary
        case "json": self = .json
        case "timestamp": self = .timestamp
        default:
            guard name.hasPrefix("decimal(38,"), name.hasSuffix(")"),
                let s = Int(name.dropFirst("decimal(38,".count).dropLast()), (0...38).contains(s)
            else { return nil }
            self = .decimal(scale: s)
        }
    }

    /// The Parquet column type.
    public var parquetType: ColumnType {
        switch self {
        case .string, .json: .string
        case .int64: .int64
        case .double: .double
        case .boolean: .boolean
        case .binary: .binary
        case .timestamp: .timestampMicrosUTC
        case .decimal(let s): .decimal(precision: 38, scale: s)
        }
    }

    /// The Athena/Trino (Hive DDL) type.
    public var hiveType: String {
        switch self {
        case .string, .json: "string"
        case .int64: "bigint"
        case .double: "double"
        case .boolean: "boolean"
        case .binary: "binary"
        case .timestamp: "timestamp"
        case .decimal(let s): "decimal(38,\(s))"
        }
    }
}

/// The columns of a dataset (`<lake>/<dataset>/_schema.json`).
///
/// ```json
/// {
///   "format": 1,
///   "dataset": "tasks",
///   "keys": ["PK", "SK"],
///   "columns": [
///     {"name": "_op", "type": "string"},
///     {"name": "_seq", "type": "decimal(38,0)"},
///     {"name": "_ts", "type": "timestamp"},
///     {"name": "_shard", "type": "string"},
///     {"name": "PK", "type": "string", "firstSeenSeq": "100"},
///     …,
///     {"name": "_extra", "type": "json"}
///   ]
/// }
/// ```
///
/// Columns are in file order: the CDC columns, the key attributes, the other attributes in the order first
/// seen (each with the sequence number of the record that introduced it), `_extra` last. Columns are only
/// ever appended: files written before an attribute appeared simply lack its column.
public struct DatasetSchema: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: LakeColumnType
        /// The sequence number of the record that introduced the attribute (nil for CDC columns).
        public var firstSeenSeq: String?

        public init(name: String, type: LakeColumnType, firstSeenSeq: String? = nil) {
            self.name = name
            self.type = type
            self.firstSeenSeq = firstSeenSeq
        }
    }

    public var dataset: String
    /// Key attributes (for current-state views).
    public var keys: [String]
    public var columns: [Column]
    /// The stored object's version when read (S3's ETag), for the conditional save.
    var storedVersion: String?

    /// The CDC columns every file starts with.
    public static let cdcColumns: [Column] = [
        Column(name: "_op", type: .string),
        Column(name: "_seq", type: .decimal(scale: 0)),
        Column(name: "_ts", type: .timestamp),
        Column(name: "_shard", type: .string),
    ]
    /// The JSON column of attributes that have no column or whose value does not fit it.
    public static let extraColumn = Column(name: "_extra", type: .json)
    /// Names an attribute can never take as a column (compared case-insensitively): the CDC columns,
    /// `_extra` and the partition column `dt`.
    public static let reservedNames: Set<String> = ["_op", "_seq", "_ts", "_shard", "_extra", "dt"]

    /// A schema with only the CDC columns and `_extra`.
    public init(dataset: String, keys: [String]) {
        self.dataset = dataset
        self.keys = keys
        self.columns = Self.cdcColumns + [Self.extraColumn]
    }

    public init(dataset: String, keys: [String], columns: [Column]) {
        self.dataset = dataset
        self.keys = keys
        self.columns = columns
    }

    /// The column named `name`.
    public func column(_ name: String) -> Column? { columns.first { $0.name == name } }

    /// The attribute columns (neither CDC nor `_extra`).
    public var attributeColumns: [Column] {
        columns.filter { !Self.reservedNames.contains($0.name) }
    }

    /// Appends an attribute column before `_extra`.
    mutating func append(_ column: Column) {
        let at = columns.lastIndex { $0.name == Self.extraColumn.name } ?? columns.endIndex
        columns.insert(column, at: at)
    }

    /// Whether an attribute name may become a column: not reserved, no control characters, at most
    /// 255 bytes, and not equal ignoring case to an existing column (engines such as DuckDB and Athena
    /// compare column names without case).
    func acceptsNewColumn(_ name: String, lowercased existing: Set<String>) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 255 else { return false }
        let lower = name.lowercased()
        guard !Self.reservedNames.contains(lower), !existing.contains(lower) else { return false }
        return !name.utf8.contains { $0 < 0x20 || $0 == 0x7F }
    }

    var json: JSONValue {
        [
            "format": 1,
            "dataset": .string(dataset),
            "keys": .array(keys.map(JSONValue.string)),
            "columns": .array(columns.map { c in
                var members: JSONObject = ["name": .string(c.name), "type": .string(c.type.description)]
                if let s = c.firstSeenSeq { members.append(key: "firstSeenSeq", value: .string(s)) }
                return .object(members)
            }),
        ]
    }

    init(json: JSONValue) throws {
        guard json["format"]?.intValue == 1 else { throw LakeError.corrupt("_schema.json: unknown format") }
        guard let dataset = json["dataset"]?.stringValue, let keys = json["keys"]?.arrayValue,
            let columns = json["columns"]?.arrayValue
        else { throw LakeError.corrupt("_schema.json: dataset, keys and columns are required") }
        self.dataset = dataset
        self.keys = try keys.map {
            guard let k = $0.stringValue else { throw LakeError.corrupt("_schema.json: a key is not a string") }
            return k
        }
        self.columns = try columns.map {
            guard let name = $0["name"]?.stringValue, let typeName = $0["type"]?.stringValue,
                let type = LakeColumnType(name: typeName)
            else { throw LakeError.corrupt("_schema.json: a column lacks a name or a known type") }
            return Column(name: name, type: type, firstSeenSeq: $0["firstSeenSeq"]?.stringValue)
        }
    }

    static func key(_ dataset: String) -> String { dataset + "/_schema.json" }

    /// Reads a dataset's schema; nil when the dataset has none yet.
    static func load(_ storage: any LakeStorage, _ dataset: String) throws -> DatasetSchema? {
        let key = Self.key(dataset)
        guard let object = try storage.read(key) else { return nil }
        var schema = try DatasetSchema(json: LakeFileJSON.parse(object.bytes, file: storage.url(key)))
        schema.storedVersion = object.version
        return schema
    }

    /// Writes the schema; on S3 only if nobody changed it since it was read (else `LakeError.conflict`).
    mutating func save(_ storage: any LakeStorage) throws {
        let condition: WriteCondition = storedVersion.map { .version($0) } ?? .absent
        storedVersion = try storage.write(Self.key(dataset), json.serialized(formatting: [.prettyPrinted]), condition: condition)
    }
}

/// A live data file of a dataset, as listed in the manifest.
public struct LakeFile: Sendable, Hashable {
    /// Path relative to the dataset folder: `dt=YYYY-MM-DD/part-….parquet`.
    public var path: String
    /// The partition value.
    public var dt: String
    public var rows: Int
    public var bytes: Int
    /// Lowest and highest `_seq` in the file.
    public var minSeq: Int128
    public var maxSeq: Int128

    public init(path: String, dt: String, rows: Int, bytes: Int, minSeq: Int128, maxSeq: Int128) {
        self.path = path
        self.dt = dt
        self.rows = rows
        self.bytes = bytes
        self.minSeq = minSeq
        self.maxSeq = maxSeq
    }

    /// Partition columns and values (`["dt": "2024-05-01"]`).
    public var partition: [String: String] { ["dt": dt] }

    var json: JSONValue {
        [
            "path": .string(path), "dt": .string(dt), "rows": .number(JSONNumber(rows)),
            "bytes": .number(JSONNumber(bytes)), "minSeq": .string(String(minSeq)), "maxSeq": .string(String(maxSeq)),
        ]
    }

    init(json: JSONValue) throws {
        guard let path = json["path"]?.stringValue, let dt = json["dt"]?.stringValue,
            let rows = json["rows"]?.intValue, let bytes = json["bytes"]?.intValue,
            let minSeq = json["minSeq"]?.stringValue.flatMap(LakeLayout.sequenceNumber),
            let maxSeq = json["maxSeq"]?.stringValue.flatMap(LakeLayout.sequenceNumber)
        else { throw LakeError.corrupt("_manifest.json: a file entry lacks path, dt, rows, bytes, minSeq or maxSeq") }
        // A manifest names files only inside its own partition folders.
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard LakeLayout.isPartitionValue(dt), parts.count == 2, parts[0] == "dt=" + dt,
            parts[1].hasPrefix("part-"), parts[1].hasSuffix(".parquet"), !parts[1].contains("..")
        else { throw LakeError.corrupt("_manifest.json: file path '\(path)' is not dt=YYYY-MM-DD/part-….parquet") }
        self.init(path: path, dt: dt, rows: rows, bytes: bytes, minSeq: minSeq, maxSeq: maxSeq)
    }
}

/// The list of live files of a dataset (`<lake>/<dataset>/_manifest.json`): the commit point.
///
/// ```json
/// {
///   "format": 1,
///   "dataset": "tasks",
///   "generation": 12,
///   "files": [
///     {"path": "dt=2024-05-01/part-100-180.parquet", "dt": "2024-05-01", "rows": 42, "bytes": 5120,
///      "minSeq": "100", "maxSeq": "180"}
///   ]
/// }
/// ```
///
/// Every change (ETL batch, compaction) writes a whole new manifest with `generation + 1` atomically (on
/// disk under a temporary name, fsynced and renamed over the old one; on S3 one conditional PUT), so a
/// reader sees either the old or the new list.
/// Files are added only after they are durable, and removed from disk only after a manifest without them
/// is durable.
struct Manifest: Sendable, Hashable {
    var dataset: String
    var generation: Int
    var files: [LakeFile]
    /// The stored object's version when read (S3's ETag), for the conditional commit.
    var storedVersion: String? = nil

    static func key(_ dataset: String) -> String { dataset + "/_manifest.json" }

    static func load(_ storage: any LakeStorage, _ dataset: String) throws -> Manifest {
        let key = Self.key(dataset)
        guard let object = try storage.read(key) else { return Manifest(dataset: dataset, generation: 0, files: []) }
        let json = try LakeFileJSON.parse(object.bytes, file: storage.url(key))
        guard json["format"]?.intValue == 1, let generation = json["generation"]?.intValue,
            let files = json["files"]?.arrayValue
        else { throw LakeError.corrupt("\(storage.url(key)): format, generation and files are required") }
        return Manifest(
            dataset: dataset, generation: generation, files: try files.map(LakeFile.init(json:)), storedVersion: object.version)
    }

    /// Writes the manifest as `generation + 1`, atomically: on disk under the dataset's lock; on S3 only
    /// if the manifest is still the one read (`If-Match`, or `If-None-Match: *` for the first), else
    /// `LakeError.conflict` and nothing changes.
    mutating func commit(_ storage: any LakeStorage) throws {
        let json: JSONValue = [
            "format": 1, "dataset": .string(dataset), "generation": .number(JSONNumber(generation + 1)),
            "files": .array(files.map(\.json)),
        ]
        let condition: WriteCondition = storedVersion.map { .version($0) } ?? (generation == 0 ? .absent : .always)
        storedVersion = try storage.write(Self.key(dataset), json.serialized(formatting: [.prettyPrinted]), condition: condition)
        generation += 1
    }
}

/// The lake's own files (`_schema.json`, `_manifest.json`) are SluiceJSON documents; a file that does not
/// parse is `LakeError.corrupt`.
enum LakeFileJSON {
    static func parse(_ bytes: [UInt8], file: String) throws -> JSONValue {
        do { return try JSONValue(parsing: bytes) } catch { throw LakeError.corrupt("\(file): \(error)") }
    }
}
