/// IMF-fixdate (`Sun, 29 Nov 2026 01:02:03 GMT`) for `Retry-After` in its date form.
enum HTTPDate {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(epoch: Int) -> String {
        let days = FakeTimestamp.floorDiv(epoch, 86_400)
        let secs = epoch - days * 86_400
        let (y, m, d) = FakeTimestamp.civil(fromDays: days)
        let weekday = weekdays[((days % 7) + 7) % 7]
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(weekday), \(two(d)) \(months[m - 1]) \(y) \(two(secs / 3600)):\(two(secs % 3600 / 60)):\(two(secs % 60)) GMT"
    }
}
