/// ISO-8601 UTC timestamps as Lambda writes them in invocation records.
enum Timestamps {
    /// `2019-11-14T00:13:49.717Z` (`fractional`) or `2019-11-14T00:13:19Z`.
    static func iso8601(_ epochSeconds: Double, fractional: Bool) -> String {
        let millis = Int64((epochSeconds * 1000).rounded(.down))
        let days = Int64((Double(millis) / 86_400_000).rounded(.down))
        let msOfDay = millis - days * 86_400_000
        // civil-from-days (Howard Hinnant)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        let time = "\(pad(msOfDay / 3_600_000, 2)):\(pad(msOfDay / 60_000 % 60, 2)):\(pad(msOfDay / 1000 % 60, 2))"
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(time)" + (fractional ? ".\(pad(msOfDay % 1000, 3))Z" : "Z")
    }
}
