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
