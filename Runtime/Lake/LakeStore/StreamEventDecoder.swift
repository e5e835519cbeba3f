import DynamoModel

/// Decodes a Lambda DynamoDB stream event (`{"Records":[…]}`) straight from its JSON bytes into
/// ``StreamRecord``s, without Foundation's `JSONDecoder` (which spends most of the ETL's time in `Codable`
/// machinery). Accepts what the `Codable` path accepts — the same field names, unknown fields ignored,
/// `null` for optional fields — and rejects what it rejects (missing required fields, an attribute value
/// with zero or several types, bad base64).
public enum StreamEventDecoder {
    /// The records of an event.
    public static func records(from bytes: [UInt8]) throws -> [StreamRecord] {
        try bytes.withUnsafeBufferPointer { buffer in
            var s = Scanner(b: buffer)
            s.space()
            var records: [StreamRecord] = []
            var found = false
            try s.object { s, key in
                if key == "Records" {
                    found = true
                    if s.null() { return }
                    try s.array { s in records.append(try record(&s)) }
                } else {
                    try s.skip()
                }
            }
            s.space()
            guard s.i == buffer.count else { throw s.fail("trailing characters") }
            guard found else { throw LakeError.malformedRecord("the event has no Records") }
            return records
        }
    }

    private static func record(_ s: inout Scanner) throws -> StreamRecord {
        var eventID: String?, eventName: StreamRecord.EventName?, eventVersion: String?, eventSource: String?
        var awsRegion: String?, data: StreamRecordData?, arn: String?, identity: StreamRecord.Identity?
        try s.object { s, key in
            switch key {
            case "eventID": eventID = try s.string()
            case "eventName":
                let name = try s.string()
                guard let e = StreamRecord.EventName(rawValue: name) else { throw s.fail("unknown eventName '\(name)'") }
                eventName = e
            case "eventVersion": eventVersion = try s.string()
            case "eventSource": eventSource = try s.string()
            case "awsRegion": awsRegion = try s.string()
            case "eventSourceARN": arn = s.null() ? nil : try s.string()
            case "userIdentity":
                if s.null() { return }
                var type: String?, principal: String?
                try s.object { s, key in
                    switch key {
                    case "type": type = try s.string()
                    case "principalId": principal = try s.string()
                    default: try s.skip()
                    }
                }
                guard let type, let principal else { throw s.fail("userIdentity needs type and principalId") }
                identity = .init(type: type, principalId: principal)
            case "dynamodb": data = try recordData(&s)
            default: try s.skip()
            }
        }
        guard let eventID, let eventName, let eventVersion, let eventSource, let awsRegion, let data else {
            throw s.fail("a record lacks eventID, eventName, eventVersion, eventSource, awsRegion or dynamodb")
        }
        return StreamRecord(
            eventID: eventID, eventName: eventName, eventVersion: eventVersion, eventSource: eventSource,
            awsRegion: awsRegion, dynamodb: data, eventSourceARN: arn, userIdentity: identity)
    }

    private static func recordData(_ s: inout Scanner) throws -> StreamRecordData {
        var time: Double?, keys: Item?, newImage: Item?, oldImage: Item?, seq: String?, size: Int?, view: String?
        try s.object { s, key in
            switch key {
            case "ApproximateCreationDateTime": time = s.null() ? nil : try s.double()
            case "Keys": keys = try item(&s)
            case "NewImage": newImage = s.null() ? nil : try item(&s)
            case "OldImage": oldImage = s.null() ? nil : try item(&s)
            case "SequenceNumber": seq = try s.string()
            case "SizeBytes":
                let d = try s.double()
                guard d == d.rounded(), abs(d) < 9e15 else { throw s.fail("SizeBytes is not an integer") }
                size = Int(d)
            case "StreamViewType": view = s.null() ? nil : try s.string()
            default: try s.skip()
            }
        }
        guard let keys, let seq, let size else { throw s.fail("dynamodb lacks Keys, SequenceNumber or SizeBytes") }
        return StreamRecordData(
            approximateCreationDateTime: time, keys: keys, newImage: newImage, oldImage: oldImage, sequenceNumber: seq,
            sizeBytes: size, streamViewType: view)
    }

    private static func item(_ s: inout Scanner) throws -> Item {
        var out: Item = [:]
        try s.object { s, key in out[key] = try value(&s) }
        return out
    }

