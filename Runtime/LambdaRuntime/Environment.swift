#if canImport(Glibc)
import Glibc
#endif

/// Reads the process environment without Foundation.
public enum Environment {
    /// The value of `name`, or nil when it is not set.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// `_X_AMZN_TRACE_ID`, which the runtime sets for every invocation.
///
/// `setenv` searches the whole environment and copies the value each time, a tenth of a no-op
/// invocation's instructions. Here the variable is one buffer handed to `putenv` once and then
/// rewritten in place; a longer value gets a larger buffer (the old one is leaked on purpose: a `getenv`
/// result may still point into it).
final class TraceIDVariable {
    private static let prefix = Array("_X_AMZN_TRACE_ID=".utf8)
    private var buffer: UnsafeMutablePointer<UInt8>?
    private var capacity = 0

    /// Sets the variable to `value`, or removes it for nil.
    func set(_ value: String?) {
        guard let value else {
            unsetenv("_X_AMZN_TRACE_ID")
            buffer = nil
            capacity = 0
            return
        }
        let needed = Self.prefix.count + value.utf8.count + 1
        // A handler may have set or removed the variable itself; then the buffer is no longer the environment's.
        let installed = buffer.map { getenv("_X_AMZN_TRACE_ID") == UnsafeMutableRawPointer($0 + Self.prefix.count).assumingMemoryBound(to: CChar.self) } ?? false
        if !installed || needed > capacity {
            capacity = max(256, needed)
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            fresh.initialize(from: Self.prefix, count: Self.prefix.count)
            write(value, into: fresh)
            buffer = fresh
            putenv(UnsafeMutableRawPointer(fresh).assumingMemoryBound(to: CChar.self))
        } else if let buffer {
            write(value, into: buffer)
        }
    }

    private func write(_ value: String, into buffer: UnsafeMutablePointer<UInt8>) {
        var value = value
        value.withUTF8 { bytes in
            (buffer + Self.prefix.count).update(from: bytes.baseAddress!, count: bytes.count)
            buffer[Self.prefix.count + bytes.count] = 0
        }
    }
}
