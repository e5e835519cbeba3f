/// A compiled SQL LIKE pattern: `%` matches any run of characters, `_` exactly one (no escape character).
struct LikePattern: Sendable {
    private enum Piece: Equatable { case byte(UInt8), one, any }
    private let pieces: [Piece]

    init(_ pattern: String, caseInsensitive: Bool) {
        let text = caseInsensitive ? pattern.lowercased() : pattern
        pieces = text.utf8.map { $0 == UInt8(ascii: "%") ? .any : $0 == UInt8(ascii: "_") ? .one : .byte($0) }
    }

    /// Whether `s` matches (greedy `%` with one backtrack point, linear in practice).
    func matches(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            var p = 0, i = 0
            var starP = -1, starI = 0
            let n = bytes.count
            while i < n {
                if p < pieces.count {
                    switch pieces[p] {
                    case .byte(let b) where b == bytes[i]:
                        p += 1; i += 1; continue
                    case .one:
                        i += 1
                        while i < n, bytes[i] & 0xC0 == 0x80 { i += 1 }   // one whole UTF-8 character
                        p += 1
                        continue
                    case .any:
                        starP = p; starI = i; p += 1
                        continue
                    default: break
                    }
                }
                guard starP >= 0 else { return false }
                p = starP + 1
                starI += 1
                while starI < n, bytes[starI] & 0xC0 == 0x80 { starI += 1 }
                i = starI
            }
            while p < pieces.count, pieces[p] == .any { p += 1 }
            return p == pieces.count
        }
    }
}
