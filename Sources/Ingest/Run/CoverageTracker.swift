import Foundation

/// Which days the ticket table holds completely.
///
/// A successful run loads every order whose `updated_at` is inside its window, and an order is
/// updated when it is paid, so a chain of successful, overlapping windows reaching back to `T`
/// means every ticket paid since `T` is in the table in its latest state. A day that starts
/// before `T` may hold only some of its tickets: before recomputing it, the run fetches that
/// day's orders by `payed_at`. This is what lets a 1-hour run correct a day a year old without
/// shrinking it, even on a warehouse that never saw a backfill.
public enum CoverageTracker {
    public struct Window: Sendable, Equatable {
        public var from: Date
        public var to: Date
        public init(from: Date, to: Date) { self.from = from; self.to = to }
    }

    /// The earliest instant from which `current` plus the earlier successful windows cover
    /// time without a gap.
    public static func coveredSince(current: Window, previous: [Window]) -> Date {
        var covered = current.from
        // Latest first: each window that reaches the covered edge extends it backwards.
        for window in previous.sorted(by: { $0.to > $1.to }) {
            guard window.to >= covered else { break }
            covered = min(covered, window.from)
        }
        return covered
    }

    /// Where a run must start so that no change falls between it and the last successful run:
    /// the end of the newest successful window (the latest instant the chain of windows reaching
    /// back from it is known to have loaded; older gaps are what ``coveredSince(current:previous:)``
    /// completes day by day), minus `skew`, for a change the API stamped up to `skew` behind our
    /// clock. `nil` before the first successful run.
    public static func catchUpStart(previous: [Window], skew: TimeInterval) -> Date? {
        previous.map(\.to).max().map { $0.addingTimeInterval(-skew) }
    }

    /// The earliest instant from which `slice` (a window with an upper bound: a backfill's
    /// slice) plus the earlier successful windows cover time without a gap up to the newest
    /// window's end. Unlike ``coveredSince(current:previous:)``, whose window is open (it
    /// reaches now), a bounded slice counts only if the chain from the newest window reaches
    /// down to it; otherwise the gap above it is what its days may miss, and every touched day
    /// before the chain's start is completed by payment time.
    public static func coveredSince(slice: Window, previous: [Window]) -> Date {
        let windows = (previous + [slice]).sorted { $0.to > $1.to }
        guard var covered = windows.first?.from else { return slice.from }
        for window in windows.dropFirst() {
            guard window.to >= covered else { break }
            covered = min(covered, window.from)
        }
        return covered
    }

    /// Whether the successful windows together cover all of `window`: a backfill's slice that
    /// is covered was loaded before (by an earlier attempt of the same backfill, or by other
    /// runs) and is skipped.
    public static func covers(_ window: Window, previous: [Window]) -> Bool {
        var edge = window.from
        for candidate in previous.sorted(by: { $0.from < $1.from }) {
            guard candidate.from <= edge else { break }
            edge = max(edge, candidate.to)
            if edge >= window.to { return true }
        }
        return edge >= window.to
    }
}
