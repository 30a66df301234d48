import Foundation

/// Which days a backfill slice recomputes, beyond the days its orders touch.
///
/// A slice's orders touch older days too (a refund this month of a ticket paid last month).
/// Read by payment time, such a day would be fetched once per slice that touches it, a third
/// more requests over a backfill in 30-day slices. But when an older slice of the same backfill
/// is still to run, that slice loads every order paid on the day: an order is paid before it
/// is last updated, so it lies in that slice or in a newer one, already loaded. So such a day
/// is **deferred**: this slice neither reads nor recomputes it, and the older slice recomputes
/// **every** day of its own range (``own``), whether its orders touch the day or not. That rule
/// needs no memory between slices, so it holds after a SIGKILL too: a rerun's older slice
/// recomputes all its days again. Days older than every slice still to run are completed by
/// payment time as in any run. A deferred day is one whose own slice is not loaded yet, so it
/// was not exact before either: a backfill that stops early leaves it for the rerun it asks for.
struct SliceDays: Sendable, Equatable {
    /// Every day of the slice: recomputed from all their tickets once the slice is loaded.
    var own: Set<UInt16>
    /// Days of older slices this backfill still loads: not read by payment time, not recomputed.
    var deferred: Set<UInt16>

    /// A run that is not a slice: nothing added, nothing deferred.
    static let none = SliceDays(own: [], deferred: [])

    /// The days of `slice`, and those of `pending` (the older slices this backfill still runs),
    /// in `calendar`'s days.
    init(slice: BackfillSlice, pending: [BackfillSlice], calendar: SalesCalendar) {
        own = slice.isOpen ? [] : Self.days(from: slice.from, to: slice.to, calendar)
        deferred = pending.reduce(into: Set<UInt16>()) { $0.formUnion(Self.days(from: $1.from, to: $1.to, calendar)) }.subtracting(own)
    }

    init(own: Set<UInt16>, deferred: Set<UInt16>) {
        self.own = own
        self.deferred = deferred
    }

    /// The days that `[from, to)` meets (the first one may start before `from`).
    static func days(from: Date, to: Date, _ calendar: SalesCalendar) -> Set<UInt16> {
        guard to > from else { return [] }
        let first = calendar.day(of: from)
        let last = calendar.day(of: to.addingTimeInterval(-1))
        return first <= last ? Set(first...last) : []
    }
}