    private static func value(_ s: inout Scanner) throws -> AttributeValue {
        var result: AttributeValue?
        var count = 0
        try s.object { s, key in
            count += 1
            switch key {
            case "S": result = .s(try s.string())
            case "N": result = .n(try s.string())
            case "B": result = .b(try bytes(&s))
            case "BOOL": result = .bool(try s.bool())
            case "NULL":
                guard try s.bool() else { throw s.fail("Null attribute value types must have the value of true") }
                result = .null
            case "M": result = .m(try item(&s))
            case "L":
                var list: [AttributeValue] = []
                try s.array { s in list.append(try value(&s)) }
                result = .l(list)
            case "SS", "NS":
                var list: [String] = []
                try s.array { s in list.append(try s.string()) }
                result = key == "SS" ? .ss(list) : .ns(list)
            case "BS":
                var list: [[UInt8]] = []
                try s.array { s in list.append(try bytes(&s)) }
                result = .bs(list)
            default: throw s.fail("Unknown attribute value type '\(key)'")
            }
        }
        guard count == 1, let result else { throw s.fail("an attribute value must contain exactly one of the supported datatypes") }
        return result
    }

    private static func bytes(_ s: inout Scanner) throws -> [UInt8] {
        guard let b = Base64.decode(try s.string()) else { throw s.fail("Invalid base64 in binary attribute value") }
        return b
    }
}

/// A JSON scanner over UTF-8 bytes.
private struct Scanner {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    func fail(_ what: String) -> LakeError { .malformedRecord("event JSON: \(what) (at byte \(i))") }

    mutating func space() {
        while i < b.count {
            let c = b[i]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            i += 1
        }
    }

    mutating func expect(_ c: UInt8) throws {
        space()
        guard i < b.count, b[i] == c else { throw fail("expected '\(Character(Unicode.Scalar(c)))'") }
        i += 1
    }

    /// Consumes `null` when it comes next.
    mutating func null() -> Bool {
        space()
        if i + 4 <= b.count, b[i] == UInt8(ascii: "n"), b[i + 1] == UInt8(ascii: "u"), b[i + 2] == UInt8(ascii: "l"),
            b[i + 3] == UInt8(ascii: "l")
        {
            i += 4
            return true
        }
        return false
    }

    mutating func object(_ member: (inout Scanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        space()
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1
            return
        }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            space()
            guard i < b.count else { throw fail("unterminated object") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "}") {
                i += 1
                return
            }
            throw fail("expected ',' or '}'")
        }
    }

    mutating func array(_ element: (inout Scanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        space()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1
            return
        }
        while true {
            try element(&self)
            space()
            guard i < b.count else { throw fail("unterminated array") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "]") {
                i += 1
                return
            }
            throw fail("expected ',' or ']'")
        }
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if c < 0x20 { throw fail("control character in a string") }
            i += 1
        }
        throw fail("unterminated string")
    }

    private mutating func escapedString(from start: Int) throws -> String {
        var out = Array(UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let c = b[i]
            i += 1
            if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if c < 0x20 { throw fail("control character in a string") }
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                continue
            }
            guard i < b.count else { break }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard i + 6 <= b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate")
                    }
                    i += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw fail("unpaired surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: throw fail("invalid escape")
            }
        }
        throw fail("unterminated string")
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= b.count else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("bad \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    mutating func bool() throws -> Bool {
        space()
        if i + 4 <= b.count, b[i] == UInt8(ascii: "t"), b[i + 1] == UInt8(ascii: "r"), b[i + 2] == UInt8(ascii: "u"),
            b[i + 3] == UInt8(ascii: "e")
        {
            i += 4
            return true
        }
        if i + 5 <= b.count, b[i] == UInt8(ascii: "f"), b[i + 1] == UInt8(ascii: "a"), b[i + 2] == UInt8(ascii: "l"),
            b[i + 3] == UInt8(ascii: "s"), b[i + 4] == UInt8(ascii: "e")
        {
            i += 5
            return false
        }
        throw fail("expected true or false")
    }

    mutating func double() throws -> Double {
        space()
        let start = i
        // Integer fast path.
        var v: Int64 = 0
        var digits = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        while i < b.count, b[i] >= 0x30 && b[i] <= 0x39, digits < 15 {
            v = v * 10 + Int64(b[i] - 0x30)
            digits += 1
            i += 1
        }
        if digits > 0, i >= b.count || !Self.numberByte(b[i]) { return Double(negative ? -v : v) }
        i = start
        while i < b.count, Self.numberByte(b[i]) { i += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw fail("bad number '\(text)'") }
        return d
    }

    private static func numberByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
            || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
    }

    /// Skips any JSON value.
    mutating func skip(depth: Int = 0) throws {
        guard depth < 128 else { throw fail("nesting too deep") }
        space()
        guard i < b.count else { throw fail("unexpected end") }
        switch b[i] {
        case UInt8(ascii: "{"): try object { s, _ in try s.skip(depth: depth + 1) }
        case UInt8(ascii: "["): try array { s in try s.skip(depth: depth + 1) }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): guard null() else { throw fail("bad literal") }
        default: _ = try double()
        }
    }
}
