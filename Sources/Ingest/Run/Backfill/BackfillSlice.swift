import Foundation

/// One slice of a backfill: the orders whose `updated_at` is in `[from, to)`, loaded, recorded
/// in `meta_job_runs` with these bounds, and their days' facts recomputed, as a run of its own.
struct BackfillSlice: Sendable, Equatable {
    var from: Date
    /// The upper bound; for the ``isOpen`` slice, the backfill's start (where it is cut).
    var to: Date
    /// The newest slice of a backfill that reaches now: no upper bound and a re-check at the
    /// end, exactly as a normal run, so its window ends when its re-check began.
    var isOpen: Bool
    /// 1 is the newest (the first loaded), `count` the oldest.
    var number: Int
    var count: Int

    var window: CoverageTracker.Window { .init(from: from, to: to) }

    /// `2025-03-01..2025-04-01` (local dates; a bound that is not a local midnight gets its time,
    /// an open end is `now`), for the progress line and the logs.
    func name(in calendar: SalesCalendar) -> String {
        "\(Self.label(from, calendar)).." + (isOpen ? "now" : Self.label(to, calendar))
    }

    /// `2/12`: where the slice stands in the backfill.
    var position: String { "\(number)/\(count)" }

    private static func label(_ date: Date, _ calendar: SalesCalendar) -> String {
        let day = calendar.day(of: date)
        let seconds = Int(date.timeIntervalSince(calendar.start(ofDay: day)).rounded(.down))
        guard seconds != 0 else { return SalesCalendar.isoDate(day) }
        return SalesCalendar.isoDate(day) + String(format: "T%02d:%02d", seconds / 3_600, seconds % 3_600 / 60)
    }
}
