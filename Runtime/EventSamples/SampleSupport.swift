import DynamoModel
import SluiceTime

/// Small helpers behind ``SampleEvents``: timestamps, identifiers and DynamoDB item sizes.
enum SampleSupport {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Milliseconds since the epoch as API Gateway's `"12/Mar/2020:19:03:58 +0000"` (always UTC).
    static func apiGatewayTime(epochMillis: Int64) -> String {
        let seconds = epochMillis >= 0 ? epochMillis / 1000 : (epochMillis - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return "\(pad(day))/\(months[month - 1])/\(year):\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):"
            + "\(pad(secondOfDay % 60)) +0000"
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) { UTCCalendar.civil(days: days) }

    private static func pad(_ n: some BinaryInteger) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `count` random bytes as lowercase hex.
    static func randomHex(bytes count: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for _ in 0..<count {
            let b = UInt8.random(in: .min ... .max)
            out += [digits[Int(b >> 4)], digits[Int(b & 0x0F)]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A random version-4 UUID in lowercase, as REST API request ids look.
    static func uuid() -> String {
        let hex = Array(randomHex(bytes: 16).utf8)
        func part(_ r: Range<Int>) -> String { String(decoding: hex[r], as: UTF8.self) }
        let variant = "89ab".utf8.map { $0 }[Int.random(in: 0..<4)]
        return "\(part(0..<8))-\(part(8..<12))-4\(part(13..<16))-\(Character(Unicode.Scalar(variant)))"
            + "\(part(17..<20))-\(part(20..<32))"
    }

    /// An HTTP API style request id: 10 random bytes in base64 (`"JKJaXmPLvHcESHA="`).
    static func httpAPIRequestId() -> String {
        Base64.encode((0..<10).map { _ in UInt8.random(in: .min ... .max) })
    }

    /// DynamoDB's size of an item in bytes: attribute names plus values, by DynamoDB's published rules.
    static func size(of item: Item?) -> Int {
        guard let item else { return 0 }
        return item.reduce(0) { $0 + $1.key.utf8.count + size(of: $1.value) }
    }

    static func size(of value: AttributeValue) -> Int {
        switch value {
        case .s(let s): s.utf8.count
        case .n(let n): numberSize(n)
        case .b(let b): b.count
        case .bool, .null: 1
        case .m(let m): 3 + m.reduce(0) { $0 + 1 + $1.key.utf8.count + size(of: $1.value) }
        case .l(let l): 3 + l.reduce(0) { $0 + 1 + size(of: $1) }
        case .ss(let ss): ss.reduce(0) { $0 + $1.utf8.count }
        case .ns(let ns): ns.reduce(0) { $0 + numberSize($1) }
        case .bs(let bs): bs.reduce(0) { $0 + $1.count }
        }
    }

    /// Roughly one byte per two significant digits, plus one.
    private static func numberSize(_ text: String) -> Int {
        var digits = text.utf8.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        while digits.first == UInt8(ascii: "0") { digits.removeFirst() }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (max(digits.count, 1) + 1) / 2 + 1
    }
}
