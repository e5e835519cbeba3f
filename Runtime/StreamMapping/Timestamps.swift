import SluiceTime

/// ISO-8601 UTC timestamps as Lambda writes them in invocation records.
enum Timestamps {
    /// `2019-11-14T00:13:49.717Z` (`fractional`) or `2019-11-14T00:13:19Z`.
    static func iso8601(_ epochSeconds: Double, fractional: Bool) -> String {
        UTCCalendar.timestamp(epochMilliseconds: Int64((epochSeconds * 1000).rounded(.down)), milliseconds: fractional)
    }
}
