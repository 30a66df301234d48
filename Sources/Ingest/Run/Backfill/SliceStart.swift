import Foundation

/// Where a slice's fetch starts, and from when its days are complete.
///
/// An older slice is fetched whole, `[from, to)`; its days are complete from where the chain
/// of windows reaching down from the newest one ends (``CoverageTracker/coveredSince(slice:previous:)``).
/// The open, newest slice is a normal run: when the successful windows already cover it from
/// its start up to the newest window's end (a rerun minutes later), it fetches only from that
/// end minus the clock skew (``CoverageTracker/catchUpStart(previous:skew:)``), and is still
/// recorded with its whole bounds, which it then covers.
struct SliceStart: Sendable, Equatable {
    var from: Date
    var coveredSince: Date
    /// `slice` (the slice's start) or `catch-up`.
    var reason: String

    init(_ slice: BackfillSlice, covered: [CoverageTracker.Window], skew: TimeInterval) {
        guard slice.isOpen else {
            (from, reason) = (slice.from, "slice")
            coveredSince = CoverageTracker.coveredSince(slice: slice.window, previous: covered)
            return
        }
        if let catchUp = CoverageTracker.catchUpStart(previous: covered, skew: skew), catchUp > slice.from,
           CoverageTracker.covers(.init(from: slice.from, to: catchUp), previous: covered) {
            (from, reason) = (catchUp, "catch-up")
        } else {
            (from, reason) = (slice.from, "slice")
        }
        coveredSince = CoverageTracker.coveredSince(current: .init(from: from, to: slice.to), previous: covered)
    }
}
