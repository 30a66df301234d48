import Foundation
import Logging
import QTicketsAPI

/// What a backfill has done so far, slice by slice: the windows now covered (a later slice
/// skips what they cover and completes its days from them), the events fetched once for all
/// slices, the days already completed, the rows, the dry-run previews, and the failed slice that stopped it.
struct BackfillProgress: Sendable {
    let runID: String
    var covered: [CoverageTracker.Window]
    var events: [Event]?
    /// Days older than a slice that an earlier slice completed by payment time: every ticket
    /// paid on them is in the table (a later change has a later `updated_at`, loaded by a newer
    /// window or by the next run), so a later slice that touches them recomputes them without
    /// reading them again. Without this, a year's backfill re-read the same old days (those its
    /// refunds touch) in every slice.
    var completeDays = Set<UInt16>()
    private var rows: [String: Int] = [:]
    private var preview: [String] = []
    private var loaded = 0
    private var failure: (kind: RunReport.Failure, message: String)?

    init(runID: String, covered: [CoverageTracker.Window]) {
        self.runID = runID
        self.covered = covered
    }

    mutating func add(_ report: RunReport, window: CoverageTracker.Window, slice: BackfillSlice, name: String, logger: Logger) {
        rows.merge(report.rowsByTable, uniquingKeysWith: +)
        if !report.preview.isEmpty { preview += ["Slice \(name) (\(slice.position)):"] + report.preview }
        let metadata: Logger.Metadata = [
            "slice": "\(name)", "position": "\(slice.position)", "run_id": "\(report.runID)", "status": "\(report.status.rawValue)",
            "rows": "\(report.rowsProcessed)",
        ]
        guard let kind = report.failure else {
            covered.append(window)
            loaded += 1
            logger.info("Backfill slice loaded", metadata: metadata)
            return
        }
        logger.error("Backfill slice failed", metadata: metadata.merging(["error": "\(report.message)"]) { _, new in new })
        // The first failure stopped the backfill; the older slice already under way then fails too.
        guard failure == nil else { return }
        failure = (kind, "slice \(name) (\(slice.position)) failed: \(report.message); the \(loaded) slice(s) loaded before it stay "
            + "loaded: run the same command again to go on from this slice")
    }

    /// Whether a slice failed (the backfill starts no further slice).
    var failed: Bool { failure != nil }

    /// The backfill's report: the rows of every slice, the failure of the one that stopped it.
    func report(metrics: MetricsSnapshot) -> RunReport {
        RunReport(runID: runID, failure: failure?.kind, message: failure?.message ?? "", metrics: metrics, rowsByTable: rows, preview: preview)
    }
}
