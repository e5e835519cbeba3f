/// Where a function's code comes from.
public enum CodeLocation: Sendable, Hashable {
    /// `CodeUri: path/or/s3-uri` (a local directory or artifact before packaging, `s3://…` after).
    case path(String)
    /// `CodeUri: {Bucket, Key, Version}`.
    case s3(bucket: String, key: String, version: String?)
    /// `InlineCode`.
    case inline(String)
    /// `ImageUri` (with `PackageType: Image`).
    case image(String)
}
