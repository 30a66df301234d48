import Foundation

/// `--from DATE --to DATE`: calendar dates (`YYYY-MM-DD`) in the configured time zone, **both
/// inclusive**: `--from 2025-01-01 --to 2025-12-31` is all of 2025, from its first local
/// midnight to the first of 2026, as someone who writes those dates means.
///
/// Parsed without a time zone (a date is a date); ``range(in:)`` turns it into instants once
/// the configuration's `TZ` is known.
public struct BackfillDates: Sendable, Equatable {
    /// Days since 1970-01-01 (ClickHouse `Date` numbers) of the first and the last date.
    public var first: UInt16
    public var last: UInt16

    /// Throws ``BackfillDatesError`` naming the flag and the value when a date is not one, or
    /// when `from` comes after `to`.
    public init(from: String, to: String) throws(BackfillDatesError) {
        first = try Self.day(from, flag: "--from")
        last = try Self.day(to, flag: "--to")
        guard first <= last else { throw .fromAfterTo(from: from, to: to) }
    }

    /// `[first's local midnight, the local midnight after last)`.
    public func range(in calendar: SalesCalendar) -> Range<Date> {
        calendar.start(ofDay: first)..<calendar.start(ofDay: last &+ 1)
    }

    /// The day number of a strict `YYYY-MM-DD` (a real date of the Gregorian calendar, from
    /// 1970 on: the warehouse's `Date` range).
    static func day(_ text: String, flag: String) throws(BackfillDatesError) -> UInt16 {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw .notADate(flag: flag, value: text) }
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = Calendar.utc.date(from: components),
              Calendar.utc.dateComponents([.year, .month, .day], from: date) == components
        else { throw .notADate(flag: flag, value: text) }
        let days = Int(date.timeIntervalSince1970) / 86_400
        guard (0...Int(UInt16.max - 1)).contains(days), year >= 1970 else { throw .outOfRange(flag: flag, value: text) }
        return UInt16(days)
    }
}

/// Why `--from`/`--to` were refused: one line an operator can act on.
public enum BackfillDatesError: Error, Sendable, Equatable, CustomStringConvertible {
    case notADate(flag: String, value: String)
    case outOfRange(flag: String, value: String)
    case fromAfterTo(from: String, to: String)

    public var description: String {
        switch self {
        case let .notADate(flag, value): "\(flag) '\(value)' is not a date: expected YYYY-MM-DD, e.g. 2025-01-31"
        case let .outOfRange(flag, value): "\(flag) \(value) is outside the dates the warehouse holds (1970-01-01 to 2149-06-05)"
        case let .fromAfterTo(from, to): "--from \(from) is after --to \(to) (both dates are inclusive)"
        }
    }
}
