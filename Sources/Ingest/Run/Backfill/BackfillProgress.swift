import Foundation
import Logging
import QTicketsAPI

/// What a backfill has done so far, slice by slice: the windows now covered (a later slice
/// skips what they cover and completes its days from them), the events fetched once for all
/// slices, the rows, the dry-run previews, and the failed slice that stopped it.
struct BackfillProgress: Sendable {
    let runID: String
    var covered: [CoverageTracker.Window]
    var events: [Event]?
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
        failure = (kind, "slice \(name) (\(slice.position)) failed: \(report.message); the \(loaded) slice(s) loaded before it stay "
            + "loaded: run the same command again to go on from this slice")
    }

    /// The backfill's report: the rows of every slice, the failure of the one that stopped it.
    func report(metrics: MetricsSnapshot) -> RunReport {
        RunReport(runID: runID, failure: failure?.kind, message: failure?.message ?? "", metrics: metrics, rowsByTable: rows, preview: preview)
    }
}
