import Foundation

/// A backfill cut into slices of `INGEST_SLICE_DAYS` days, **newest first**.
///
/// Why newest first: a slice's daily recompute is exact only if every later change of its
/// orders is already in the ticket table. An order paid in March and refunded in June has
/// `updated_at` in June; loading March before June would recompute March's days without the
/// refund (until June's slice fixed them). Loaded newest first, the chain of covered windows
/// always reaches now, each slice extends "complete since" backwards without a gap, and the
/// warehouse is right for everything after the slice being loaded while a long backfill runs;
/// a backfill stopped half way leaves the most useful half (the recent one) done.
///
/// Why a fixed grid: slice boundaries are the local midnights of every `sliceDays`-th day
/// counted from 1970-01-01, whatever the backfill's own bounds, so the same command run again
/// (or a `--since-hours` one minutes later) cuts the same slices, and a slice loaded by the
/// first attempt is found covered by the second (``CoverageTracker/covers(_:previous:)``). Only
/// the outer slices are clipped to the backfill's bounds.
struct BackfillPlan: Sendable, Equatable {
    /// Newest first.
    var slices: [BackfillSlice]

    /// `[from, to)`, or `[from, now)` with an open newest slice when `to` is `nil` or not before `now`.
    init(from: Date, to: Date?, now: Date, sliceDays: Int, calendar: SalesCalendar) {
        let isOpen = to.map { $0 >= now } ?? true
        let end = isOpen ? now : (to ?? now)
        var bounds: [(from: Date, to: Date)] = []
        var upper = end
        while upper > from {
            let lower = max(from, Self.boundary(before: upper, sliceDays: max(1, sliceDays), calendar: calendar))
            bounds.append((lower, upper))
            upper = lower
        }
        slices = bounds.enumerated().map { index, bound in
            BackfillSlice(from: bound.from, to: bound.to, isOpen: isOpen && index == 0, number: index + 1, count: bounds.count)
        }
    }

    /// Whether a run of `sinceHours` is a backfill: longer than one slice.
    static func isSliced(sinceHours: Int, sliceDays: Int) -> Bool {
        sinceHours > sliceDays * 24
    }

    /// The latest grid boundary strictly before `instant`.
    static func boundary(before instant: Date, sliceDays: Int, calendar: SalesCalendar) -> Date {
        var day = Int(calendar.day(of: instant))
        day -= day % sliceDays
        var start = calendar.start(ofDay: UInt16(clamping: day))
        if start >= instant {
            day -= sliceDays
            start = calendar.start(ofDay: UInt16(clamping: max(0, day)))
        }
        return day < 0 ? .distantPast : start
    }
}
