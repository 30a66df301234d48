import ClientSupport
import Foundation

/// Reads a `Retry-After` header: delay-seconds (`120`) or an HTTP-date
/// (`Sun, 06 Nov 1994 08:49:37 GMT`, plus the two obsolete forms RFC 9110 still requires).
enum RetryAfter {
    /// The wait it asks for, relative to `now`; `nil` when absent or unreadable. Negative waits
    /// (a date in the past) become zero. Capped at `limit` so a silly header cannot stall a run.
    static func parse(_ value: String?, now: Date = Date(), limit: Duration = .seconds(3600)) -> Duration? {
        guard let raw = value?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        // Clamped as a Double first: `Duration.seconds(1e300)` traps (a hostile header would
        // crash the process).
        let cap = limit.inSeconds
        if let seconds = Double(raw), seconds.isFinite {
            return .seconds(min(max(0, seconds), cap))
        }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: raw) {
                return .seconds(min(max(0, date.timeIntervalSince(now)), cap))
            }
        }
        return nil
    }
}
