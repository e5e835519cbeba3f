import SluiceTime
/// The lake's layout (a folder, or the same keys under an S3 prefix):
///
/// ```
/// <lake>/<dataset>/_schema.json                          columns (name → type, first seen) and key columns
/// <lake>/<dataset>/_manifest.json                        live files: the commit point
/// <lake>/<dataset>/_lock                                 flock(2) serialising writers of the dataset (folders only)
/// <lake>/<dataset>/dt=YYYY-MM-DD/part-<firstSeq>-<lastSeq>.parquet          written by the ETL
/// <lake>/<dataset>/dt=YYYY-MM-DD/part-<firstSeq>-<lastSeq>-c<gen>.parquet   written by compaction
/// <lake>/<dataset>_current/current.parquet               snapshot: newest image per key
/// ```
///
/// `dt` is the UTC date of the change's **event time** (the stream record's `ApproximateCreationDateTime`,
/// when the table applied the change), not of its arrival in the lake: a record delivered late or retried
/// lands in the partition of the day it happened. (Firehose partitions by arrival time instead.)
///
/// Every path component that can come from data is sanitised (``sanitize(_:)``), and partition values
/// are produced only by ``date(epochSeconds:)``: nothing in an item or event can name a path outside the lake.
public enum LakeLayout {
    /// Longest dataset folder name.
    public static let maxNameLength = 64
    /// Suffix of snapshot folders (`<dataset>_current`); dataset names never end with it.
    public static let currentSuffix = "_current"

    /// A dataset name safe as one folder name and as an Athena table name: lower-case ASCII letters, digits,
    /// `_` and `-`; other bytes become `_`; it starts with a letter or digit (`d` is prefixed otherwise);
    /// names longer than 64 bytes are cut and get a hash suffix so distinct long names stay distinct;
    /// empty names become `unnamed`; a name ending in `_current` gets a trailing `_`.
    public static func sanitize(_ name: String) -> String {
        var bytes: [UInt8] = []
        for b in name.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"),
                UInt8(ascii: "-"):
                bytes.append(b)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b + 32)
            default: bytes.append(UInt8(ascii: "_"))
            }
        }
        if bytes.isEmpty { return "unnamed" }
        if bytes[0] == UInt8(ascii: "_") || bytes[0] == UInt8(ascii: "-") { bytes.insert(UInt8(ascii: "d"), at: 0) }
        if bytes.count > maxNameLength {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in name.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
            let hex = String(hash, radix: 16)
            bytes = Array(bytes.prefix(maxNameLength - 1 - hex.count)) + [UInt8(ascii: "-")] + Array(hex.utf8)
        }
        var out = String(decoding: bytes, as: UTF8.self)
        if out.hasSuffix(currentSuffix) { out += "_" }
        return out
    }

    /// Whether `name` is already a sanitised dataset name.
    public static func isSafeName(_ name: String) -> Bool { sanitize(name) == name }

    /// `YYYY-MM-DD`, the UTC date of an epoch time; nil outside years 1970…9999 or for NaN.
    public static func date(epochSeconds: Double) -> String? {
        guard epochSeconds.isFinite, epochSeconds >= 0, epochSeconds < 253_402_300_800 else { return nil }
        return date(days: Int(epochSeconds / 86_400))
    }

    /// `YYYY-MM-DD` of a day number since 1970-01-01 (proleptic Gregorian calendar).
    public static func date(days: Int) -> String { UTCCalendar.date(days: Int64(days)) }

    /// Whether `value` has the form of a partition value this lake writes (`YYYY-MM-DD`, digits only).
    public static func isPartitionValue(_ value: String) -> Bool {
        let b = Array(value.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        return b.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= 0x30 && c <= 0x39) }
    }

    /// The relative path of a partition folder.
    static func partitionFolder(dt: String) -> String { "dt=" + dt }

    /// The name of a file written by the ETL.
    static func partFileName(first: Int128, last: Int128) -> String { "part-\(first)-\(last).parquet" }

    /// The name of a file written by compaction (generation-tagged so it never clashes with an ETL file).
    static func compactedFileName(first: Int128, last: Int128, generation: Int) -> String {
        "part-\(first)-\(last)-c\(generation).parquet"
    }

    /// Parses a stream sequence number: 1 to 38 decimal digits (DECIMAL(38,0)); nil otherwise.
    public static func sequenceNumber(_ text: String) -> Int128? {
        let b = text.utf8
        guard !b.isEmpty else { return nil }
        var v: Int128 = 0
        var digits = 0
        for c in b {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            if digits > 0 || c != 0x30 { digits += 1 }
            guard digits <= 38 else { return nil }
            v = v * 10 + Int128(c - 0x30)
        }
        return v
    }
}
