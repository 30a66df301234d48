import Foundation

/// What the successful windows in `meta_job_runs` say about the ticket table: since when it
/// is complete, up to when, and the newest hole behind that.
///
/// The same chain rule as ``CoverageTracker``: walking back from the newest successful window,
/// each window that reaches the covered edge extends it; the first that does not leaves a gap
/// (between its end and the edge) that only a backfill closes.
public struct CoverageSummary: Sendable, Equatable {
    /// The start of the unbroken chain of windows reaching the newest one; `nil`: no window.
    public var completeSince: Date?
    /// The end of the newest successful window.
    public var coveredUntil: Date?
    /// The newest period no successful window covers, between older windows and the chain.
    public var gap: CoverageTracker.Window?

    public init(windows: [CoverageTracker.Window]) {
        let newestFirst = windows.sorted { $0.to > $1.to }
        guard let newest = newestFirst.first else { return }
        var since = newest.from
        for window in newestFirst.dropFirst() {
            guard window.to >= since else {
                gap = CoverageTracker.Window(from: window.to, to: since)
                break
            }
            since = min(since, window.from)
        }
        completeSince = since
        coveredUntil = newest.to
    }

    /// The gap's length in seconds; 0 without one.
    public var gapSeconds: Double { gap.map { $0.to.timeIntervalSince($0.from) } ?? 0 }
}
