import Foundation

/// Dates as the business counts them: the calendar day of an instant in the configured
/// time zone (default Europe/Moscow), as ClickHouse `Date` day numbers.
///
/// QTickets sends `+03:00` timestamps today, but the instant is what we keep; the day is derived
/// here, once. A payment at 23:30 UTC is the next day in Moscow: the bug this type exists for.
public struct SalesCalendar: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// Days since 1970-01-01 of the local date of `date`.
    public func day(of date: Date) -> UInt16 {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return UInt16(clamping: days)
    }

    /// The instant the local day `day` starts.
    public func start(ofDay day: UInt16) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: TimeInterval(Int(day) * 86_400))
        let components = Calendar.utc.dateComponents([.year, .month, .day], from: utcMidnight)
        return calendar.date(from: components) ?? utcMidnight
    }

    /// `yyyy-MM-dd` of a day number (for logs, SQL literals and the ground-truth comparison).
    public static func isoDate(_ day: UInt16) -> String {
        let components = Calendar.utc.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(Int(day) * 86_400)))
        return String(format: "%04d-%02d-%02d", components.year ?? 1970, components.month ?? 1, components.day ?? 1)
    }

    /// `YYYYMM` partition id of a day number.
    public static func month(_ day: UInt16) -> Int {
        let components = Calendar.utc.dateComponents([.year, .month], from: Date(timeIntervalSince1970: TimeInterval(Int(day) * 86_400)))
        return (components.year ?? 1970) * 100 + (components.month ?? 1)
    }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()
}
