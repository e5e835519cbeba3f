#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where timestamps and ids come from; tests inject fixed ones.
public struct DomainEnvironment: Sendable {
    /// The current time as an ISO 8601 UTC timestamp with milliseconds (`2026-01-02T03:04:05.678Z`).
    public var now: @Sendable () -> String
    /// A fresh, unguessable identifier (a lowercase UUID v4 by default).
    public var newID: @Sendable () -> String

    public init(now: @escaping @Sendable () -> String = SystemClock.timestamp, newID: @escaping @Sendable () -> String = RandomID.uuid) {
        self.now = now
        self.newID = newID
    }
}

/// Wall-clock time through the C library (no Foundation).
public enum SystemClock {
    /// The current UTC time as `YYYY-MM-DDThh:mm:ss.mmmZ`.
    @Sendable public static func timestamp() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = time_t(spec.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int(spec.tv_nsec) / 1_000_000
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-" + pad(Int(parts.tm_mday), 2)
            + "T" + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2)
            + "." + pad(millis, 3) + "Z"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// Random identifiers from the system's CSPRNG.
public enum RandomID {
    /// A random (version 4) UUID in lowercase hex with dashes.
    @Sendable public static func uuid() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = Array("0123456789abcdef")
        var out = ""
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append("-") }
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return out
    }
}
