import Testing

@testable import SluiceCrypto

/// The shortcuts for values and paths that are already canonical give what the general rules give.
@Suite struct SigV4CanonicalFormTests {
    static func generalTrimmed(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func generalPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { SigV4.encode(SigV4.decodePercent($0)) }.joined(separator: "/")
    }

    @Test func trimmedValues() {
        let values = [
            "", " ", "  ", "a", " a", "a ", "a  b", "a b", "application/x-amz-json-1.0", "DynamoDB_20120810.Query",
            "a\tb", " \u{301}a", "a \u{301}b", "a  \u{301}", "x y z ", "é b", "AWS4-HMAC-SHA256 Credential=a/b, Signature=c",
        ]
        for value in values { #expect(SigV4.trimmed(value) == Self.generalTrimmed(value), "\(value)") }
    }

    @Test func canonicalPaths() {
        let paths = ["/", "//", "/a/b", "/a b", "/a%20b", "/a+b", "/~user/x.y_z-1", "/%2F", "/é", "/a//b/", "a"]
        for path in paths { #expect(SigV4.canonicalPath(path) == Self.generalPath(path), "\(path)") }
    }
}
