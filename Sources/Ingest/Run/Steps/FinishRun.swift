import Foundation

/// Step 5: the run's outcome, recorded and reported.
///
/// Malformed records that had to be skipped fail the run (the facts may miss them); the final
/// `meta_job_runs` row replaces the `running` one and the small tables are merged, even after a
/// signal; then the sinks and the warehouse add their previews (a dry run's only output).
struct FinishRun: Sendable {
    struct Failure: Sendable {
        var kind: RunReport.Failure
        var message: String
    }

    let context: RunContext

    /// `recorded`: the run's `running` row was written, so its final row must be too, with
    /// `window`. Only a successful run's window counts as coverage.
    func run(failure: Failure?, rows: [String: Int], recorded: Bool, window: CoverageTracker.Window) async -> RunReport {
        var failure = failure
        let snapshot = await context.metrics.snapshot()
        if failure == nil, snapshot.skippedTotal > 0 {
            let ids = snapshot.skipped.prefix(20).map { $0.id.map(String.init) ?? "?" }.joined(separator: ",")
            let more = snapshot.skippedTotal > 20 ? ",…" : ""
            failure = Failure(
                kind: .run, message: "\(snapshot.skippedTotal) malformed record(s) skipped (ids \(ids)\(more)); the facts may miss them")
        }
        var report = RunReport(
            runID: context.options.runID, failure: failure?.kind, message: failure?.message ?? "",
            metrics: await context.metrics.snapshot(), rowsByTable: rows, preview: []
        )
        if recorded { await record(report, window: window) }
        report.preview = await context.tickets.preview() + context.warehouse.preview()
        return report
    }

    /// Outside any cancelled task: a run stopped by a signal is still recorded as failed.
    private func record(_ report: RunReport, window: CoverageTracker.Window) async {
        let row = JobRunRow(
            run: context, window: window, status: JobRunRow.Status(report.status), message: report.message,
            finishedAt: context.options.wallClock(),
            rows: report.rowsProcessed, metrics: report.metrics.json()
        )
        let warehouse = context.warehouse
        let logger = context.logger
        await Task {
            do {
                try await warehouse.recordRun(row)
                try await warehouse.compact()
            } catch {
                logger.error("Could not record the run in meta_job_runs", metadata: ["error": "\(error)"])
            }
        }.value
    }
}
