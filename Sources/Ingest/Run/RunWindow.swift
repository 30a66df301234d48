import Foundation

/// Where a run's window starts, and why: `now − since-hours` (`lookback`), or earlier when the
/// last successful window ended before that (`catch-up`, after an outage), so that no change
/// falls between two runs. The window has no upper bound; the run records as its end the
/// instant its re-check began.
struct RunWindow: Sendable, Equatable {
    enum Reason: String, Sendable {
        case lookback
        case catchUp = "catch-up"
    }

    var from: Date
    var reason: Reason
    /// The run's start.
    var now: Date

    /// `min(now − since-hours, catch-up start)`; see ``CoverageTracker/catchUpStart(previous:skew:)``.
    init(now: Date, sinceHours: Int, previous: [CoverageTracker.Window], skew: TimeInterval) {
        let lookback = now.addingTimeInterval(-Double(sinceHours) * 3_600)
        self.now = now
        if let catchUp = CoverageTracker.catchUpStart(previous: previous, skew: skew), catchUp < lookback {
            (from, reason) = (catchUp, .catchUp)
        } else {
            (from, reason) = (lookback, .lookback)
        }
    }

    /// Hours from the window's start to the run's, rounded up.
    var hours: Int { Int((now.timeIntervalSince(from) / 3_600).rounded(.up)) }

    /// Throws when this is a catch-up longer than `maxHours`: a gap that long is closed by a
    /// backfill the operator starts, not silently by a timer run.
    func requireCatchUp(atMost maxHours: Int) throws(CatchUpTooLong) {
        guard reason == .catchUp, now.timeIntervalSince(from) > Double(maxHours) * 3_600 else { return }
        throw CatchUpTooLong(gapStart: from, hours: hours, maxHours: maxHours)
    }
}

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
