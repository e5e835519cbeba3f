#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The engine's source of wall-clock time (epoch seconds): TTL, stream retention, iterator expiry
/// and record timestamps. Inject a ``ManualClock`` in tests.
public protocol EngineClock: Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    func now() -> Double
}

/// The system's real-time clock.
public struct SystemClock: EngineClock {
    public init() {}
    public func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// A clock that moves only when told to.
public final class ManualClock: EngineClock {
    private let current: Mutex<Double>
    public init(_ start: Double = 1_700_000_000) { current = Mutex(start) }
    public func now() -> Double { current.withLock { $0 } }
    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: Double) { current.withLock { $0 += seconds } }
    /// Sets the clock.
    public func set(_ seconds: Double) { current.withLock { $0 = seconds } }
}
