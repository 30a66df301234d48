import Foundation

/// A catch-up longer than `INGEST_MAX_CATCH_UP_HOURS`: says how far back the gap reaches and
/// the command that closes it (an hour of slack, so it still does if run a little later).
struct CatchUpTooLong: Error, Sendable, Equatable, CustomStringConvertible {
    var gapStart: Date
    var hours: Int
    var maxHours: Int

    var backfillCommand: String { "qtickets-ingest --envfile … --since-hours \(hours + 1)" }

    var description: String {
        "catch-up too long: the changes not yet loaded reach back to \(gapStart.formatted(.iso8601)) (the last successful "
            + "window's end minus the clock skew), \(hours) hours, more than INGEST_MAX_CATCH_UP_HOURS=\(maxHours); "
            + "close the gap with a backfill: \(backfillCommand)"
    }
}
